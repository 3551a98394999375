import { and, asc, eq, getTableColumns, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { AppError, badRequest, conflict, notFound } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import type {
  ConversationPriority,
  BotMessageMeta,
  ConversationStatus,
  MessageAuthor,
  MessageVisibility,
  SupportChannel,
} from '../../../shared/support.js';
import { matchClientByContact } from '../../clients/index.js';
import { activeStaffWithPermission, staffById } from '../../identity/index.js';
import { markFresh, type ConversationRow, type MessageRow, type SupportHooks } from '../hooks.js';
import { notifyConversation } from '../notify.js';
import { conversationMessages, conversations, supportAttachments, supportVisitors } from '../schema.js';
import type { SupportActor } from './actor.js';
import { appendConversationEvent } from './events.js';

export type AttachmentRow = typeof supportAttachments.$inferSelect;
export type MessageWithAttachments = MessageRow & { attachments: AttachmentRow[] };

/** The longest message body kept (a chat line or an email's text part). */
export const MESSAGE_BODY_MAX = 20_000;
/** The statuses a customer's new message reopens (closed is final; a merged one is closed). */
const REOPENED_BY_CUSTOMER: readonly ConversationStatus[] = ['pending', 'snoozed', 'resolved'];

export interface OpenInput {
  channel: SupportChannel;
  subject?: string | null;
  language?: string | null;
  priority?: ConversationPriority;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  /** A signed-in trader's cabinet login, matched like the email (optional). */
  contactLogin?: string | null;
  visitorId?: string | null;
  clientId?: string | null;
  teamId?: string | null;
  actor: SupportActor;
}

export interface MessageInput {
  authorKind: MessageAuthor;
  authorStaffId?: string | null;
  authorName?: string | null;
  visibility?: MessageVisibility;
  body: string;
  bodyHtml?: string | null;
  clientMessageId?: string | null;
  email?: Record<string, unknown> | null;
  attachmentIds?: string[];
  mentions?: string[];
  /** The FAQ bot's own message: its kind and the article it cites. */
  bot?: BotMessageMeta | null;
}

/**
 * Conversations and their messages: the one writer of both. Every method takes the caller's
 * transaction so the widget, email, routing and the inbox compose their own work with it; the hooks
 * (routing, SLA, metrics, email out) run inside that same transaction, after this service's writes.
 *
 * Messages are numbered per conversation under the conversation's row lock (`lock`): seq is
 * last_seq + 1, so concurrent senders queue on the row and the numbers have no gaps or repeats; a
 * reconnecting screen asks for everything after the last seq it saw.
 */
export class Conversations {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly hooks: SupportHooks,
  ) {}

  async open(tx: Executor, input: OpenInput): Promise<ConversationRow> {
    const clientId = input.clientId ?? (await this.clientOf(tx, input));
    const now = this.clock.now();
    const [row] = await tx
      .insert(conversations)
      .values({
        channel: input.channel,
        subject: input.subject ?? null,
        language: input.language ?? null,
        priority: input.priority ?? 'normal',
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        contactPhone: input.contactPhone ?? null,
        visitorId: input.visitorId ?? null,
        clientId,
        teamId: input.teamId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await appendConversationEvent(tx, 'support.conversation_opened', row!, input.actor, {
      actorName: input.actor.name ?? input.contactName ?? null,
    });
    await this.hooks.runOpened(tx, row!);
    await notifyConversation(tx, { conversationId: row!.id, kind: 'conversation' });
    return this.get(tx, row!.id);
  }

  async addMessage(
    tx: Executor,
    conversationId: string,
    input: MessageInput,
  ): Promise<{ message: MessageRow; conversation: ConversationRow; duplicate: boolean }> {
    const body = input.body;
    if (!body.trim() && !input.attachmentIds?.length)
      throw badRequest('empty_message', 'Write something or attach a file', 'body');
    if (body.length > MESSAGE_BODY_MAX)
      throw badRequest('message_too_long', `A message is at most ${MESSAGE_BODY_MAX} characters`, 'body');
    const visibility = input.visibility ?? 'public';
    if (visibility === 'internal' && input.authorKind === 'customer')
      throw badRequest('bad_visibility', 'A customer cannot write an internal note', 'visibility');
    let conv = await this.lock(tx, conversationId);
    // Under the row lock: a retried send (same clientMessageId) finds the first one, never a second.
    if (input.clientMessageId) {
      const [existing] = await tx
        .select()
        .from(conversationMessages)
        .where(
          and(
            eq(conversationMessages.conversationId, conversationId),
            eq(conversationMessages.clientMessageId, input.clientMessageId),
          ),
        )
        .limit(1);
      if (existing) return { message: existing, conversation: conv, duplicate: true };
    }
    if (conv.status === 'closed')
      throw conflict('conversation_closed', 'This conversation is closed; start a new one', 'conversationId');
    const mentions = await this.checkMentions(tx, input.mentions ?? []);
    const now = this.clock.now();
    const seq = conv.lastSeq + 1;
    const [message] = await tx
      .insert(conversationMessages)
      .values({
        conversationId,
        seq,
        authorKind: input.authorKind,
        authorStaffId: input.authorStaffId ?? null,
        authorName: input.authorName ?? null,
        visibility,
        body,
        bodyHtml: input.bodyHtml ?? null,
        clientMessageId: input.clientMessageId ?? null,
        email: input.email ?? null,
        mentions,
        bot: input.bot ?? null,
        createdAt: now,
      })
      .returning();
    await this.attach(tx, conversationId, message!.id, input.attachmentIds ?? []);
    const fromCustomer = input.authorKind === 'customer';
    const publicReply =
      visibility === 'public' && (input.authorKind === 'agent' || input.authorKind === 'bot');
    const reopen = fromCustomer && REOPENED_BY_CUSTOMER.includes(conv.status);
    const [updated] = await tx
      .update(conversations)
      .set({
        lastSeq: seq,
        messageCount: sql`${conversations.messageCount} + 1`,
        lastMessageAt: now,
        // The oldest unanswered customer message: kept while more arrive, cleared by a public reply.
        ...(fromCustomer && !conv.waitingSince ? { waitingSince: now } : {}),
        ...(publicReply ? { waitingSince: null } : {}),
        ...(reopen ? { status: 'open' as const, snoozedUntil: null, resolvedAt: null } : {}),
        updatedAt: now,
      })
      .where(eq(conversations.id, conversationId))
      .returning();
    const from = conv.status;
    conv = updated!;
    if (reopen)
      await this.statusChanged(tx, conv, from, { kind: 'customer', name: input.authorName ?? null });
    // As just stored, unless the status hooks above wrote to it.
    else markFresh(tx, conv);
    await this.hooks.runMessage(tx, conv, message!);
    if (mentions.length) {
      await appendConversationEvent(
        tx,
        'support.mentioned',
        conv,
        { kind: 'staff', staffId: input.authorStaffId ?? undefined, name: input.authorName ?? null },
        { seq, byName: input.authorName ?? null },
        { notify: mentions.filter((id) => id !== input.authorStaffId), onlyNotified: true },
      );
    }
    await notifyConversation(tx, { conversationId, kind: 'message', seq });
    return { message: message!, conversation: await this.get(tx, conversationId), duplicate: false };
  }

  async setStatus(
    tx: Executor,
    id: string,
    status: ConversationStatus,
    actor: SupportActor,
    opts: { snoozedUntil?: Date } = {},
  ): Promise<ConversationRow> {
    const conv = await this.lock(tx, id);
    const now = this.clock.now();
    if (status === 'snoozed' && !(opts.snoozedUntil && opts.snoozedUntil > now))
      throw badRequest('snooze_needs_time', 'Snooze until a time in the future', 'snoozedUntil');
    if (
      conv.status === status &&
      (status !== 'snoozed' || conv.snoozedUntil?.getTime() === opts.snoozedUntil?.getTime())
    )
      return conv;
    if (conv.status === 'closed')
      throw conflict('conversation_closed', 'A closed conversation stays closed', 'status');
    const [row] = await tx
      .update(conversations)
      .set({
        status,
        snoozedUntil: status === 'snoozed' ? opts.snoozedUntil! : null,
        resolvedAt: status === 'resolved' || status === 'closed' ? (conv.resolvedAt ?? now) : null,
        updatedAt: now,
      })
      .where(eq(conversations.id, id))
      .returning();
    if (conv.status !== status) await this.statusChanged(tx, row!, conv.status, actor);
    else await notifyConversation(tx, { conversationId: id, kind: 'conversation' });
    return this.get(tx, id);
  }

  async assign(
    tx: Executor,
    id: string,
    assigneeId: string | null,
    actor: SupportActor,
    opts: { teamId?: string | null; queued?: boolean } = {},
  ): Promise<ConversationRow> {
    const conv = await this.lock(tx, id);
    const now = this.clock.now();
    const teamId = opts.teamId !== undefined ? opts.teamId : conv.teamId;
    // Queue position orders by queued_at: a chat already waiting keeps its place.
    const queuedAt = assigneeId ? null : opts.queued ? (conv.queuedAt ?? now) : conv.queuedAt;
    const changed =
      conv.assigneeId !== assigneeId ||
      conv.teamId !== teamId ||
      conv.queuedAt?.getTime() !== queuedAt?.getTime();
    if (!changed) return conv;
    const [row] = await tx
      .update(conversations)
      .set({ assigneeId, teamId, queuedAt, updatedAt: now })
      .where(eq(conversations.id, id))
      .returning();
    if (conv.assigneeId !== assigneeId || conv.teamId !== teamId) {
      const assignee = assigneeId ? await staffById(tx, assigneeId) : undefined;
      await appendConversationEvent(tx, 'support.conversation_assigned', row!, actor, {
        assigneeId,
        assigneeName: assignee?.name ?? null,
        previousAssigneeId: conv.assigneeId,
        teamId,
        queued: queuedAt !== null,
      });
    }
    if (conv.assigneeId !== assigneeId) await this.hooks.runAssigned(tx, row!, conv.assigneeId);
    await notifyConversation(tx, { conversationId: id, kind: 'conversation' });
    return this.get(tx, id);
  }

  /** The conversation's row, locked for the rest of the transaction (FOR UPDATE), or 404. */
  async lock(tx: Executor, id: string): Promise<ConversationRow> {
    const [row] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
    if (!row) throw notFound('Conversation');
    return row;
  }

  /** The conversation's row (no lock), or 404. */
  async get(db: Executor, id: string): Promise<ConversationRow> {
    const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
    if (!row) throw notFound('Conversation');
    return row;
  }

  /** The messages after `afterSeq`, oldest first, with their attachments; internal notes only for staff. */
  async messagesAfter(
    db: Executor,
    conversationId: string,
    afterSeq: number,
    opts: { includeInternal: boolean; limit?: number },
  ): Promise<MessageWithAttachments[]> {
    // Whether each has files, in the same statement: most have none, and then no second read.
    const found = await db
      .select({
        ...getTableColumns(conversationMessages),
        hasFiles: sql<boolean>`exists (select 1 from ${supportAttachments} sa where sa.message_id = ${sql.raw('"conversation_messages"."id"')})`,
      })
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.conversationId, conversationId),
          gt(conversationMessages.seq, afterSeq),
          opts.includeInternal ? undefined : eq(conversationMessages.visibility, 'public'),
        ),
      )
      .orderBy(asc(conversationMessages.seq))
      .limit(opts.limit ?? 500);
    const rows: MessageRow[] = found.map(({ hasFiles: _, ...m }) => m);
    const withFiles = found.filter((m) => m.hasFiles).map((m) => m.id);
    if (!withFiles.length) return rows.map((m) => ({ ...m, attachments: [] }));
    const files = await db
      .select()
      .from(supportAttachments)
      .where(inArray(supportAttachments.messageId, withFiles))
      .orderBy(asc(supportAttachments.createdAt));
    return rows.map((m) => ({ ...m, attachments: files.filter((f) => f.messageId === m.id) }));
  }

  /** The database handle, for callers that open their own transaction around several calls. */
  get database(): Db {
    return this.db;
  }

  private async statusChanged(
    tx: Executor,
    row: ConversationRow,
    from: ConversationStatus,
    actor: SupportActor,
  ) {
    await appendConversationEvent(tx, 'support.conversation_status_changed', row, actor, {
      from,
      to: row.status,
    });
    markFresh(tx, row);
    await this.hooks.runStatus(tx, row, from);
    await notifyConversation(tx, { conversationId: row.id, kind: 'conversation' });
  }

  /**
   * The client of a new conversation given none: the widget visitor's (a signed-in trader, or one staff
   * linked before), else — not for chats — the one the contact matches (login, email, phone).
   */
  private async clientOf(tx: Executor, input: OpenInput): Promise<string | null> {
    if (input.visitorId) {
      const [visitor] = await tx
        .select({ clientId: supportVisitors.clientId })
        .from(supportVisitors)
        .where(eq(supportVisitors.id, input.visitorId));
      if (visitor?.clientId) return visitor.clientId;
    }
    // A chat's contact is whatever a visitor typed into the pre-chat form: matching it would show a
    // stranger's chat beside a real trader's accounts. Chats are linked by the cabinet's signed token
    // or by staff (`/link`); email and phone carry at least their transport's sender.
    // A callback request's number is what someone typed into a form too: the cabinet passes its trader.
    if (input.channel === 'chat' || input.channel === 'callback') return null;
    const match = await matchClientByContact(tx, {
      login: input.contactLogin ?? null,
      email: input.contactEmail ?? null,
      phone: input.contactPhone ?? null,
    });
    return match?.id ?? null;
  }

  /** Mentioned staff must be active and able to see the conversation (support.handle). */
  private async checkMentions(tx: Executor, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const agents = new Set(await activeStaffWithPermission(tx, 'support.handle'));
    const stranger = unique.find((id) => !agents.has(id));
    if (stranger)
      throw badRequest('mention_not_agent', 'Mention only active staff of the support desk', 'mentions');
    return unique;
  }

  /** Uploaded files of this conversation not yet on a message; any other id is refused. */
  private async attach(tx: Executor, conversationId: string, messageId: string, ids: string[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return;
    const done = await tx
      .update(supportAttachments)
      .set({ messageId })
      .where(
        and(
          inArray(supportAttachments.id, unique),
          eq(supportAttachments.conversationId, conversationId),
          isNull(supportAttachments.messageId),
        ),
      )
      .returning({ id: supportAttachments.id });
    if (done.length !== unique.length)
      throw new AppError(
        400,
        'attachment_unknown',
        'Attach files uploaded to this conversation',
        'attachmentIds',
      );
  }
}
