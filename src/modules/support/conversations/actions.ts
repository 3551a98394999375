import { and, eq, isNull, sql } from 'drizzle-orm';
import { changedFields } from '../../../core/changes.js';
import { appendEvent, type Viewer } from '../../../core/events.js';
import { AppError, conflict } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import { retryConflicts } from '../../../db/retry.js';
import type { ConversationStatus } from '../../../shared/support.js';
import { assertClientVisible, matchClientByContact, type ClientService } from '../../clients/index.js';
import { activeStaffWithPermission, staffById, teamExists } from '../../identity/index.js';
import type { ConversationRow, SupportHooks } from '../hooks.js';
import { notifyConversation, SUPPORT_AUDIENCE } from '../notify.js';
import { conversationMessages, conversations, supportAttachments, supportVisitors } from '../schema.js';
import { staffActor, type SupportActor } from './actor.js';
import { appendConversationEvent } from './events.js';
import type { Conversations } from './service.js';

export interface StaffPatch {
  status?: ConversationStatus | undefined;
  priority?: ConversationRow['priority'] | undefined;
  tags?: string[] | undefined;
  language?: string | null | undefined;
  snoozedUntil?: Date | undefined;
}

/** Someone acting from the inbox: who they are (scope for client links) and where from. */
export type StaffAct = Viewer & { ip: string | null };

/** A cabinet ticket belongs to the trader who opened it; moving it would hand it to another cabinet. */
const refuseCabinet = (conv: ConversationRow) => {
  if (conv.channel === 'cabinet')
    throw conflict('cabinet_ticket_owner', 'A cabinet ticket stays with the trader who owns it', 'clientId');
};

const fieldNotFound = (what: string, field: string) =>
  new AppError(404, 'not_found', `${what} not found`, field);

const supervisorRequired = (field: string) =>
  new AppError(403, 'supervisor_required', 'Only a supervisor (support.supervise) may do this', field);

/**
 * Without support.supervise an agent takes an unassigned conversation for themselves, or hands on or
 * back one of their own; another agent's conversation (or an unassigned one for a colleague) is a
 * supervisor's call.
 */
function assertMayAssign(staff: StaffAct, conv: ConversationRow, assigneeId: string | null): void {
  if (staff.permissions.has('support.supervise')) return;
  const own = conv.assigneeId === staff.id;
  const take = conv.assigneeId === null && (assigneeId === staff.id || assigneeId === null);
  if (!own && !take) throw supervisorRequired('assigneeId');
}

/**
 * Whether two conversations are known to be different people's: linked to different clients, else
 * from different emails, else from different widget visitors. Nothing to tell them apart is not proof.
 */
export function differentCustomers(
  a: Pick<ConversationRow, 'clientId' | 'contactEmail' | 'visitorId'>,
  b: Pick<ConversationRow, 'clientId' | 'contactEmail' | 'visitorId'>,
): boolean {
  if (a.clientId && b.clientId) return a.clientId !== b.clientId;
  if (a.contactEmail && b.contactEmail) return a.contactEmail.toLowerCase() !== b.contactEmail.toLowerCase();
  if (a.visitorId && b.visitorId) return a.visitorId !== b.visitorId;
  return false;
}

/**
 * What agents do to a conversation from the inbox, each in one transaction: reply or note, change
 * status and the rest, assign, link or create the client, merge, convert a chat to a ticket. Writes
 * go through the Conversations service (so the hooks run) or, for fields no other part reacts to
 * (priority, tags, language, the client link), straight to the locked row.
 */
export class ConversationActions {
  constructor(
    private readonly db: Db,
    private readonly conversations: Conversations,
    private readonly clients: Pick<ClientService, 'createInTx'>,
    private readonly hooks: Pick<SupportHooks, 'runReclassified'>,
  ) {}

  async reply(
    staff: StaffAct,
    id: string,
    input: {
      body: string;
      visibility: 'public' | 'internal';
      clientMessageId?: string | undefined;
      attachmentIds?: string[] | undefined;
      mentions?: string[] | undefined;
    },
  ) {
    // Under a rush of chats a reply can deadlock with a queue offer: run it again (it wrote nothing).
    return retryConflicts(() => this.replyOnce(staff, id, input));
  }

