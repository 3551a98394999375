import { simpleParser, type ParsedMail } from 'mailparser';
import { contentType } from './planner.js';

/**
 * A delivery status notification (RFC 3464/6522), read only from its machine-readable parts: the
 * per-recipient fields of the `message/delivery-status` part and the Message-ID in the returned
 * original (`message/rfc822` or `text/rfc822-headers`). The human-readable part — free text anyone can
 * write — is never read, so a forged "bounce" cannot name ids in its body or put words in a note.
 * mailparser must be run with `keepDeliveryStatus: true` (smtp.ts) to keep that part as an attachment.
 */
export interface DeliveryReport {
  /** The Message-ID of the mail reported on (normally one). */
  originalIds: string[];
  /** The recipients whose delivery failed or is delayed. */
  failures: { recipient: string | null; action: 'failed' | 'delayed'; status: string | null }[];
}

const STATUS_PARTS = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_PARTS = new Set([
  'message/rfc822',
  'text/rfc822-headers',
  'message/global',
  'message/global-headers',
]);
const ADDRESS = /^[^@\s<>"]{1,200}@[^@\s<>"]{1,200}$/;
const STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;

/** The groups of `Field: value` lines (blank-line separated, folded lines joined), names lower-cased. */
export function statusGroups(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((group) => {
      const fields = new Map<string, string>();
      for (const line of group.split('\n')) {
        const m = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*)$/.exec(line);
        if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
      }
      return fields;
    })
    .filter((f) => f.size > 0);
}

/** `rfc822; ann@x.example` → the address, when it is one. */
function recipientOf(field: string | undefined): string | null {
  const value =
    field
      ?.replace(/^[a-z0-9-]+\s*;\s*/i, '')
      .trim()
      .toLowerCase() ?? '';
  return ADDRESS.test(value) ? value : null;
}

/** The report, or null when the mail is not a delivery status notification at all. */
export async function readDeliveryReport(mail: ParsedMail): Promise<DeliveryReport | null> {
  const type = contentType(mail);
  if (type?.value?.toLowerCase() !== 'multipart/report') return null;
  if ((type.params?.['report-type'] ?? '').toLowerCase() !== 'delivery-status') return null;
  const status = mail.attachments.find((a) => STATUS_PARTS.has(a.contentType.toLowerCase()));
  if (!status) return null;
  // The first group is per message (Reporting-MTA …), the rest one per recipient.
  const failures: DeliveryReport['failures'] = [];
  for (const group of statusGroups(status.content.toString('utf8')).slice(1)) {
    const action = group.get('action')?.toLowerCase();
    if (action !== 'failed' && action !== 'delayed') continue;
    const code = group.get('status')?.split(/\s/)[0] ?? '';
    failures.push({
      recipient: recipientOf(group.get('final-recipient') ?? group.get('original-recipient')),
      action,
      status: STATUS.test(code) ? code : null,
    });
  }
  const original = mail.attachments.find((a) => ORIGINAL_PARTS.has(a.contentType.toLowerCase()));
  let originalIds: string[] = [];
  if (original) {
    // Only the header block counts (rfc822-headers has no body; a full message's body is ignored).
    const head = original.content.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
    const parsed = await simpleParser(Buffer.from(`${head}\r\n\r\n`, 'latin1'));
    if (parsed.messageId) originalIds = [parsed.messageId];
  }
  return { originalIds, failures };
}

/** What a few common status codes (RFC 3463) mean, for the agent's note. */
const MEANING: Record<string, string> = {
  '5.1.1': 'the mailbox does not exist',
  '5.1.2': 'the domain does not exist',
  '5.1.10': 'the domain accepts no mail',
  '5.2.1': 'the mailbox is disabled',
  '5.2.2': 'the mailbox is full',
  '5.2.3': 'the message is too large for the mailbox',
  '5.7.1': "refused by the recipient's server",
};

/** The internal note for a report: built from the parsed fields only, never from the report's text. */
export function bounceNote(report: DeliveryReport): string {
  const lines = report.failures.slice(0, 5).map((f) => {
    const who = f.recipient ?? 'the recipient';
    const why = f.status
      ? ` (${f.status}${MEANING[f.status] ? `: ${MEANING[f.status]}` : f.status.startsWith('4') ? ': temporary' : ''})`
      : '';
    return f.action === 'failed'
      ? `Delivery of our mail to ${who} failed${why}.`
      : `Delivery of our mail to ${who} is delayed${why}; the sending server keeps trying.`;
  });
  return lines.join('\n');
}
