import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { AppError, badRequest, conflict, notFound } from '../../core/errors.js';
import type { Viewer } from '../../core/events.js';
import type { Db, Executor } from '../../db/connection.js';
import { COMPLAINT_LEVELS, JURISDICTION_PRESETS } from '../../shared/complaints.js';
import type { Integrations } from './ports.js';
import { assertClientVisible, clientRef, type ClientRef } from '../clients/index.js';
import { activeStaffWithPermission, activeTeamLeads } from '../identity/index.js';
import { lockVisibleConversation, markConversationKind, type ConversationRow } from '../support/index.js';
import { deadlineFor, localDate } from './calendar.js';
import type { FileComplaintInput, RaiseComplaintInput } from './contracts.js';
import { appendComplaintEvent, type ComplaintRow } from './events.js';
import { acknowledgementMail } from './mails.js';
import { formatReference, nextSequence } from './reference.js';
import { complaintEscalations, complaintNotes, complaints } from './schema.js';
import type { ComplaintSettings } from './settings.js';
import { letterLanguage } from './templates.js';
import { nextWarningAt } from './warnings.js';

export interface StaffActor extends Actor {
  id: string;
  viewer: Viewer;
}

type Fields = FileComplaintInput;

/**
 * Complaints: raised by staff from a conversation, filed by the trader in the cabinet (a cabinet ticket
 * is opened for it). Each gets its reference (firm code, year, sequence without gaps), its deadlines
 * under the policy in force, and the acknowledgement mail, all in one transaction with its events.
 */