  private replyOnce(staff: StaffAct, id: string, input: Parameters<ConversationActions['reply']>[2]) {
    return this.db.transaction(async (tx) => {
      const me = await staffById(tx, staff.id);
      const out = await this.conversations.addMessage(tx, id, {
        authorKind: 'agent',
        authorStaffId: staff.id,
        authorName: me?.name ?? null,
        visibility: input.visibility,
        body: input.body,
        clientMessageId: input.clientMessageId ?? null,
        attachmentIds: input.attachmentIds ?? [],
        mentions: input.mentions ?? [],
      });
      // A new message without files is the row just stored: no read for its (no) attachments. A
      // duplicate is the first one's, files and all.
      if (!out.duplicate && !input.attachmentIds?.length)
        return { ...out, message: { ...out.message, attachments: [] } };
      const [full] = await this.conversations.messagesAfter(tx, id, out.message.seq - 1, {
        includeInternal: true,
        limit: 1,
      });
      return { ...out, message: full! };
    });
  }

  async patch(staff: StaffAct, id: string, patch: StaffPatch): Promise<void> {
    const actor = staffActor(staff, staff.ip);
    await retryConflicts(() =>
      this.db.transaction(async (tx) => {
        const conv = await this.conversations.lock(tx, id);
        const fields = {
          ...(patch.priority !== undefined && { priority: patch.priority }),
          ...(patch.tags !== undefined && { tags: [...new Set(patch.tags)] }),
          ...(patch.language !== undefined && { language: patch.language }),
        };
        if (Object.keys(fields).length) {
          await tx
            .update(conversations)
            .set({ ...fields, updatedAt: sql`now()` })
            .where(eq(conversations.id, id));
          // Ids only in the payload: it reaches every support handler, whoever the client is.
          await appendEvent(tx, {
            type: 'support.conversation_updated',
            subjectType: 'conversation',
            subjectId: id,
            actorId: staff.id,
            ip: staff.ip,
            payload: { conversationId: id, number: conv.number, changes: changedFields(conv, fields) },
            audience: SUPPORT_AUDIENCE,
          });
          await notifyConversation(tx, { conversationId: id, kind: 'conversation' });
        }
        // Another priority may fall under another SLA policy: the clocks follow (sla/engine.ts rematch).
        if (patch.priority !== undefined && patch.priority !== conv.priority)
          await this.hooks.runReclassified(tx, conv);
        // A snooze time alone re-snoozes (or snoozes) the conversation.
        const status = patch.status ?? (patch.snoozedUntil ? 'snoozed' : undefined);
        if (status) {
          if (patch.snoozedUntil && status !== 'snoozed')
            throw new AppError(
              400,
              'snooze_needs_status',
              'snoozedUntil goes with status snoozed',
              'snoozedUntil',
            );
          await this.conversations.setStatus(tx, conv.id, status, actor, {
            ...(patch.snoozedUntil && { snoozedUntil: patch.snoozedUntil }),
          });
        }
      }),
    );
  }

