import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { DurationStats } from '../../shared/contracts/reports.js';
import { reportDaily, reportFacts } from './schema.js';

/**
 * Average, median and 90th percentile of a duration column over the rows `where` selects. The
 * percentiles are nearest-rank (PostgreSQL's percentile_disc): the smallest value with at least p of
 * the values at or below it — always a duration some record actually had.
 */
export async function durationStats(
  db: Executor,
  column: 'cal_ms' | 'bus_ms',
  where: SQL,
): Promise<DurationStats> {
  const col = column === 'cal_ms' ? reportFacts.calMs : reportFacts.busMs;
  const [row] = await db
    .select({
      count: sql<number>`count(${col})::int`,
      avg: sql<string | null>`avg(${col})`,
      median: sql<string | null>`percentile_disc(0.5) within group (order by ${col})`,
      p90: sql<string | null>`percentile_disc(0.9) within group (order by ${col})`,
    })
    .from(reportFacts)
    .where(sql`${where} and ${col} is not null`);
  return toStats(row);
}

export const toStats = (
  row:
    | {
        count: number;
        avg: string | number | null;
        median: string | number | null;
        p90: string | number | null;
      }
    | undefined,
): DurationStats => ({
  count: row?.count ?? 0,
  avgMs: row?.avg === null || row?.avg === undefined ? null : Math.round(Number(row.avg)),
  medianMs: row?.median === null || row?.median === undefined ? null : Number(row.median),
  p90Ms: row?.p90 === null || row?.p90 === undefined ? null : Number(row.p90),
});

/** Per-group medians of a duration column (agents' FRT, daily FRT). */
export async function mediansBy(
  db: Executor,
  column: 'cal_ms' | 'bus_ms',
  group: 'staff_id' | 'day',
  where: SQL,
): Promise<Map<string, number>> {
  const col = column === 'cal_ms' ? reportFacts.calMs : reportFacts.busMs;
  const g = group === 'staff_id' ? sql`${reportFacts.staffId}::text` : sql`${reportFacts.day}::text`;
  const rows = await db
    .select({
      key: sql<string | null>`${g}`,
      median: sql<string>`percentile_disc(0.5) within group (order by ${col})`,
    })
    .from(reportFacts)
    .where(sql`${where} and ${col} is not null`)
    .groupBy(g);
  return new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, Number(r.median)]));
}

export interface DailySum {
  key: string;
  n: number;
  amount: number;
  calMs: number;
  busMs: number;
  score: number;
}

type DailyKey =
  | 'kind'
  | 'day'
  | 'staff_key'
  | 'team_key'
  | 'channel'
  | 'language'
  | 'country'
  | 'source'
  | 'campaign'
  | 'detail';

/** Sums of the daily rollup over `where`, grouped by `kind` and one more key (or none). */
export async function dailySums(db: Executor, where: SQL, by?: DailyKey): Promise<Map<string, DailySum>> {
  const g = by ? sql.raw(`${reportDaily.kind.name} || '|' || ${by}::text`) : sql.raw(reportDaily.kind.name);
  const rows = await db
    .select({
      key: sql<string>`${g}`,
      n: sql<string>`sum(${reportDaily.n})`,
      amount: sql<string>`sum(${reportDaily.amount})`,
      calMs: sql<string>`sum(${reportDaily.calMs})`,
      busMs: sql<string>`sum(${reportDaily.busMs})`,
      score: sql<string>`sum(${reportDaily.score})`,
    })
    .from(reportDaily)
    .where(where)
    .groupBy(g);
  return new Map(
    rows.map((r) => [
      r.key,
      {
        key: r.key,
        n: Number(r.n),
        amount: Number(r.amount),
        calMs: Number(r.calMs),
        busMs: Number(r.busMs),
        score: Number(r.score),
      },
    ]),
  );
}

/** Rows of a grouped sum for one kind: `[key, sum]` with the kind prefix taken off. */
export function ofKind(sums: Map<string, DailySum>, kind: string): [string, DailySum][] {
  const prefix = `${kind}|`;
  return [...sums].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]);
}

export const nOf = (sums: Map<string, DailySum>, kind: string): number => sums.get(kind)?.n ?? 0;
export const amountOf = (sums: Map<string, DailySum>, kind: string): number => sums.get(kind)?.amount ?? 0;
export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
