import { asc, eq, gt, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { events } from '../../core/schema.js';
import type { Db, Executor } from '../../db/connection.js';
import { conversationFacets, supportMetricRows } from '../support/index.js';
import { FoldState, utcMonth, type Fact } from './facts.js';
import { ACTIVITY_EVENTS, eventRefs, foldEvent, type LoggedEvent } from './fold-events.js';
import { foldMetric, type MetricRow } from './fold-metrics.js';
import { reportCursor, reportFacts } from './schema.js';
import { dailyFromFacts, foldedMetricIds, loadState, saveState, writeFacts } from './store.js';

/** Support metrics are numbered when written, not when committed: this many ids behind are re-read. */
export const METRIC_WINDOW = 500;

export interface RollupOptions {
  /** Records folded per transaction. */
  batch?: number;
}

export interface FoldStatus {
  eventCursor: number;
  metricCursor: number;
  facts: number;
  updatedAt: Date | null;
}

/**
 * Keeps the rollups (report_* tables) up to date with the event log and the support metrics:
 * `catchUp` folds what is new (the job runs it every second), `rebuild` empties everything and folds
 * all raw records again (the daily sums then by one GROUP BY), giving the same rows.
 */
export class Rollups {
  private readonly batch: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    opts: RollupOptions = {},
  ) {
    this.batch = opts.batch ?? 2000;
  }

  /** Folds everything new; returns how many records were folded. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction((tx) => this.step(tx, true));
      total += n;
      if (n < this.batch) return total;
    }
  }

  /** Empties the rollups and folds every raw record again. */
  async rebuild(): Promise<FoldStatus> {
    await this.db.transaction(async (tx) => {
      await this.lockCursor(tx);
      await tx.execute(sql`truncate report_facts, report_daily, report_clients, report_active_months,
        report_staff, report_conversations, report_complaints`);
      await tx
        .update(reportCursor)
        .set({ eventId: 0, metricId: 0, updatedAt: null })
        .where(eq(reportCursor.id, 1));
      const state = new FoldState();
      while ((await this.step(tx, false, state)) >= this.batch);
      await dailyFromFacts(tx);
    });
    return this.status();
  }

  async status(): Promise<FoldStatus> {
    const [cursor] = await this.db.select().from(reportCursor).where(eq(reportCursor.id, 1));
    const [count] = await this.db.select({ n: sql<number>`count(*)::int` }).from(reportFacts);
    return {
      eventCursor: cursor?.eventId ?? 0,
      metricCursor: cursor?.metricId ?? 0,
      facts: count?.n ?? 0,
      updatedAt: cursor?.updatedAt ?? null,
    };
  }

  private async lockCursor(tx: Executor) {
    await tx.insert(reportCursor).values({ id: 1 }).onConflictDoNothing();
    const [row] = await tx.select().from(reportCursor).where(eq(reportCursor.id, 1)).for('update');
    return row!;
  }

  /** One batch of events and one of metrics; the larger count (a full batch means: more to do). */
  private async step(tx: Executor, maintainDaily: boolean, given?: FoldState): Promise<number> {
    const cursor = await this.lockCursor(tx);
    const state = given ?? new FoldState();
    const evs = await readEvents(tx, cursor.eventId, this.batch);
    const eventFacts = await foldEvents(tx, state, evs);
    const low = maintainDaily ? Math.max(0, cursor.metricId - METRIC_WINDOW) : cursor.metricId;
    const read = await supportMetricRows(tx, low, this.batch + (cursor.metricId - low));
    const seen = maintainDaily
      ? await foldedMetricIds(
          tx,
          read.filter((m) => m.id <= cursor.metricId).map((m) => m.id),
        )
      : new Set<number>();
    const metrics = read.filter((m) => !seen.has(m.id));
    const metricFacts = await foldMetrics(tx, state, metrics);
    await saveState(tx, state);
    await writeFacts(tx, [...eventFacts, ...metricFacts], maintainDaily);
    const eventId = evs.at(-1)?.id ?? cursor.eventId;
    const metricId = Math.max(cursor.metricId, read.at(-1)?.id ?? 0);
    if (evs.length || metrics.length)
      await tx
        .update(reportCursor)
        .set({ eventId, metricId, updatedAt: this.clock.now() })
        .where(eq(reportCursor.id, 1));
    return Math.max(evs.length, read.filter((m) => m.id > cursor.metricId).length);
  }
}

async function readEvents(tx: Executor, afterId: number, limit: number): Promise<LoggedEvent[]> {
  return tx
    .select({
      id: events.id,
      type: events.type,
      subjectType: events.subjectType,
      subjectId: events.subjectId,
      actorId: events.actorId,
      payload: events.payload,
      createdAt: events.createdAt,
    })
    .from(events)
    .where(gt(events.id, afterId))
    .orderBy(asc(events.id))
    .limit(limit);
}

async function foldEvents(tx: Executor, state: FoldState, evs: LoggedEvent[]): Promise<Fact[]> {
  if (!evs.length) return [];
  const refs = eventRefs(evs);
  const active = evs
    .filter((e) => ACTIVITY_EVENTS.has(e.type) && refs.clients.includes(e.payload.clientId as string))
    .map((e) => `${utcMonth(e.createdAt)}|${e.payload.clientId as string}`);
  await loadState(tx, state, { ...refs, active });
  const opened = evs
    .filter((e) => e.type === 'support.conversation_opened')
    .map((e) => e.payload.conversationId)
    .filter((id): id is string => typeof id === 'string');
  const facets = await conversationFacets(tx, opened);
  const out: Fact[] = [];
  for (const e of evs) {
    const cid = e.payload.conversationId;
    out.push(...foldEvent(state, e, typeof cid === 'string' ? facets.get(cid) : undefined));
  }
  return out;
}

async function foldMetrics(tx: Executor, state: FoldState, metrics: MetricRow[]): Promise<Fact[]> {
  if (!metrics.length) return [];
  await loadState(tx, state, { conversations: metrics.map((m) => m.conversationId) });
  return metrics.flatMap((m) => foldMetric(state, m));
}