  async assign(
    staff: StaffAct,
    id: string,
    assigneeId: string | null,
    teamId?: string | null,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Checked on the locked row: who holds it now is what the permission is about.
      const conv = await this.conversations.lock(tx, id);
      if (assigneeId) {
        const agents = new Set(await activeStaffWithPermission(tx, 'support.handle'));
        if (!agents.has(assigneeId)) throw fieldNotFound('Support agent', 'assigneeId');
      }
      if (teamId && !(await teamExists(tx, teamId))) throw fieldNotFound('Team', 'teamId');
      assertMayAssign(staff, conv, assigneeId);
      await this.conversations.assign(tx, id, assigneeId, staffActor(staff, staff.ip), {
        ...(teamId !== undefined && { teamId }),
      });
      if (teamId !== undefined && teamId !== conv.teamId) await this.hooks.runReclassified(tx, conv);
    });
  }

  /** Links the client (one the viewer may see: anything else is "not found"). */
  async link(staff: StaffAct, id: string, clientId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const conv = await this.conversations.lock(tx, id);
      refuseCabinet(conv);
      await assertClientVisible(tx, staff, clientId).catch(() => {
        throw fieldNotFound('Client', 'clientId');
      });
      if (conv.clientId === clientId) return;
      await this.setClient(tx, conv, clientId, staffActor(staff, staff.ip), false);
    });
  }

  async unlink(staff: StaffAct, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const conv = await this.conversations.lock(tx, id);
      refuseCabinet(conv);
      if (!conv.clientId) return;
      await this.setClient(tx, conv, null, staffActor(staff, staff.ip), false);
    });
  }

  /**
   * Creates a lead from the contact (the clients module's own create: assignment rules, its event)
   * and links it. A contact that already matches a client is refused with that client's id, to link.
   */
  async createClient(staff: StaffAct, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const conv = await this.conversations.lock(tx, id);
      if (conv.clientId)
        throw conflict('already_linked', 'This conversation already has a client', 'clientId');
      if (!conv.contactEmail && !conv.contactPhone)
        throw new AppError(
          400,
          'no_contact',
          'The contact left no email or phone to create a client from',
          'contactEmail',
        );
      const existing = await matchClientByContact(tx, { email: conv.contactEmail, phone: conv.contactPhone });
      if (existing)
        throw conflict(
          'duplicate_client',
          'A client with this email or phone exists; link it',
          'contactEmail',
          {
            clientId: existing.id,
          },
        );
      const client = await this.clients.createInTx(
        tx,
        {
          name: conv.contactName?.trim() || conv.contactEmail || conv.contactPhone!,
          email: conv.contactEmail,
          phone: conv.contactPhone,
          country: null,
          language: conv.language,
          source: 'support',
        },
        { actor: { id: staff.id, ip: staff.ip }, kind: 'lead' },
      );
      await this.setClient(tx, conv, client.id, staffActor(staff, staff.ip), true);
    });
  }

  /**
   * Merges `id` into `intoId`: the source's messages are copied onto the end of the target with new
   * seqs (authors and times kept; their files move with them), the source is closed and points at the
   * target. Both rows are locked in id order, so two merges crossing each other cannot deadlock.
   */
  async merge(staff: StaffAct, id: string, intoId: string, opts: { force?: boolean } = {}): Promise<void> {
    if (id === intoId)
      throw new AppError(400, 'merge_into_self', 'Merge into another conversation', 'intoId');
    const actor = staffActor(staff, staff.ip);
    await this.db.transaction(async (tx) => {
      const [first, second] = [id, intoId].sort();
      const a = await this.conversations.lock(tx, first!).catch((e: unknown) => {
        throw first === intoId ? fieldNotFound('Conversation', 'intoId') : e;
      });
      const b = await this.conversations.lock(tx, second!).catch((e: unknown) => {
        throw second === intoId ? fieldNotFound('Conversation', 'intoId') : e;
      });
      const [source, target] = a.id === id ? [a, b] : [b, a];
      if (source.mergedIntoId || source.status === 'closed')
        throw conflict('conversation_closed', 'This conversation is closed already', 'id');
      if (target.status === 'closed')
        throw conflict('target_closed', 'Merge into a conversation that is not closed', 'intoId');
      // Two customers' threads in one would show each the other's messages: only on purpose.
      const crossCustomer = differentCustomers(source, target);
      if (crossCustomer && !opts.force)
        throw conflict(
          'merge_different_customers',
          'These conversations belong to different customers; a supervisor may merge them with force',
          'intoId',
          { clientId: source.clientId, intoClientId: target.clientId },
        );
      if (crossCustomer && !staff.permissions.has('support.supervise')) throw supervisorRequired('force');
      const copied = await tx.execute(sql`
        insert into ${conversationMessages}
          (conversation_id, seq, author_kind, author_staff_id, author_name, visibility, body, body_html, email, mentions, created_at)
        select ${target.id}, ${target.lastSeq} + row_number() over (order by seq), author_kind, author_staff_id,
               author_name, visibility, body, body_html, email, mentions, created_at
        from ${conversationMessages} where conversation_id = ${source.id}
        returning id, seq`);
      const rows = (copied as unknown as { rows: { id: string; seq: number }[] }).rows;
      // Files follow their message: the copy of the source's seq n is the target's lastSeq + n.
      await this.moveAttachments(tx, source, target);
      await tx
        .update(conversations)
        .set({
          lastSeq: target.lastSeq + rows.length,
          messageCount: target.messageCount + rows.length,
          lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${source.lastMessageAt?.toISOString() ?? null}::timestamptz)`,
          waitingSince: sql`least(${conversations.waitingSince}, ${source.waitingSince?.toISOString() ?? null}::timestamptz)`,
          tags: [...new Set([...target.tags, ...source.tags])],
          clientId: target.clientId ?? source.clientId,
          updatedAt: sql`now()`,
        })
        .where(eq(conversations.id, target.id));
      await tx.update(conversations).set({ mergedIntoId: target.id }).where(eq(conversations.id, source.id));
      await this.conversations.setStatus(tx, source.id, 'closed', actor);
      await appendConversationEvent(tx, 'support.conversations_merged', source, actor, {
        intoId: target.id,
        intoNumber: target.number,
        intoClientId: target.clientId,
        differentCustomers: crossCustomer,
      });
      await this.conversations.addMessage(tx, target.id, {
        authorKind: 'system',
        visibility: 'internal',
        body: `Conversation #${source.number} was merged into this one (${rows.length} messages copied).`,
      });
    });
  }

  /**
   * Converts a chat into a ticket the customer can follow later. A signed-in trader's chat (the
   * visitor came from the cabinet, or the conversation is linked to the trader) becomes a cabinet
   * ticket, listed in their cabinet; an anonymous visitor who left an email continues by email (the
   * email channel sends the replies); one who left neither cannot be followed up, so it is refused.
   */
  async convert(staff: StaffAct, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const conv = await this.conversations.lock(tx, id);
      if (conv.channel !== 'chat')
        throw conflict('not_a_chat', 'Only a chat is converted; this one is a ticket already', 'to');
      const [visitor] = conv.visitorId
        ? await tx.select().from(supportVisitors).where(eq(supportVisitors.id, conv.visitorId))
        : [];
      // Only the cabinet's signed token makes a visitor a trader; a staff link never owns a cabinet ticket.
      const trader = visitor?.clientId ?? null;
      const to = trader ? 'cabinet' : conv.contactEmail ? 'email' : null;
      if (!to)
        throw conflict('no_contact', 'An anonymous chat without an email cannot become a ticket', 'to');
      const [row] = await tx
        .update(conversations)
        .set({ channel: to, clientId: trader ?? conv.clientId, updatedAt: sql`now()` })
        .where(eq(conversations.id, id))
        .returning();
      await appendConversationEvent(tx, 'support.conversation_converted', row!, staffActor(staff, staff.ip), {
        from: conv.channel,
        to,
      });
      await this.hooks.runReclassified(tx, conv);
      await notifyConversation(tx, { conversationId: id, kind: 'conversation' });
    });
  }

  private async moveAttachments(tx: Executor, source: ConversationRow, target: ConversationRow) {
    await tx.execute(sql`
      update ${supportAttachments} sa set conversation_id = ${target.id}, message_id = copy.id
      from ${conversationMessages} orig, ${conversationMessages} copy
      where sa.message_id = orig.id and orig.conversation_id = ${source.id}
        and copy.conversation_id = ${target.id} and copy.seq = ${target.lastSeq} + orig.seq`);
    // Uploaded but never sent: they go too, so nothing points at a closed conversation's draft.
    await tx
      .update(supportAttachments)
      .set({ conversationId: target.id })
      .where(and(eq(supportAttachments.conversationId, source.id), isNull(supportAttachments.messageId)));
  }

  private async setClient(
    tx: Executor,
    conv: ConversationRow,
    clientId: string | null,
    actor: SupportActor,
    created: boolean,
  ) {
    const previous = conv.clientId;
    const [row] = await tx
      .update(conversations)
      .set({ clientId, updatedAt: sql`now()` })
      .where(eq(conversations.id, conv.id))
      .returning();
    // The link stays on this conversation: only the cabinet's signed token makes a visitor a trader.
    if (previous && previous !== clientId)
      await appendConversationEvent(
        tx,
        'support.client_linked',
        row!,
        actor,
        { linked: false, created: false },
        {
          aboutClientId: previous,
        },
      );
    if (clientId)
      await appendConversationEvent(tx, 'support.client_linked', row!, actor, { linked: true, created });
    await notifyConversation(tx, { conversationId: conv.id, kind: 'conversation' });
  }
}
