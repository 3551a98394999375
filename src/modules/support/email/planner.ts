import type { ParsedMail } from 'mailparser';

/**
 * What an inbound mail is, decided from the parsed message alone (pure, so every rule is tested
 * without SMTP or a database):
 * - `bounce`: a delivery failure report (null sender, MAILER-DAEMON, multipart/report
 *   delivery-status). Never opens a conversation and is never answered; a bounce of one of our
 *   replies may be noted on that conversation.
 * - `auto`: an auto-reply or list mail (Auto-Submitted other than `no`, X-Autoreply, X-Autorespond,
 *   Precedence bulk/junk/auto_reply/list, List-Id). Never opens a conversation and is never answered,
 *   so two auto-responders cannot loop through us; one that answers a known thread is kept on it as
 *   an internal note so the agent sees it.
 * - `mail`: a person writing in: threaded by the ids it refers to, else by `[#number]`, else new.
 */
export type MailKind = 'mail' | 'bounce' | 'auto';

export interface MailPlan {
  kind: MailKind;
  /** The sender's address (lower-cased) and name; From is taken as given, never trusted as staff. */
  fromAddress: string | null;
  fromName: string | null;
  messageId: string | null;
  /** In-Reply-To first, then References newest first: the ids to look up in support_message_ids. */
  threadIds: string[];
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

export function isBounce(mail: ParsedMail, envelopeFrom: string | null): boolean {
  if (envelopeFrom !== null && envelopeFrom.trim() === '') return true;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(from)) return true;
  // mailparser gives Content-Type as { value, params }.
  const type = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
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
  return mail.headers.has('list-id') || Boolean(list?.id);
}

export function ticketNumberIn(subject: string): number | null {
  const m = /\[#(\d{1,12})\]/.exec(subject);
  return m ? Number(m[1]) : null;
}

/** `envelopeFrom`: the SMTP MAIL FROM ('' for a null sender `<>`, null when unknown). */
export function planInbound(mail: ParsedMail, envelopeFrom: string | null): MailPlan {
  const subject = (mail.subject ?? '')
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 500);
  const sender = mail.from?.value[0];
  const inReplyTo = mail.inReplyTo ? asList(mail.inReplyTo) : [];
  const references = asList(mail.references).reverse();
  return {
    kind: isBounce(mail, envelopeFrom) ? 'bounce' : isAutoReply(mail) ? 'auto' : 'mail',
    fromAddress: sender?.address?.toLowerCase() ?? null,
    fromName: sender?.name?.trim() ? sender.name.trim().slice(0, 200) : null,
    messageId: mail.messageId ?? null,
    threadIds: [...new Set([...inReplyTo, ...references])],
    ticketNumber: ticketNumberIn(subject),
    subject,
  };
}

/** A bounce names the mail it reports on in its attached original headers (or its own References). */
export function bouncedMessageIds(mail: ParsedMail, raw: string): string[] {
  const ids = new Set(asList(mail.references).concat(mail.inReplyTo ? asList(mail.inReplyTo) : []));
  for (const m of raw.matchAll(/^Message-ID:\s*(<[^>\s]+>)/gim)) ids.add(m[1]!);
  if (mail.messageId) ids.delete(mail.messageId);
  return [...ids];
}