export class ComplaintService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: ComplaintSettings,
    private readonly io: Integrations,
  ) {}

  async raise(staff: StaffActor, input: RaiseComplaintInput): Promise<string> {
    const now = this.clock.now();
    if (input.receivedAt && input.receivedAt.getTime() > now.getTime())
      throw badRequest('received_in_future', 'A complaint cannot be received in the future', 'receivedAt');
    return this.db.transaction(async (tx) => {
      const conv = await lockVisibleConversation(tx, staff.viewer, input.conversationId);
      if (!conv.clientId)
        throw conflict('conversation_unlinked', 'Link the conversation to a client first', 'conversationId');
      const client = await assertClientVisible(tx, staff.viewer, conv.clientId);
      return this.insert(tx, conv, client, input, {
        source: 'staff',
        receivedAt: input.receivedAt ?? now,
        actor: { id: staff.id, ip: staff.ip, kind: 'staff' },
      });
    });
  }

  async file(trader: { clientId: string; ip: string | null }, input: FileComplaintInput): Promise<string> {
    return this.db.transaction(async (tx) => {
      const client = await clientRef(tx, trader.clientId);
      const conv = await this.io.conversations.open(tx, {
        channel: 'cabinet',
        subject: input.desiredOutcome.slice(0, 200),
        language: client.language,
        contactName: client.name,
        contactEmail: client.email,
        contactPhone: client.phone,
        clientId: client.id,
        actor: { kind: 'customer', name: client.name, ip: trader.ip },
      });
      await this.io.conversations.addMessage(tx, conv.id, {
        authorKind: 'customer',
        authorName: client.name,
        body: input.description,
      });
      const locked = await lockVisibleConversation(tx, null, conv.id);
      return this.insert(tx, locked, client, input, {
        source: 'cabinet',
        receivedAt: this.clock.now(),
        actor: { id: client.id, ip: trader.ip, kind: 'trader' },
      });
    });
  }

  private async insert(
    tx: Executor,
    conv: ConversationRow,
    client: ClientRef,
    input: Fields,
    o: { source: 'staff' | 'cabinet'; receivedAt: Date; actor: Actor & { kind: 'staff' | 'trader' } },
  ): Promise<string> {
    if (conv.kind === 'complaint') {
      const [existing] = await tx
        .select({ id: complaints.id })
        .from(complaints)
        .where(eq(complaints.conversationId, conv.id));
      throw conflict('already_complaint', 'This conversation is a complaint already', 'conversationId', {
        complaintId: existing?.id ?? null,
      });
    }
    const policy = await this.settings.get(tx);
    const preset = JURISDICTION_PRESETS[policy.jurisdiction];
    const cal = { timeZone: policy.timeZone, holidays: policy.holidays };
    const year = Number(localDate(o.receivedAt, policy.timeZone).slice(0, 4));
    const sequence = await nextSequence(tx, policy.firmCode, year);
    const now = this.clock.now();
    const language = letterLanguage(client.language);
    const timing = {
      receivedAt: o.receivedAt,
      acknowledgementDueAt: deadlineFor(o.receivedAt, preset.acknowledgement, cal),
      finalResponseDueAt: deadlineFor(o.receivedAt, preset.finalResponse, cal),
      // The acknowledgement goes out now by email; without an address staff acknowledge by hand.
      acknowledgedAt: client.email ? now : null,
      finalResponseAt: null,
      warningsSent: {},
    };
    const [row] = await tx
      .insert(complaints)
      .values({
        reference: formatReference(policy.firmCode, year, sequence),
        firmCode: policy.firmCode,
        year,
        sequence,
        conversationId: conv.id,
        clientId: client.id,
        source: o.source,
        category: input.category,
        product: input.product,
        account: input.account,
        amountAtStake: input.amountAtStake,
        currency: input.currency,
        desiredOutcome: input.desiredOutcome,
        description: input.description,
        language,
        jurisdiction: policy.jurisdiction,
        timeZone: policy.timeZone,
        ...timing,
        nextWarningAt: nextWarningAt(timing),
        handlerId: o.actor.kind === 'staff' ? o.actor.id : conv.assigneeId,
        createdById: o.actor.kind === 'staff' ? o.actor.id : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const c = row!;
    await markConversationKind(tx, conv, 'complaint', o.actor.kind === 'staff' ? o.actor : null);
    await appendComplaintEvent(tx, 'complaints.created', c, client, o.actor, {
      conversationId: conv.id,
      source: o.source,
      category: c.category,
      acknowledgementDueAt: c.acknowledgementDueAt.toISOString(),
      finalResponseDueAt: c.finalResponseDueAt.toISOString(),
    });
    if (client.email) {
      await this.io.mailer.queue(tx, acknowledgementMail(c, client, this.io.baseUrl));
      await appendComplaintEvent(tx, 'complaints.acknowledged', c, client, null, { mailedTo: client.email });
    }
    return c.id;
  }

  /** Records that the complaint was acknowledged some other way (a call, a letter by post). */
  async acknowledge(staff: StaffActor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { c, client } = await this.lockVisible(tx, staff.viewer, id);
      if (c.acknowledgedAt) throw conflict('already_acknowledged', 'Acknowledged already');
      const done = { ...c, acknowledgedAt: this.clock.now() };
      await tx
        .update(complaints)
        .set({
          acknowledgedAt: done.acknowledgedAt,
          nextWarningAt: nextWarningAt(done),
          updatedAt: done.acknowledgedAt,
        })
        .where(eq(complaints.id, id));
      await appendComplaintEvent(tx, 'complaints.acknowledged', c, client, staff, { mailedTo: null });
    });
  }

  async addNote(staff: StaffActor, id: string, body: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { c, client } = await this.lockVisible(tx, staff.viewer, id);
      const [note] = await tx
        .insert(complaintNotes)
        .values({ complaintId: id, authorId: staff.id, body, createdAt: this.clock.now() })
        .returning({ id: complaintNotes.id });
      await appendComplaintEvent(tx, 'complaints.note_added', c, client, staff, { noteId: note!.id });
    });
  }

  /**
   * One step up the path agent → team lead → compliance, with who, when and why. Any handler takes
   * it to the team lead; only the register's holders (team leads, compliance, admins) to compliance.
   */
  async escalate(staff: StaffActor, id: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { c, client } = await this.lockVisible(tx, staff.viewer, id);
      if (c.status !== 'open') throw conflict('complaint_closed', 'The final response was sent', 'status');
      const from = COMPLAINT_LEVELS.indexOf(c.level);
      const to = COMPLAINT_LEVELS[from + 1];
      if (!to) throw conflict('escalation_top', 'The complaint is with compliance already', 'level');
      if (to === 'compliance' && !staff.viewer.permissions.has('complaints.register'))
        throw new AppError(
          403,
          'escalation_not_allowed',
          'A team lead takes a complaint to compliance',
          'level',
        );
      const now = this.clock.now();
      await tx.insert(complaintEscalations).values({
        complaintId: id,
        fromLevel: c.level,
        toLevel: to,
        byId: staff.id,
        reason,
        createdAt: now,
      });
      await tx.update(complaints).set({ level: to, updatedAt: now }).where(eq(complaints.id, id));
      const notify =
        to === 'team_lead' && client.teamId
          ? (await activeTeamLeads(tx, [client.teamId])).map((l) => l.id)
          : await activeStaffWithPermission(tx, 'complaints.oversee');
      await appendComplaintEvent(
        tx,
        'complaints.escalated',
        { ...c, level: to },
        client,
        staff,
        { from: c.level, to, reason },
        notify.filter((u) => u !== staff.id),
      );
    });
  }

  /** The complaint locked for a change, when its client is in the viewer's scope (else 404). */
  async lockVisible(
    tx: Executor,
    viewer: Viewer,
    id: string,
  ): Promise<{ c: ComplaintRow; client: ClientRef }> {
    const [c] = await tx
      .select()
      .from(complaints)
      .where(and(eq(complaints.id, id)))
      .for('update')
      .limit(1);
    if (!c) throw notFound('Complaint');
    const client = await assertClientVisible(tx, viewer, c.clientId).catch(() => {
      throw notFound('Complaint');
    });
    return { c, client };
  }
}
