import { eq } from 'drizzle-orm';
import { settings } from '../../core/schema.js';
import type { Db } from '../../db/connection.js';
import { DEFAULT_REJECTION_REASONS, DEFAULT_TWO_PERSON_THRESHOLD } from '../../shared/payments.js';
import type { WithdrawalDeps } from './withdrawals.js';

/**
 * Until pay-core's PaymentSettings and convert() are merged: the same `payments` settings row, and
 * the base currency only (no conversion). Remove when wiring through registerPayments.
 */
export function withdrawalSettingsStopgap(db: Db): Pick<WithdrawalDeps, 'settings' | 'toBase'> {
  return {
    settings: async () => {
      const [row] = await db.select().from(settings).where(eq(settings.key, 'payments')).limit(1);
      const v = (row?.value ?? {}) as {
        twoPersonThreshold?: number;
        rejectionReasons?: { code: string; label: string }[];
      };
      return {
        twoPersonThreshold: v.twoPersonThreshold ?? DEFAULT_TWO_PERSON_THRESHOLD,
        rejectionReasons: v.rejectionReasons ?? DEFAULT_REJECTION_REASONS.map((r) => ({ ...r })),
      };
    },
    toBase: async (_db, amount) => amount,
  };
}
