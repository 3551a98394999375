import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { DurationStats } from '../../shared/contracts/reports.js';
import { reportDaily, reportFacts, reportHist } from './schema.js';
import { factsWhere, unrestricted, type Slice } from './scope.js';

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

/**
 * The same statistics for one kind over a slice. An unrestricted slice reads the histogram (counts per
 * bucket over the range), finds the bucket holding each rank and reads only that bucket's facts: exact,
 * and independent of how many facts the range holds. A restricted one (a manager, a team, a channel)
 * takes percentile_disc over its facts.
 */
export async function kindStats(
  db: Executor,
  column: 'cal_ms' | 'bus_ms',
  slice: Slice,
  kind: string,
): Promise<DurationStats> {
  if (!unrestricted(slice)) return durationStats(db, column, factsWhere(slice, [kind]));
  const h = reportHist;
  const measure = column === 'cal_ms' ? 'c' : 'b';
  const rows = await db
    .select({ bucket: h.bucket, n: sql<string>`sum(${h.n})`, sum: sql<string>`sum(${h.sum})` })
    .from(h)
    .where(
      sql`${h.kind} = ${kind} and ${h.measure} = ${measure} and ${h.day} between ${slice.range.from} and ${slice.range.to}`,
    )
    .groupBy(h.bucket)
    .orderBy(h.bucket);
  const counts = rows.map((r) => ({ bucket: r.bucket, n: Number(r.n) })).filter((r) => r.n > 0);
  const count = counts.reduce((a, r) => a + r.n, 0);
  if (!count) return { count: 0, avgMs: null, medianMs: null, p90Ms: null };
  const total = rows.reduce((a, r) => a + Number(r.sum), 0);
  const at = async (p: number) => {
    const rank = Math.ceil(p * count);
    let below = 0;
    for (const r of counts) {
      if (below + r.n >= rank) return valueInBucket(db, column, slice, kind, r.bucket, rank - below);
      below += r.n;
    }
    return null;
  };
  const [medianMs, p90Ms] = await Promise.all([at(0.5), at(0.9)]);
  return { count, avgMs: Math.round(total / count), medianMs, p90Ms };
}

async function valueInBucket(
  db: Executor,
  column: 'cal_ms' | 'bus_ms',
  slice: Slice,
  kind: string,
  bucket: number,
  rank: number,
): Promise<number | null> {
  const f = reportFacts;
  const col = column === 'cal_ms' ? f.calMs : f.busMs;
  const b = column === 'cal_ms' ? f.bucketC : f.bucketB;
  const [row] = await db
    .select({ v: col })
    .from(f)
    .where(
      sql`${f.kind} = ${kind} and ${b} = ${bucket} and ${f.day} between ${slice.range.from} and ${slice.range.to} and ${col} is not null`,
    )
    .orderBy(col)
    .limit(1)
    .offset(rank - 1);
  return row?.v ?? null;
}
