import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/connection.js';
import type { ConversationRow, MessageRow } from '../hooks.js';
import { conversationMessages, supportMessageIds } from '../schema.js';
import { newMessageId, type MailQueue } from './inbound.js';

/** How many earlier public messages are quoted below a reply, and how many ids References carries. */
const QUOTED = 3;
const REFERENCES_MAX = 20;

/** `> `-quotes a message's text, under a line saying who wrote it. */
function quote(message: MessageRow): string {
  const who = message.authorName || (message.authorKind === 'customer' ? 'You' : 'Support');
  const when = message.createdAt.toISOString().slice(0, 16).replace('T', ' ');
  const lines = message.body.split(/\r?\n/).map((l) => (l ? `> ${l}` : '>'));
  return `On ${when} UTC, ${who} wrote:\n${lines.join('\n')}`;
}

/** `Re: <subject> [#n]`, without stacking Re: or the tag when the subject already has them. */
export function replySubject(conversation: Pick<ConversationRow, 'subject' | 'number'>): string {
  const base = (conversation.subject ?? '')
    .replace(/\[#\d+\]/g, '')
    .replace(/^\s*((re|fw|fwd|aw)\s*:\s*)+/i, '')
    .trim();
  return `Re: ${base || 'Your request'} [#${conversation.number}]`;
}

/**
 * An agent's public message on an email conversation, mailed to the contact (a `hooks.onMessage`
 * subscriber, so it is queued in the transaction that stores the message: no message without its
 * mail, no mail for a rolled-back message). The mail threads in the customer's client: In-Reply-To is
 * the last Message-ID the customer sent, References that mail's References and its id, and its own
 * new Message-ID is recorded (as the desk's own) so the customer's answer comes back here.
 */
export class EmailOutbound {
  constructor(
    private readonly mailer: MailQueue,
    private readonly addresses: string[],
  ) {}

  readonly onMessage = async (tx: Executor, conversation: ConversationRow, message: MessageRow) => {
    if (conversation.channel !== 'email' || !conversation.contactEmail) return;
    if (message.authorKind !== 'agent' || message.visibility !== 'public') return;
    const earlier = await tx
      .select()
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.conversationId, conversation.id),
          eq(conversationMessages.visibility, 'public'),
          lt(conversationMessages.seq, message.seq),
        ),
      )
      .orderBy(desc(conversationMessages.seq))
      .limit(50);
    // The parent is the customer's last mail: In-Reply-To names it, References is its References plus
    // its id (RFC 5322 3.6.4) — not every id the conversation holds (a bounce's, an auto-reply's).
    const parent = earlier.find((m) => m.authorKind === 'customer' && typeof m.email?.messageId === 'string')
      ?.email as { messageId: string; references?: unknown; inReplyTo?: unknown } | undefined;
    let references: string[];
    if (parent) {
      const given = Array.isArray(parent.references)
        ? parent.references.filter((r): r is string => typeof r === 'string')
        : typeof parent.inReplyTo === 'string'
          ? [parent.inReplyTo]
          : [];
      references = [...new Set([...given, parent.messageId])];
    } else {
      // No mail from the customer yet (a chat converted to email): the desk's own earlier mail.
      const own = await tx
        .select({ id: supportMessageIds.messageId })
        .from(supportMessageIds)
        .where(
          and(eq(supportMessageIds.conversationId, conversation.id), eq(supportMessageIds.outbound, true)),
        )
        .orderBy(asc(supportMessageIds.createdAt), asc(sql`${supportMessageIds.messageId}`));
      references = own.map((r) => r.id);
    }
    // The root and the newest ids are what clients thread by; long chains keep both ends.
    if (references.length > REFERENCES_MAX)
      references = [references[0]!, ...references.slice(-(REFERENCES_MAX - 1))];
    const quoted = earlier.slice(0, QUOTED).map(quote);
    const text = [message.body.trim(), ...quoted].join('\n\n') + '\n';
    const messageId = newMessageId(this.addresses);
    await this.mailer.queue(tx, {
      to: conversation.contactEmail,
      subject: replySubject(conversation),
      text,
      from: this.addresses[0],
      messageId,
      ...(parent ? { inReplyTo: parent.messageId } : {}),
      ...(references.length > 0 ? { references } : {}),
    });
    await tx.insert(supportMessageIds).values({ messageId, conversationId: conversation.id, outbound: true });
  };
}
