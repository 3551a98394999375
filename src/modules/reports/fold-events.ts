import { makeFact, utcMonth, type ClientState, type Fact, type FactFields, type FoldState } from './facts.js';

/** An event as the fold reads it from the kernel's log. */
export interface LoggedEvent {
  id: number;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id the fold may key state by: ids in payloads are uuids; anything else is not a reference. */
const uid = (v: unknown): string | null => (typeof v === 'string' && UUID.test(v) ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const changeTo = (p: Record<string, unknown>, field: string): { to: unknown } | null => {
  const c = (p.changes as Record<string, { to?: unknown }> | undefined)?.[field];
  return c && typeof c === 'object' ? { to: c.to } : null;
};

/** Trading activity (a terminal session, a balance operation): what "active trader" counts. */
export const ACTIVITY_EVENTS = new Set(['trading.client_online', 'trading.balance_operation']);

const clientOf = (e: LoggedEvent): string | null =>
  uid(e.payload.clientId) ?? (e.subjectType === 'client' ? uid(e.subjectId) : null);

/** The ids of the state one batch of events reads, to load before folding. */
export function eventRefs(events: readonly LoggedEvent[]): {
  clients: string[];
  staff: string[];
  complaints: string[];
} {
  const clients = new Set<string>();
  const staff = new Set<string>();
  const complaints = new Set<string>();
  for (const e of events) {
    const p = e.payload;
    const client = clientOf(e);
    if (client) clients.add(client);
    const to = e.type === 'client.reassigned' ? uid(p.to) : null;
    for (const s of [uid(p.managerId), to, uid(p.staffId), e.actorId]) if (s) staff.add(s);
    const subject = e.subjectType === 'staff' ? uid(e.subjectId) : null;
    if (subject) staff.add(subject);
    const complaint = uid(p.complaintId);
    if (complaint) complaints.add(complaint);
  }
  return { clients: [...clients], staff: [...staff], complaints: [...complaints] };
}

/**
 * Folds one event into facts and state (docs/reports.md says what each fact means). Deterministic: the
 * same events in the same order give the same facts, whatever the batches.
 */
export function foldEvent(
  state: FoldState,
  e: LoggedEvent,
  conversationFacet?: ConversationFacetLike,
): Fact[] {
  const p = e.payload;
  const at = e.createdAt;
  const out: Fact[] = [];
  const emit = (kind: string, f: FactFields, seq = out.length) =>
    out.push(makeFact('e', e.id, seq, kind, at, f));
  const teamOf = (staffId: string | null) => (staffId ? (state.staff.get(staffId) ?? null) : null);
  const clientId = clientOf(e);
  const client = clientId ? state.clients.get(clientId) : undefined;
  const touch = (c: ClientState) => state.touched.clients.add(c.clientId);
  const dims = (c: ClientState, sales = false): FactFields => ({
    clientId: c.clientId,
    clientName: c.name,
    staffId: sales ? c.salesStaffId : c.staffId,
    teamId: sales ? c.salesTeamId : c.teamId,
    country: c.country,
    source: c.source,
    campaign: c.campaign,
  });

  switch (e.type) {
    case 'staff.created': {
      if (!uid(e.subjectId)) break;
      state.staff.set(e.subjectId!, uid(p.teamId));
      state.touched.staff.add(e.subjectId!);
      break;
    }
    case 'staff.updated':
    case 'staff.deactivated': {
      const team = changeTo(p, 'teamId');
      if (!uid(e.subjectId) || !team) break;
      state.staff.set(e.subjectId!, uid(team.to));
      state.touched.staff.add(e.subjectId!);
      break;
    }
    case 'client.created': {
      if (!clientId || client) break;
      const managerId = uid(p.managerId);
      const teamId = p.teamId !== undefined ? uid(p.teamId) : teamOf(managerId);
      const status = str(p.status);
      const c: ClientState = {
        clientId,
        name: str(p.name) ?? str(p.clientName) ?? '',
        country: str(p.country),
        source: str(p.source),
        campaign: str(p.campaign),
        staffId: managerId,
        teamId,
        salesStaffId: managerId,
        salesTeamId: teamId,
        createdAt: at,
        demoAt: status === 'demo' || status === 'live' ? at : null,
        liveAt: status === 'live' ? at : null,
        ftdAt: null,
        ftdAmount: null,
        ftdStaffId: null,
        ftdTeamId: null,
        lastActiveAt: null,
      };
      state.clients.set(clientId, c);
      touch(c);
      emit('lead', dims(c, true));
      if (c.demoAt) emit('demo', { ...dims(c, true), calMs: 0 });
      if (c.liveAt) emit('live', { ...dims(c, true), calMs: 0 });
      break;
    }
    case 'client.updated': {
      const country = changeTo(p, 'country');
      if (!client || !country) break;
      client.country = str(country.to);
      touch(client);
      break;
    }
    case 'client.reassigned': {
      if (!client) break;
      const to = uid(p.to);
      const teamId = p.teamId !== undefined ? uid(p.teamId) : teamOf(to);
      client.staffId = to;
      client.teamId = teamId;
      // The sales desk keeps credit for its lead when retention takes the trader over at the FTD.
      if (p.reason !== 'ftd_handover') {
        client.salesStaffId = to;
        client.salesTeamId = teamId;
      }
      touch(client);
      break;
    }
    case 'client.status_changed': {
      if (!client) break;
      const to = str(p.to);
      if ((to === 'demo' || to === 'live') && !client.demoAt) {
        client.demoAt = at;
        emit('demo', { ...dims(client, true), calMs: at.getTime() - client.createdAt.getTime() });
      }
      if (to === 'live' && !client.liveAt) {
        const from = client.demoAt ?? client.createdAt;
        client.liveAt = at;
        emit('live', { ...dims(client, true), calMs: at.getTime() - from.getTime() });
      }
      touch(client);
      break;
    }
    case 'payment.ftd': {
      if (!client || client.ftdAt) break;
      const amount = num(p.baseAmount) ?? num(p.amount) ?? 0;
      client.ftdAt = at;
      client.ftdAmount = amount;
      client.ftdStaffId = client.salesStaffId;
      client.ftdTeamId = client.salesTeamId;
      touch(client);
      const from = client.liveAt ?? client.createdAt;
      emit('ftd', { ...dims(client, true), amount, calMs: at.getTime() - from.getTime() });
      break;
    }
    case 'payment.executed':
      if (p.direction === 'deposit' && client)
        emit('deposit', { ...dims(client), amount: num(p.baseAmount) ?? num(p.amount) ?? 0 });
      break;
    case 'payment.refunded':
    case 'payment.charged_back':
      if (client)
        emit('deposit_reversal', {
          ...dims(client),
          amount: num(p.baseAmount) ?? num(p.accountAmount) ?? 0,
          detail: e.type === 'payment.refunded' ? 'refund' : 'chargeback',
        });
      break;
    case 'withdrawal.paid':
      if (client) emit('withdrawal', { ...dims(client), amount: num(p.baseAmount) ?? num(p.amount) ?? 0 });
      break;
    case 'call.ended': {
      const staffId = uid(p.staffId) ?? e.actorId;
      const seconds = num(p.durationSec);
      emit('call', {
        ...(client ? dims(client) : {}),
        staffId,
        teamId: teamOf(staffId),
        calMs: seconds === null ? null : seconds * 1000,
        detail: str(p.direction),
      });
      break;
    }
    case 'client.comment_added':
    case 'client.task_done':
      if (e.actorId)
        emit(e.type === 'client.comment_added' ? 'comment' : 'task_done', {
          ...(client ? dims(client) : {}),
          staffId: e.actorId,
          teamId: teamOf(e.actorId),
        });
      break;
    case 'support.conversation_opened': {
      const conversationId = uid(p.conversationId);
      emit('conversation', {
        conversationId,
        clientId,
        clientName: str(p.clientName),
        channel: str(p.channel) ?? conversationFacet?.channel ?? null,
        language: conversationFacet?.language ?? null,
        teamId: conversationFacet?.teamId ?? null,
      });
      break;
    }
    case 'survey.answered':
      emit('nps', {
        ...(client ? dims(client) : { clientId }),
        score: num(p.score),
        detail: String(num(p.score) ?? ''),
      });
      break;
    case 'complaints.created': {
      const complaintId = uid(p.complaintId);
      const due = str(p.finalResponseDueAt);
      if (!complaintId || !due || state.complaints.has(complaintId)) break;
      state.complaints.set(complaintId, {
        complaintId,
        createdAt: at,
        dueAt: new Date(due),
        answered: false,
      });
      state.touched.complaints.add(complaintId);
      emit('complaint', { ...(client ? dims(client) : { clientId }), detail: complaintId });
      break;
    }
    case 'complaints.final_response_sent': {
      const complaintId = uid(p.complaintId);
      const c = complaintId ? state.complaints.get(complaintId) : undefined;
      if (!c || c.answered) break;
      c.answered = true;
      state.touched.complaints.add(c.complaintId);
      emit('complaint_resolved', {
        ...(client ? dims(client) : { clientId }),
        calMs: at.getTime() - c.createdAt.getTime(),
        detail: at.getTime() <= c.dueAt.getTime() ? 'on_time' : 'late',
      });
      break;
    }
    default:
      if (ACTIVITY_EVENTS.has(e.type) && client) {
        if (!client.lastActiveAt || client.lastActiveAt < at) client.lastActiveAt = at;
        touch(client);
        const key = `${utcMonth(at)}|${client.clientId}`;
        if (!state.activeKnown.has(key)) {
          state.activeKnown.add(key);
          state.activeAdded.push({
            month: utcMonth(at),
            clientId: client.clientId,
            staffId: client.staffId,
            teamId: client.teamId,
            country: client.country,
          });
        }
      }
  }
  return out;
}

/** The conversation's facets the volume fact takes (support's face, read when folded). */
export interface ConversationFacetLike {
  channel: string;
  language: string | null;
  teamId: string | null;
}
