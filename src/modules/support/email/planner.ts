import type { ParsedMail } from 'mailparser';

/**
 * What an inbound mail is, decided from the parsed message alone (pure, so every rule is tested
 * without SMTP or a database):
 * - `bounce`: what looks like a delivery failure report (null sender, MAILER-DAEMON, multipart/report
 *   delivery-status). Never opens a conversation and is never answered; only a real delivery status
 *   notification about a mail we sent is noted on that conversation (dsn.ts), the rest is dropped.
 * - `auto`: an auto-reply, list or other report mail (Auto-Submitted other than `no`, X-Autoreply,
 *   X-Autorespond, Precedence bulk/junk/auto_reply/list, List-Id, any other multipart/report). Never
 *   opens a conversation and is never answered, so two auto-responders cannot loop through us; one
 *   that answers a known thread of its sender is kept on it as an internal note so the agent sees it.
 * - `mail`: a person writing in: threaded by the ids it refers to, else by `[#number]`, else new —
 *   each only onto a conversation the sender takes part in (inbound.ts).
 */
export type MailKind = 'mail' | 'bounce' | 'auto';

export interface MailPlan {
  kind: MailKind;
  /** The sender's address (lower-cased) and name; From is taken as given, never trusted as staff. */
  fromAddress: string | null;
  fromName: string | null;
  /**
   * Where an automatic answer goes (RFC 3834 §4): the return path (SMTP MAIL FROM) when the mail came
   * with one, else From — never a third address named in the headers.
   */
  autoReplyTo: string | null;
  messageId: string | null;
  /** In-Reply-To first, then References newest first: the ids to look up in support_message_ids. */
  threadIds: string[];
  /** References as the mail gave them (oldest first): a reply to this mail carries them on. */
  references: string[];
  /** The other addresses the sender copied (To and Cc, not the desk's), lower-cased. */
  copied: string[];
  /** The sender asked for no automatic answer (`X-Auto-Response-Suppress` All, AutoReply or OOF). */
  noAutoReply: boolean;
  /** `[#1042]` in the subject. */
  ticketNumber: number | null;
  subject: string;
}

const AUTO_PRECEDENCE = new Set(['bulk', 'junk', 'auto_reply', 'list']);

/** Reads one header as text (mailparser gives structured values for some). */
function header(mail: ParsedMail, name: string): string | null {
  const v = mail.headers.get(name);
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
  return String(v);
}

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : v.split(/\s+/).filter(Boolean);

/** mailparser gives Content-Type as { value, params }. */
export const contentType = (mail: ParsedMail) =>
  mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;

export function isBounce(mail: ParsedMail, envelopeFrom: string | null): boolean {
  if (envelopeFrom !== null && envelopeFrom.trim() === '') return true;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(from)) return true;
  const type = contentType(mail);
  return (
    type?.value?.toLowerCase() === 'multipart/report' &&
    (type.params?.['report-type'] ?? '').toLowerCase() === 'delivery-status'
  );
}

export function isAutoReply(mail: ParsedMail): boolean {
  const submitted = header(mail, 'auto-submitted')?.trim().toLowerCase();
  if (submitted && submitted !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  const precedence = header(mail, 'precedence')?.trim().toLowerCase();
  if (precedence && AUTO_PRECEDENCE.has(precedence)) return true;
  // mailparser folds the List-* headers into one structured `list` header ({ id, unsubscribe, … }).
  const list = mail.headers.get('list') as { id?: unknown } | undefined;
  if (mail.headers.has('list-id') || Boolean(list?.id)) return true;
  // Read receipts and other machine reports (a delivery-status one is a bounce, checked first).
  return contentType(mail)?.value?.toLowerCase() === 'multipart/report';
}

/** Exchange's way of asking for no auto-replies (RFC 3834 has no header for it). */
const SUPPRESS = /\b(all|autoreply|oof)\b/i;

export function ticketNumberIn(subject: string): number | null {
  const m = /\[#(\d{1,12})\]/.exec(subject);
  return m ? Number(m[1]) : null;
}

const addressesIn = (v: ParsedMail['to']): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v])
    .flatMap((a) => a.value)
    .flatMap((a) => [a.address, ...(a.group ?? []).map((g) => g.address)])
    .filter((a): a is string => Boolean(a))
    .map((a) => a.toLowerCase());

/**
 * `envelopeFrom`: the SMTP MAIL FROM ('' for a null sender `<>`, null when unknown); `desk`: the
 * desk's own addresses, left out of `copied`.
 */
export function planInbound(mail: ParsedMail, envelopeFrom: string | null, desk: string[] = []): MailPlan {
  const subject = (mail.subject ?? '')
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 500);
  const sender = mail.from?.value[0];
  const inReplyTo = mail.inReplyTo ? asList(mail.inReplyTo) : [];
  const references = asList(mail.references);
  const fromAddress = sender?.address?.toLowerCase() ?? null;
  const own = new Set([...desk.map((a) => a.toLowerCase()), fromAddress]);
  const copied = [...new Set([...addressesIn(mail.to), ...addressesIn(mail.cc)])].filter((a) => !own.has(a));
  return {
    kind: isBounce(mail, envelopeFrom) ? 'bounce' : isAutoReply(mail) ? 'auto' : 'mail',
    fromAddress,
    fromName: sender?.name?.trim() ? sender.name.trim().slice(0, 200) : null,
    autoReplyTo: envelopeFrom?.trim() ? envelopeFrom.trim().toLowerCase() : fromAddress,
    messageId: mail.messageId ?? null,
    threadIds: [...new Set([...inReplyTo, ...[...references].reverse()])],
    references: references.slice(-50),
    copied: copied.slice(0, 20),
    noAutoReply: SUPPRESS.test(header(mail, 'x-auto-response-suppress') ?? ''),
    ticketNumber: ticketNumberIn(subject),
    subject,
  };
}
