import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { appendEvents } from '../../core/events.js';
import { badRequest } from '../../core/errors.js';
import { settings } from '../../core/schema.js';
import type { Db, Executor } from '../../db/connection.js';
import {
  BASE_CURRENCY,
  DEFAULT_REJECTION_REASONS,
  DEFAULT_STUCK_PENDING_MINUTES,
  DEFAULT_TWO_PERSON_THRESHOLD,
  minorDigits,
} from '../../shared/payments.js';
import type { FxRateView, PaymentSettingsView } from '../../shared/contracts/payments.js';
import type { PaymentSettingsInput } from './contracts.js';
import { fxRates } from './schema.js';

export const PAYMENTS_SETTINGS_KEY = 'payments';
/** Who sees payments' admin changes live (and in the audit trail). */
export const FINANCE_AUDIENCE = { permissions: ['payments.execute'] };

/** Payments settings (rejection reasons, stuck-pending minutes, two-person threshold) and fx rates. */
export class PaymentSettings {
  constructor(private readonly db: Db) {}

  async get(db: Executor = this.db): Promise<PaymentSettingsView> {
    const [row] = await db.select().from(settings).where(eq(settings.key, PAYMENTS_SETTINGS_KEY)).limit(1);
    const v = (row?.value ?? {}) as Partial<PaymentSettingsView>;
    return {
      rejectionReasons: v.rejectionReasons ?? DEFAULT_REJECTION_REASONS.map((r) => ({ ...r })),
      stuckPendingMinutes: v.stuckPendingMinutes ?? DEFAULT_STUCK_PENDING_MINUTES,
      twoPersonThreshold: v.twoPersonThreshold ?? DEFAULT_TWO_PERSON_THRESHOLD,
      baseCurrency: v.baseCurrency ?? BASE_CURRENCY,
    };
  }

  async put(actor: Actor, input: PaymentSettingsInput): Promise<PaymentSettingsView> {
    await this.db.transaction(async (tx) => {
      const value = { ...(await this.get(tx)), ...input };
      await tx
        .insert(settings)
        .values({ key: PAYMENTS_SETTINGS_KEY, value, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value, updatedBy: actor.id, updatedAt: sql`now()` },
        });
      await appendEvents(tx, [
        {
          type: 'payments.settings_updated',
          subjectType: 'payments',
          actorId: actor.id,
          ip: actor.ip,
          payload: value,
          audience: FINANCE_AUDIENCE,
        },
      ]);
    });
    return this.get();
  }

  /** The reason's label, or 400 when finance picked a code the list does not have. */
  async reasonLabel(db: Executor, code: string): Promise<string> {
    const reason = (await this.get(db)).rejectionReasons.find((r) => r.code === code);
    if (!reason) throw badRequest('unknown_reason', 'Choose a reason from the list', 'reasonCode');
    return reason.label;
  }

  async rates(): Promise<FxRateView[]> {
    const rows = await this.db.select().from(fxRates).orderBy(asc(fxRates.from), asc(fxRates.to));
    return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
  }

  async putRates(actor: Actor, rates: { from: string; to: string; rate: string }[]): Promise<FxRateView[]> {
    await this.db.transaction(async (tx) => {
      for (const r of rates)
        await tx
          .insert(fxRates)
          .values({ ...r, updatedBy: actor.id })
          .onConflictDoUpdate({
            target: [fxRates.from, fxRates.to],
            set: { rate: r.rate, updatedBy: actor.id, updatedAt: sql`now()` },
          });
      await appendEvents(tx, [
        {
          type: 'payments.rates_updated',
          subjectType: 'payments',
          actorId: actor.id,
          ip: actor.ip,
          payload: { rates },
          audience: FINANCE_AUDIENCE,
        },
      ]);
    });
    return this.rates();
  }
}

/**
 * `amount` (minor units of `from`) in `to`, at the rate finance maintains: the direct pair, else the
 * inverse of the reverse pair. Rounded half away from zero to the minor unit. 400 when no rate exists,
 * so a deposit in a currency nobody priced is refused up front rather than credited at a guess.
 */
export async function convert(
  db: Executor,
  amount: number,
  from: string,
  to: string,
): Promise<{ amount: number; rate: string | null }> {
  if (from === to) return { amount, rate: null };
  const rows = await db
    .select()
    .from(fxRates)
    .where(sql`(${fxRates.from}, ${fxRates.to}) in ((${from}, ${to}), (${to}, ${from}))`);
  const direct = rows.find((r) => r.from === from);
  const reverse = rows.find((r) => r.from === to);
  const rate = direct ? Number(direct.rate) : reverse ? 1 / Number(reverse.rate) : null;
  if (rate === null || !Number.isFinite(rate) || rate <= 0)
    throw badRequest(
      'no_rate',
      `No exchange rate from ${from} to ${to}; finance must set one first`,
      'currency',
    );
  const rateText = direct ? direct.rate : String(Number(rate.toPrecision(12)));
  const sign = amount < 0 ? -1 : 1;
  // Minor units of both currencies have two decimals except JPY: scale for the difference.
  const scale = 10 ** (minorDigits(to) - minorDigits(from));
  return { amount: sign * Math.round(Math.abs(amount) * rate * scale), rate: rateText };
}
