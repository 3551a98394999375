import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { complaintSequences } from './schema.js';

/**
 * The next sequence number of a firm code and year, in the caller's transaction. The counter row is
 * updated in place, so concurrent complaints queue on its row lock and each takes the next number; a
 * transaction that rolls back gives its number back. So references are 1, 2, 3… without gaps.
 */
export async function nextSequence(tx: Executor, firmCode: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(complaintSequences)
    .values({ firmCode, year, last: 1 })
    .onConflictDoUpdate({
      target: [complaintSequences.firmCode, complaintSequences.year],
      set: { last: sql`${complaintSequences.last} + 1` },
    })
    .returning({ last: complaintSequences.last });
  return row!.last;
}

export const formatReference = (firmCode: string, year: number, sequence: number) =>
  `${firmCode}-${year}-${String(sequence).padStart(6, '0')}`;
