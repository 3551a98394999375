import { and, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { OutgoingMail } from '../../../integrations/mail/mailer.js';
import type { Conversations } from '../conversations/service.js';
import type { ConversationRow } from '../hooks.js';
import { conversations, supportMessageIds } from '../schema.js';
import { acknowledgement } from './ack.js';
import { bouncedMessageIds, planInbound, type MailPlan } from './planner.js';
import { plainHeader, sanitizeEmailHtml } from './sanitize.js';

export interface EmailSettings {
  /** The desk's addresses; the first is the From of everything the desk sends. */
  addresses: string[];
  /** A reply with neither ids nor `[#n]` threads by subject and sender within this many days. */
  threadDays: number;
  /** At most this many acknowledgements per sender per hour (two auto-responders cannot loop). */
  acksPerHour: number;
}

export interface MailQueue {
  queue(tx: Executor, mail: OutgoingMail): Promise<void>;
}

export type InboundResult =
  | { action: 'opened' | 'threaded'; conversationId: string; acknowledged: boolean }
  | { action: 'noted'; conversationId: string }
  | { action: 'duplicate' | 'dropped'; reason: string };

const BODY_MAX = 100_000;
/** A Message-ID of our own, on the host of the desk's first address. */
export const newMessageId = (addresses: string[]) =>
  `<${randomUUID()}@${addresses[0]?.split('@')[1] ?? 'brokerdesk.local'}>`;
const normalSubject = (s: string) =>
  s
    .replace(/\[#\d+\]/g, '')
    .replace(/^\s*((re|fw|fwd|aw|wg|sv)\s*:\s*)+/i, '')
    .trim()
    .toLowerCase();

/**
 * Mail that came in through the desk's SMTP server, into conversations. One transaction per mail:
 * a Message-ID is recorded once (the second delivery of the same mail is taken as a duplicate), the
 * message and the acknowledgement commit together. The author is always the customer, whatever From
 * says: anyone can write an agent's address in From.
 */
export class EmailInbound {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly conversations: Conversations,
    private readonly mailer: MailQueue,
    private readonly settings: EmailSettings,
  ) {}

  async receive(mail: ParsedMail, raw: string, envelopeFrom: string | null): Promise<InboundResult> {
    const plan = planInbound(mail, envelopeFrom);
    try {
      return await this.db.transaction((tx) => this.take(tx, plan, mail, raw));
    } catch (err) {
      // The same Message-ID committed by a concurrent delivery: its primary key refused ours.
      if ((err as { code?: string }).code === '23505' || /duplicate key/.test(String(err)))
        return { action: 'duplicate', reason: 'message_id_seen' };
      throw err;
    }
  }

  private async take(tx: Executor, plan: MailPlan, mail: ParsedMail, raw: string): Promise<InboundResult> {
    if (plan.messageId && (await this.known(tx, [plan.messageId])))
      return { action: 'duplicate', reason: 'message_id_seen' };
    if (plan.kind === 'bounce') {
      const bounced = await this.known(tx, bouncedMessageIds(mail, raw));
      const conversationId = bounced && (await this.stillOpen(tx, bounced))?.id;
      if (!conversationId) return { action: 'dropped', reason: 'bounce' };
      await this.conversations.addMessage(tx, conversationId, {
        authorKind: 'system',
        visibility: 'internal',
        body: `Delivery failed: ${plainHeader(plan.subject) || 'bounce'}\n\n${(mail.text ?? '').slice(0, 2000)}`,
        email: { direction: 'in', kind: 'bounce', messageId: plan.messageId },
      });
      await this.remember(tx, plan.messageId, conversationId);
      return { action: 'noted', conversationId };
    }
    if (!plan.fromAddress) return { action: 'dropped', reason: 'no_sender' };
    const existing = await this.thread(tx, plan);
    const text = (mail.text ?? '').slice(0, BODY_MAX).trim();
    const html = typeof mail.html === 'string' ? sanitizeEmailHtml(mail.html).slice(0, BODY_MAX) : null;
    const name = plan.fromName ? plainHeader(plan.fromName) || null : null;
    const email = {
      direction: 'in',
      messageId: plan.messageId,
      inReplyTo: mail.inReplyTo ?? null,
      references: plan.threadIds,
      from: plan.fromAddress,
    };
    if (plan.kind === 'auto') {
      // An out-of-office on a known thread is worth seeing, but it is not the customer answering.
      if (!existing) return { action: 'dropped', reason: 'auto_reply' };
      await this.conversations.addMessage(tx, existing.id, {
        authorKind: 'customer',
        authorName: name,
        visibility: 'internal',
        body: text || plainHeader(plan.subject) || '(auto-reply)',
        email: { ...email, kind: 'auto' },
      });
      await this.remember(tx, plan.messageId, existing.id);
      return { action: 'noted', conversationId: existing.id };
    }
    const opened = !existing;
    const conversation =
      existing ??
      (await this.conversations.open(tx, {
        channel: 'email',
        subject: plainHeader(plan.subject).slice(0, 300) || null,
        contactName: name,
        contactEmail: plan.fromAddress,
        actor: { kind: 'customer', name },
      }));
    const { conversation: after } = await this.conversations.addMessage(tx, conversation.id, {
      authorKind: 'customer',
      authorName: name,
      body: text || (html ? plainHeader(html) : '') || '(empty message)',
      bodyHtml: html || null,
      email,
    });
    await this.remember(tx, plan.messageId, conversation.id);
    const acknowledged = opened && (await this.acknowledge(tx, after, plan));
    return { action: opened ? 'opened' : 'threaded', conversationId: conversation.id, acknowledged };
  }

  /** The conversation one of these Message-IDs belongs to. */
  private async known(tx: Executor, ids: string[]): Promise<string | null> {
    if (ids.length === 0) return null;
    const [row] = await tx
      .select({ id: supportMessageIds.conversationId })
      .from(supportMessageIds)
      .where(inArray(supportMessageIds.messageId, ids))
      .limit(1);
    return row?.id ?? null;
  }

  private async remember(tx: Executor, messageId: string | null, conversationId: string): Promise<void> {
    if (messageId) await tx.insert(supportMessageIds).values({ messageId, conversationId });
  }

  /** Threading: the ids it answers, then `[#number]` of the same sender, then subject + sender lately. */
  private async thread(tx: Executor, plan: MailPlan): Promise<ConversationRow | null> {
    const byId = await this.known(tx, plan.threadIds);
    const sameSender = sql`lower(${conversations.contactEmail}) = ${plan.fromAddress}`;
    let where;
    if (byId) where = eq(conversations.id, byId);
    // `[#n]` only finds email conversations: a cabinet ticket or a chat is answered where it lives, and
    // a forged From must not put words into a trader's signed-in ticket.
    else if (plan.ticketNumber !== null)
      where = and(
        eq(conversations.number, plan.ticketNumber),
        eq(conversations.channel, 'email'),
        sameSender,
      );
    else {
      const subject = normalSubject(plan.subject);
      if (!subject) return null;
      const since = new Date(this.clock.now().getTime() - this.settings.threadDays * 86_400_000);
      where = and(
        eq(conversations.channel, 'email'),
        sameSender,
        ne(conversations.status, 'closed'),
        gt(conversations.updatedAt, since),
        sql`lower(regexp_replace(coalesce(${conversations.subject}, ''), '^\\s*((re|fw|fwd|aw|wg|sv)\\s*:\\s*)+', '', 'i')) = ${subject}`,
      );
    }
    const [row] = await tx
      .select()
      .from(conversations)
      .where(where)
      .orderBy(desc(conversations.updatedAt))
      .limit(1);
    return row ? this.stillOpen(tx, row.id) : null;
  }

  /**
   * The conversation a mail may still join: a merged one's target, and none when it is closed — the
   * mail then opens a new conversation (or, a bounce or auto-reply, is dropped) instead of being
   * refused with a temporary error its sender would retry for days.
   */
  private async stillOpen(tx: Executor, id: string): Promise<ConversationRow | null> {
    let next: string | null = id;
    for (let hop = 0; next && hop < 5; hop++) {
      const [row]: ConversationRow[] = await tx
        .select()
        .from(conversations)
        .where(eq(conversations.id, next));
      if (!row) return null;
      if (!row.mergedIntoId) return row.status === 'closed' ? null : row;
      next = row.mergedIntoId;
    }
    return null;
  }

  /** Queues the acknowledgement unless this sender already had `acksPerHour` new conversations. */
  private async acknowledge(tx: Executor, conversation: ConversationRow, plan: MailPlan): Promise<boolean> {
    const since = new Date(this.clock.now().getTime() - 3_600_000);
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(
        and(
          eq(conversations.channel, 'email'),
          sql`lower(${conversations.contactEmail}) = ${plan.fromAddress}`,
          gt(conversations.createdAt, since),
        ),
      );
    if ((recent?.n ?? 0) > this.settings.acksPerHour) return false;
    const { subject, text } = acknowledgement(conversation);
    const messageId = newMessageId(this.settings.addresses);
    await this.mailer.queue(tx, {
      to: plan.fromAddress!,
      subject,
      text,
      from: this.settings.addresses[0],
      messageId,
      ...(plan.messageId ? { inReplyTo: plan.messageId, references: [plan.messageId] } : {}),
    });
    await this.remember(tx, messageId, conversation.id);
    return true;
  }
}
