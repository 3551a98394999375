import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { tradingGaps, tradingInbox } from './schema.js';

/**
 * Per-account ordering: the platform numbers each account's events 1, 2, 3…; we track the highest
 * number up to which nothing is missing (`contiguous`) and the highest seen (`high`). Anything between
 * them that has not arrived is a gap, reported to the sender (resend it) and to admins.
 */
export interface SequenceState {
  contiguous: number;
  high: number;
}
export type Range = [from: number, to: number];

/** The common case needs no query: the batch simply continues where the account stood. */
export function advance(state: SequenceState, sortedSeqs: number[]): SequenceState & { settled: boolean } {
  let contiguous = state.contiguous;
  for (const seq of sortedSeqs) if (seq === contiguous + 1) contiguous = seq;
  const high = Math.max(state.high, sortedSeqs[sortedSeqs.length - 1] ?? 0);
  return { contiguous, high, settled: contiguous === high };
}

/**
 * Where ordering stands and what is missing below the highest seq seen. Ranges declared lost count
 * as received, so ordering moves past them. `covered` holds received seqs as [s, s] and lost ranges
 * as [from, to].
 */
export function contiguousOver(after: number, covered: Range[]): number {
  let contiguous = after;
  for (const [from, to] of [...covered].sort((a, b) => a[0] - b[0]))
    if (from <= contiguous + 1) contiguous = Math.max(contiguous, to);
    else break;
  return contiguous;
}

export function holesOver(after: number, high: number, covered: Range[]): Range[] {
  const ranges: Range[] = [];
  let expected = after + 1;
  for (const [from, to] of [...covered].sort((a, b) => a[0] - b[0])) {
    if (to < expected) continue;
    if (from > expected) ranges.push([expected, Math.min(from - 1, high)]);
    expected = Math.max(expected, to + 1);
    if (expected > high) break;
  }
  if (expected <= high) ranges.push([expected, high]);
  return ranges;
}

/** How many received seqs beyond a gap one check reads; a gap older than that waits for the sweeper. */
const SCAN_LIMIT = 20_000;

/**
 * The slow path, taken only when a batch leaves a hole: reads what arrived beyond `contiguous`, moves
 * `contiguous` as far as it can, and reconciles the account's open gap records with what is still missing.
 */
export async function settleGaps(
  tx: Executor,
  accountId: string,
  state: SequenceState,
  now: Date,
): Promise<{ state: SequenceState; missing: Range[]; opened: Range[] }> {
  const rows = await tx
    .select({ seq: tradingInbox.seq })
    .from(tradingInbox)
    .where(and(eq(tradingInbox.accountId, accountId), gt(tradingInbox.seq, state.contiguous)))
    .orderBy(asc(tradingInbox.seq))
    .limit(SCAN_LIMIT);
  const lost = await tx
    .select({ fromSeq: tradingGaps.fromSeq, toSeq: tradingGaps.toSeq })
    .from(tradingGaps)
    .where(
      and(
        eq(tradingGaps.accountId, accountId),
        eq(tradingGaps.resolution, 'lost'),
        gt(tradingGaps.toSeq, state.contiguous),
      ),
    );
  const covered: Range[] = [
    ...rows.map((r): Range => [Number(r.seq), Number(r.seq)]),
    ...lost.map((g): Range => [Number(g.fromSeq), Number(g.toSeq)]),
  ];
  const contiguous = contiguousOver(state.contiguous, covered);
  const missing = holesOver(contiguous, state.high, covered);
  const open = await tx
    .select()
    .from(tradingGaps)
    .where(and(eq(tradingGaps.accountId, accountId), isNull(tradingGaps.resolvedAt)));
  const key = (r: Range) => `${r[0]}-${r[1]}`;
  const stillMissing = new Set(missing.map(key));
  const known = new Set(open.map((g) => key([g.fromSeq, g.toSeq])));
  // A record whose exact range is no longer missing was filled (fully, or split into smaller gaps).
  const filled = open.filter((g) => !stillMissing.has(key([g.fromSeq, g.toSeq]))).map((g) => g.id);
  if (filled.length)
    await tx
      .update(tradingGaps)
      .set({ resolvedAt: now, resolution: 'filled' })
      .where(sql`${tradingGaps.id} = any(${sql.param(filled)}::int8[])`);
  const opened = missing.filter((r) => !known.has(key(r)));
  if (opened.length)
    await tx
      .insert(tradingGaps)
      .values(opened.map(([fromSeq, toSeq]) => ({ accountId, fromSeq, toSeq, detectedAt: now })));
  return { state: { contiguous, high: state.high }, missing, opened };
}
