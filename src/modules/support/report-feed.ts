import { asc, gt, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { SupportMetricKind } from '../../shared/support.js';
import { conversations, supportMetrics } from './schema.js';

/** One raw support metric as reports (issue 14) fold it in: support_metrics, by id. */
export interface SupportMetricFeedRow {
  id: number;
  conversationId: string;
  kind: SupportMetricKind;
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

/**
 * The support metrics after `afterId`, oldest first, at most `limit`: the feed the reports rollups
 * follow. Metrics are written in the transaction of what they measure, so a reader may see ids out of
 * commit order; reports re-read a short window behind its cursor (see reports' feed) to catch them.
 */
export async function supportMetricRows(
  db: Executor,
  afterId: number,
  limit: number,
): Promise<SupportMetricFeedRow[]> {
  return db
    .select({
      id: supportMetrics.id,
      conversationId: supportMetrics.conversationId,
      kind: supportMetrics.kind,
      at: supportMetrics.at,
      calendarMs: supportMetrics.calendarMs,
      businessMs: supportMetrics.businessMs,
      agentId: supportMetrics.agentId,
      teamId: supportMetrics.teamId,
      channel: supportMetrics.channel,
      language: supportMetrics.language,
      score: supportMetrics.score,
      detail: supportMetrics.detail,
    })
    .from(supportMetrics)
    .where(gt(supportMetrics.id, afterId))
    .orderBy(asc(supportMetrics.id))
    .limit(limit);
}

/** What reports attribute a conversation's volume with: its language, team and client as they are now. */
export interface ConversationFacet {
  id: string;
  number: number;
  channel: string;
  language: string | null;
  teamId: string | null;
  clientId: string | null;
}

export async function conversationFacets(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, ConversationFacet>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: conversations.id,
      number: conversations.number,
      channel: conversations.channel,
      language: conversations.language,
      teamId: conversations.teamId,
      clientId: conversations.clientId,
    })
    .from(conversations)
    .where(inArray(conversations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
