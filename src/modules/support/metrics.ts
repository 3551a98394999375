import type { Executor } from '../../db/connection.js';
import type { SupportMetricKind } from '../../shared/support.js';
import type { ConversationRow } from './hooks.js';
import { supportMetrics } from './schema.js';

/**
 * Records one raw support metric (support_metrics) as it happens, in the caller's transaction, with
 * the conversation's channel, language and team at that moment, so reports (issue 14) can be rebuilt
 * from these rows alone. Durations are given both in calendar time and in the team's business time.
 */
export async function recordMetric(
  tx: Executor,
  conv: Pick<ConversationRow, 'id' | 'channel' | 'language' | 'teamId'>,
  m: {
    kind: SupportMetricKind;
    at: Date;
    calendarMs?: number | null;
    businessMs?: number | null;
    agentId?: string | null;
    score?: number | null;
    detail?: string | null;
  },
): Promise<void> {
  await tx.insert(supportMetrics).values({
    conversationId: conv.id,
    kind: m.kind,
    at: m.at,
    calendarMs: m.calendarMs ?? null,
    businessMs: m.businessMs ?? null,
    agentId: m.agentId ?? null,
    teamId: conv.teamId,
    channel: conv.channel,
    language: conv.language,
    score: m.score ?? null,
    detail: m.detail ?? null,
  });
}
