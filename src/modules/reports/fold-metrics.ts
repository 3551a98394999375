import { makeFact, type ConversationState, type Fact, type FactFields, type FoldState } from './facts.js';

/** A raw support metric as the fold reads it (support's `supportMetricRows`). */
export interface MetricRow {
  id: number;
  conversationId: string;
  kind: string;
  at: Date;
  calendarMs: number | null;
  businessMs: number | null;
  agentId: string | null;
  teamId: string | null;
  channel: string;
  language: string | null;
  score: number | null;
  detail: string | null;
}

export const newConversationState = (conversationId: string): ConversationState => ({
  conversationId,
  answered: false,
  replies: 0,
  resolvedAt: null,
  fcr: false,
  frBreached: false,
  nrBreached: false,
  resBreached: false,
  fcrStaffId: null,
  fcrTeamId: null,
  fcrChannel: null,
  fcrLanguage: null,
});

const verdict = (breached: boolean) => (breached ? 'breached' : 'met');

/**
 * Folds one support metric into facts (docs/reports.md): first response, next response and first
 * resolution with their SLA verdicts, first-contact resolution (and its correction on a reopen), CSAT,
 * the bot's resolutions and hand-overs, SLA breaches.
 */
export function foldMetric(state: FoldState, m: MetricRow): Fact[] {
  let conv = state.conversations.get(m.conversationId);
  if (!conv) {
    conv = newConversationState(m.conversationId);
    state.conversations.set(m.conversationId, conv);
  }
  state.touched.conversations.add(m.conversationId);
  const out: Fact[] = [];
  const base: FactFields = {
    conversationId: m.conversationId,
    staffId: m.agentId,
    teamId: m.teamId,
    channel: m.channel,
    language: m.language,
  };
  const emit = (kind: string, f: FactFields, at = m.at) =>
    out.push(makeFact('m', m.id, out.length, kind, at, { ...base, ...f }));
  const timed = { calMs: m.calendarMs, busMs: m.businessMs };

  switch (m.kind) {
    case 'first_response':
      if (conv.answered) break;
      conv.answered = true;
      emit('first_response', { ...timed, detail: verdict(conv.frBreached) });
      break;
    case 'reply':
      conv.replies += 1;
      emit('next_response', { ...timed, detail: verdict(conv.nrBreached) });
      conv.nrBreached = false;
      break;
    case 'resolution': {
      if (conv.resolvedAt) break;
      conv.resolvedAt = m.at;
      emit('resolution', { ...timed, detail: verdict(conv.resBreached) });
      if (conv.answered) {
        emit('fcr_base', {});
        if (conv.replies === 0) {
          emit('fcr', {});
          conv.fcr = true;
          conv.fcrStaffId = m.agentId;
          conv.fcrTeamId = m.teamId;
          conv.fcrChannel = m.channel;
          conv.fcrLanguage = m.language;
        }
      }
      break;
    }
    case 'reopen':
      emit('reopen', {});
      if (conv.fcr && conv.resolvedAt) {
        // Taken back on the day it was counted, with the dimensions it was counted under.
        emit(
          'fcr',
          {
            staffId: conv.fcrStaffId,
            teamId: conv.fcrTeamId,
            channel: conv.fcrChannel,
            language: conv.fcrLanguage,
            n: -1,
          },
          conv.resolvedAt,
        );
        conv.fcr = false;
      }
      break;
    case 'csat':
      if (m.score !== null) emit('csat', { score: m.score, detail: String(m.score) });
      break;
    case 'handoff':
      emit('bot_handover', { detail: m.detail });
      break;
    case 'bot_resolved':
      emit('bot_resolved', { calMs: m.calendarMs });
      break;
    case 'sla_breach':
      emit('sla_breach', { calMs: m.calendarMs, detail: m.detail });
      if (m.detail === 'first_response' && !conv.answered) conv.frBreached = true;
      if (m.detail === 'next_response') conv.nrBreached = true;
      if (m.detail === 'resolution' && !conv.resolvedAt) conv.resBreached = true;
      break;
  }
  // Every metric leaves a fact, so a re-read of the window behind the cursor knows what it has folded.
  if (!out.length) emit('ignored', { detail: m.kind });
  return out;
}
