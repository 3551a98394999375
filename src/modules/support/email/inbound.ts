import { and, desc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { OutgoingMail } from '../../../integrations/mail/mailer.js';
import type { AttachmentStore } from '../attachments/store.js';
import { MESSAGE_BODY_MAX, type Conversations } from '../conversations/service.js';
import type { ConversationRow } from '../hooks.js';
import { conversationMessages, conversations, supportMessageIds } from '../schema.js';
import { acknowledgement } from './ack.js';
import { bounceNote, readDeliveryReport } from './dsn.js';
import { keepFiles, refusedNote } from './files.js';
import { planInbound, type MailPlan } from './planner.js';
import { plainHeader, sanitizeEmailHtml } from './sanitize.js';

export interface EmailSettings {
  /** The desk's addresses; the first is the From of everything the desk sends. */
  addresses: string[];
  /** A reply with neither ids nor `[#n]` threads by subject and sender within this many days. */
  threadDays: number;
  /** At most this many acknowledgements per sender per hour (two auto-responders cannot loop). */
  acksPerHour: number;
  /** The largest file kept from a mail (SUPPORT_ATTACHMENT_MAX_MB, as for staff uploads). */
  attachmentMaxBytes: number;
}

export interface MailQueue {
  queue(tx: Executor, mail: OutgoingMail): Promise<void>;
}

export type InboundResult =
  | { action: 'opened' | 'threaded'; conversationId: string; acknowledged: boolean }
  | { action: 'noted'; conversationId: string }
  | { action: 'duplicate' | 'dropped'; reason: string };

/** The longest sanitized HTML kept (the text part is cut at MESSAGE_BODY_MAX, like any message). */
const HTML_MAX = 100_000;
/** A Message-ID of our own, on the host of the desk's first address. */
export const newMessageId = (addresses: string[]) =>
  `<${randomUUID()}@${addresses[0]?.split('@')[1] ?? 'brokerdesk.local'}>`;
const normalSubject = (s: string) =>
  s
    .replace(/\[#\d+\]/g, '')
    .replace(/^\s*((re|fw|fwd|aw|wg|sv)\s*:\s*)+/i, '')
    .trim()
    .toLowerCase();

/** The header fields of every mail the desk sends by itself (RFC 3834; Exchange's own header). */
export const AUTO_REPLY_HEADERS = { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' };

/**
 * Mail that came in through the desk's SMTP server, into conversations. One transaction per mail:
 * a Message-ID is recorded once (the second delivery of the same mail is taken as a duplicate), the
 * message, its files and the acknowledgement commit together. The author is always the customer,
 * whatever From says: anyone can write an agent's address in From.
 */
export class EmailInbound {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly conversations: Conversations,
    private readonly mailer: MailQueue,
    private readonly files: AttachmentStore,
    private readonly settings: EmailSettings,
  ) {}

  async receive(mail: ParsedMail, envelopeFrom: string | null): Promise<InboundResult> {
    const plan = planInbound(mail, envelopeFrom, this.settings.addresses);
    try {
      return await this.db.transaction((tx) => this.take(tx, plan, mail));
    } catch (err) {
      // The same Message-ID committed by a concurrent delivery: its primary key refused ours.
      if ((err as { code?: string }).code === '23505' || /duplicate key/.test(String(err)))
        return { action: 'duplicate', reason: 'message_id_seen' };
      throw err;
    }
  }

  private async take(tx: Executor, plan: MailPlan, mail: ParsedMail): Promise<InboundResult> {
    if (plan.messageId && (await this.known(tx, [plan.messageId])))
      return { action: 'duplicate', reason: 'message_id_seen' };
    if (plan.kind === 'bounce') return this.bounce(tx, plan, mail);
    if (!plan.fromAddress) return { action: 'dropped', reason: 'no_sender' };
    const existing = await this.thread(tx, plan);
    // Cut to what a message holds (a long quoted thread must not make the mail fail for days); the
    // cut HTML is sanitized again so a tag cut in half cannot survive.
    const text = (mail.text ?? '').trim().slice(0, MESSAGE_BODY_MAX);
    const html =
      typeof mail.html === 'string'
        ? sanitizeEmailHtml(sanitizeEmailHtml(mail.html).slice(0, HTML_MAX)) || null
        : null;
    const name = plan.fromName ? plainHeader(plan.fromName) || null : null;
    const email = {
      direction: 'in',
      messageId: plan.messageId,
      inReplyTo: mail.inReplyTo ?? null,
      references: plan.references,
      from: plan.fromAddress,
      ...(plan.copied.length ? { cc: plan.copied } : {}),
    };
    if (plan.kind === 'auto') {
      // An out-of-office on a known thread is worth seeing, but it is not the customer answering (a
      // customer message would reopen and restart clocks): a note, saying whose robot wrote it.
      if (!existing) return { action: 'dropped', reason: 'auto_reply' };
      const said = (text || plainHeader(plan.subject)).slice(0, 2000);
      await this.conversations.addMessage(tx, existing.id, {
        authorKind: 'system',
        authorName: name,
        visibility: 'internal',
        body: `Automatic reply from ${plan.fromAddress}${said ? `:\n\n${said}` : ''}`,
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
    const files = await keepFiles(
      tx,
      this.files,
      conversation.id,
      mail.attachments,
      this.settings.attachmentMaxBytes,
    );
    const { conversation: after } = await this.conversations.addMessage(tx, conversation.id, {
      authorKind: 'customer',
      authorName: name,
      body:
        text ||
        (html ? plainHeader(html).slice(0, MESSAGE_BODY_MAX) : '') ||
        (files.ids.length ? '' : '(empty message)'),
      bodyHtml: html || null,
      email,
      attachmentIds: files.ids,
    });
    if (files.refused.length)
      await this.conversations.addMessage(tx, conversation.id, {
        authorKind: 'system',
        visibility: 'internal',
        body: refusedNote(files.refused),
      });
    await this.remember(tx, plan.messageId, conversation.id);
    const acknowledged = opened && (await this.acknowledge(tx, after, plan));
    return { action: opened ? 'opened' : 'threaded', conversationId: conversation.id, acknowledged };
  }

  /**
   * A real delivery status notification about a mail the desk sent becomes an internal note on that
   * conversation, written from its machine-readable fields; anything else that looks like a bounce
   * (a forged one, a daemon's prose) is dropped without a trace in any conversation.
   */
  private async bounce(tx: Executor, plan: MailPlan, mail: ParsedMail): Promise<InboundResult> {
    const report = await readDeliveryReport(mail);
    if (!report) return { action: 'dropped', reason: 'bounce_not_a_report' };
    if (!report.failures.length) return { action: 'dropped', reason: 'bounce_no_failure' };
    const ours = await this.known(tx, report.originalIds, { outbound: true });
    if (!ours) return { action: 'dropped', reason: 'bounce_not_ours' };
    const conversationId = (await this.stillOpen(tx, ours))?.id;
    if (!conversationId) return { action: 'dropped', reason: 'bounce_closed' };
    await this.conversations.addMessage(tx, conversationId, {
      authorKind: 'system',
      visibility: 'internal',
      body: bounceNote(report),
      email: { direction: 'in', kind: 'bounce', messageId: plan.messageId, about: report.originalIds[0] },
    });
    await this.remember(tx, plan.messageId, conversationId);
    return { action: 'noted', conversationId };
  }

  /** The conversation one of these Message-IDs belongs to (`outbound`: only ids the desk generated). */
  private async known(
    tx: Executor,
    ids: string[],
    opts: { outbound?: boolean } = {},
  ): Promise<string | null> {
    if (ids.length === 0) return null;
    const [row] = await tx
      .select({ id: supportMessageIds.conversationId })
      .from(supportMessageIds)
      .where(
        and(
          inArray(supportMessageIds.messageId, ids),
          opts.outbound ? eq(supportMessageIds.outbound, true) : undefined,
        ),
      )
      .limit(1);
    return row?.id ?? null;
  }

  private async remember(
    tx: Executor,
    messageId: string | null,
    conversationId: string,
    outbound = false,
  ): Promise<void> {
    if (messageId) await tx.insert(supportMessageIds).values({ messageId, conversationId, outbound });
  }

  /**
   * Whether `sender` takes part in a conversation: its contact, the sender of a mail already on it, or
   * an address such a mail copied (a colleague answering all). Threading by headers or `[#n]` asks
   * this first, so knowing a Message-ID or a ticket number is not enough to write into a thread.
   */
  private async takesPart(tx: Executor, conversationId: string, sender: string): Promise<boolean> {
    const cc = JSON.stringify([sender]);
    const [row] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, conversationId),
          or(
            sql`lower(${conversations.contactEmail}) = ${sender}`,
            sql`exists (select 1 from ${conversationMessages} m
              where m.conversation_id = ${conversations.id} and m.author_kind = 'customer'
                and (m.email->>'from' = ${sender} or m.email->'cc' @> ${cc}::jsonb))`,
          ),
        ),
      );
    return Boolean(row);
  }

  /**
   * Threading, each step only onto a conversation the sender takes part in: the ids it answers
   * (In-Reply-To, then References newest first), else `[#number]` on an email conversation, else the
   * same subject from the same sender lately; otherwise a new conversation.
   */
  private async thread(tx: Executor, plan: MailPlan): Promise<ConversationRow | null> {
    const sender = plan.fromAddress!;
    const rows = plan.threadIds.length
      ? await tx
          .select({ messageId: supportMessageIds.messageId, id: supportMessageIds.conversationId })
          .from(supportMessageIds)
          .where(inArray(supportMessageIds.messageId, plan.threadIds))
      : [];
    const byId = plan.threadIds.flatMap((m) => rows.filter((r) => r.messageId === m).map((r) => r.id));
    for (const id of new Set(byId)) if (await this.takesPart(tx, id, sender)) return this.stillOpen(tx, id);
    // `[#n]` only finds email conversations: a cabinet ticket or a chat is answered where it lives, and
    // a forged From must not put words into a trader's signed-in ticket.
    if (plan.ticketNumber !== null) {
      const [tagged] = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.number, plan.ticketNumber), eq(conversations.channel, 'email')));
      return tagged && (await this.takesPart(tx, tagged.id, sender)) ? this.stillOpen(tx, tagged.id) : null;
    }
    const subject = normalSubject(plan.subject);
    if (!subject) return null;
    const since = new Date(this.clock.now().getTime() - this.settings.threadDays * 86_400_000);
    const [row] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.channel, 'email'),
          sql`lower(${conversations.contactEmail}) = ${sender}`,
          ne(conversations.status, 'closed'),
          gt(conversations.updatedAt, since),
          sql`lower(regexp_replace(coalesce(${conversations.subject}, ''), '^\\s*((re|fw|fwd|aw|wg|sv)\\s*:\\s*)+', '', 'i')) = ${subject}`,
        ),
      )
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

  /**
   * Queues the acknowledgement (RFC 3834: marked auto-replied, sent only for a person's mail — never
   * for a bounce, auto-reply or list mail, which never get here), unless the sender asked for none, is
   * the desk itself, or already had `acksPerHour` new conversations this hour.
   */
  private async acknowledge(tx: Executor, conversation: ConversationRow, plan: MailPlan): Promise<boolean> {
    const to = plan.autoReplyTo;
    const own = (a: string) => this.settings.addresses.includes(a);
    if (plan.noAutoReply || !to || own(to) || own(plan.fromAddress!)) return false;
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
      to,
      subject,
      text,
      from: this.settings.addresses[0],
      messageId,
      headers: AUTO_REPLY_HEADERS,
      ...(plan.messageId
        ? { inReplyTo: plan.messageId, references: [...plan.references, plan.messageId] }
        : {}),
    });
    await this.remember(tx, messageId, conversation.id, true);
    return true;
  }
}
