import type { Clock } from '../../../core/clock.js';
import type { SimLog } from '../../trading/simulator/outbox.js';
import type { DeliveryBehaviour, RetryPolicy, Transport } from './delivery.js';
import type { Timers } from './timers.js';

export interface SimPayOptions extends Partial<DeliveryBehaviour> {
  /** The CRM's public URL: the hosted page is served by the CRM itself, under `/sim-pay/`. */
  baseUrl: string;
  /** The `whsec_…` secret callbacks are signed with (the receiver verifies with the same). */
  secret: () => string;
  /** `occurredAt` and `webhook-timestamp`; tests pass a ManualClock. */
  clock?: Clock;
  /** Retries, settling, payouts and expiry run on these; tests pass ManualTimers. */
  timers?: Timers;
  /** Seeds every random choice (duplicates, reordering, amounts, jitter): same seed, same behaviour. */
  seed?: number;
  /** How a signed callback is posted (fetch by default). */
  transport?: Transport;
  log?: SimLog;
  /** Chance that a successful payment reports another amount than requested. */
  amountMismatchRate?: number;
  /** Chance that a payout fails even with good details. */
  payoutFailureRate?: number;
  /** Pending → settled (`payment.succeeded`) after this long. */
  settleMs?: number;
  /** A payout is paid (or fails) after this long. */
  payoutMs?: number;
  /** A refund is confirmed after this long. */
  refundMs?: number;
  /** The "charged back later" test card's dispute arrives after this long. */
  chargebackMs?: number;
  /** An unpaid hosted session expires after this long (`payment.declined`, reason "expired"). */
  sessionTtlMs?: number;
  retry?: Partial<RetryPolicy>;
  /** The hosted page of a paid payment offers "dispute with my bank" (a chargeback). */
  disputes?: boolean;
}

/** Every behaviour setting, resolved. */
export type SimPaySettings = Required<
  Omit<SimPayOptions, 'baseUrl' | 'secret' | 'clock' | 'timers' | 'seed' | 'transport' | 'log' | 'retry'>
> & { retry: RetryPolicy };

/** What `npm start` gets: a provider that misbehaves now and then, as real ones do. */
export const SIM_PAY_DEFAULTS: SimPaySettings = {
  duplicateRate: 0.05,
  maxCopies: 3,
  duplicateSpreadMs: 2_000,
  outOfOrderRate: 0.02,
  holdMaxMs: 5_000,
  amountMismatchRate: 0.01,
  payoutFailureRate: 0,
  settleMs: 10_000,
  payoutMs: 5_000,
  refundMs: 1_000,
  chargebackMs: 30_000,
  sessionTtlMs: 60 * 60_000,
  disputes: true,
  retry: { firstMs: 1_000, maxMs: 60 * 60_000, maxAttempts: 30, jitter: 0.2, timeoutMs: 10_000 },
};

/**
 * A provider that never misbehaves by chance (no duplicates, no reordering, exact amounts, exact
 * back-off): for tests that assert one thing at a time. Spread it into the options.
 */
export const SIM_PAY_EXACT = {
  duplicateRate: 0,
  outOfOrderRate: 0,
  amountMismatchRate: 0,
  payoutFailureRate: 0,
  retry: { jitter: 0 },
} satisfies Partial<SimPayOptions>;
