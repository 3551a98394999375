import { eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import { staffExtensions } from './schema.js';

/** The first extension handed out; then 102, 103… (a broker's PBX plan may be set per staff). */
const FIRST_EXTENSION = 101;

/**
 * Staff extensions on the phone system: one per staff member, allocated on first use (the next free
 * number from 101), or set by an admin/the PBX bridge to what the real PBX uses.
 */
export class Extensions {
  constructor(private readonly db: Executor) {}

  /** The staff member's extension, allocated now if they have none. */
  async ensure(staffId: string, tx: Executor = this.db): Promise<string> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const [have] = await tx
        .select({ extension: staffExtensions.extension })
        .from(staffExtensions)
        .where(eq(staffExtensions.staffId, staffId));
      if (have) return have.extension;
      // Two first calls at once may draw the same number: the loser's insert does nothing and retries.
      await tx
        .execute(
          sql`
        insert into staff_extensions (staff_id, extension)
        select ${staffId}, (coalesce(max(extension::int), ${FIRST_EXTENSION - 1}) + 1)::text
        from staff_extensions where extension ~ '^[0-9]{1,9}$'
        on conflict do nothing`,
        )
        .catch((err: unknown) => {
          // No such staff member (an admin ringing a made-up id on the simulator): theirs to fix.
          if (pgCode(err) === '23503')
            throw new AppError(404, 'not_found', 'Staff member not found', 'staffId');
          throw err;
        });
    }
    throw new Error(`could not allocate an extension for ${staffId}`);
  }

  /** Sets a staff member's extension (the real PBX's numbering). */
  async set(staffId: string, extension: string, tx: Executor = this.db): Promise<void> {
    await tx
      .insert(staffExtensions)
      .values({ staffId, extension })
      .onConflictDoUpdate({ target: staffExtensions.staffId, set: { extension } });
  }

  /** Staff by extension (those that exist). */
  async staffOf(extensions: readonly string[], tx: Executor = this.db): Promise<Map<string, string>> {
    const unique = [...new Set(extensions)];
    if (!unique.length) return new Map();
    const rows = await tx.select().from(staffExtensions).where(inArray(staffExtensions.extension, unique));
    return new Map(rows.map((r) => [r.extension, r.staffId]));
  }

  /** Every extension (the simulated PBX's directory). */
  async all(tx: Executor = this.db): Promise<{ staffId: string; extension: string }[]> {
    return tx
      .select({ staffId: staffExtensions.staffId, extension: staffExtensions.extension })
      .from(staffExtensions);
  }
}

function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}
