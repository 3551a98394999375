import { z } from 'zod';
import { amount, int, isoInstant, SAFE_BIGINT, text } from '../../core/primitives.js';

/**
 * The events a trading platform reports, as they arrive at the ingestion API (POST /api/trading/ingest)
 * and from the built-in simulator. The wire format is documented in docs/integrations/trading-platform.md;
 * change both together.
 *
 * Every event names its account (the platform login) and carries a per-account sequence number that
 * grows by one with every event the platform emits for that account. States are absolute (an account
 * event carries the whole account state, a position event the whole position), so applying the newest
 * by sequence gives the right result whatever order events arrive in.
 */
const money = amount();
const price = amount({ min: 0 });
const volume = amount({ positive: true });
const side = z.enum(['buy', 'sell']);
/** Text as a gateway sent it, if the database can store it. */
const field = (max: number, min = 1) => text({ min, max });

/**
 * When it happened on the platform: an ISO 8601 instant between 1970 and 2200 with an offset Postgres
 * accepts. A gateway's clock may be off, but not by centuries, and an out-of-range date must be a 400,
 * not a failed insert that blocks the gateway's retries.
 */
export const platformTime = isoInstant();

const base = {
  /** Unique per event, for idempotency: a repeated id is ignored. */
  id: field(128),
  account: field(64),
  seq: int({ min: 1, max: SAFE_BIGINT }),
  /** When it happened on the platform (ISO 8601 with offset). */
  at: platformTime,
};

export const accountStateSchema = z.strictObject({
  balance: money,
  credit: money.default(0),
  equity: money,
  margin: money.nonnegative(),
  freeMargin: money,
  /** Percent; null when no margin is used. */
  marginLevel: amount().nullable(),
});
export type AccountState = z.infer<typeof accountStateSchema>;

export const positionSchema = z.strictObject({
  id: field(64),
  symbol: field(32),
  side,
  volume,
  openPrice: price,
  currentPrice: price,
  stopLoss: price.nullable().optional(),
  takeProfit: price.nullable().optional(),
  profit: money,
  swap: money.default(0),
  openedAt: platformTime,
  /** True on the last update of a position, when it was closed. */
  closed: z.boolean().default(false),
});
export type PlatformPosition = z.infer<typeof positionSchema>;

export const dealSchema = z.strictObject({
  id: field(64),
  positionId: field(64).nullable().optional(),
  symbol: field(32),
  side,
  entry: z.enum(['in', 'out']),
  volume,
  price,
  profit: money.default(0),
  commission: money.default(0),
  swap: money.default(0),
});
export type PlatformDeal = z.infer<typeof dealSchema>;

export const balanceOpSchema = z.strictObject({
  id: field(64),
  kind: z.enum(['deposit', 'withdrawal', 'credit', 'correction']),
  /** Signed: a withdrawal is negative. */
  amount: money,
  comment: field(500, 0).nullable().optional(),
});
export type PlatformBalanceOp = z.infer<typeof balanceOpSchema>;

export const platformEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('login'), ip: field(64, 0).nullable().optional() }),
  z.strictObject({ ...base, type: z.literal('logout') }),
  /** "Still logged in": keeps presence alive when nothing else happens. */
  z.strictObject({ ...base, type: z.literal('heartbeat') }),
  z.strictObject({ ...base, type: z.literal('deal'), deal: dealSchema }),
  z.strictObject({ ...base, type: z.literal('position'), position: positionSchema }),
  z.strictObject({ ...base, type: z.literal('balance'), op: balanceOpSchema, state: accountStateSchema }),
  z.strictObject({ ...base, type: z.literal('account'), state: accountStateSchema }),
  z.strictObject({ ...base, type: z.literal('margin_call'), state: accountStateSchema }),
  z.strictObject({
    ...base,
    type: z.literal('stop_out'),
    state: accountStateSchema,
    closedPositions: z.array(field(64)).max(1000).default([]),
  }),
]);
export type PlatformEvent = z.infer<typeof platformEventSchema>;
export type PlatformEventInput = z.input<typeof platformEventSchema>;
export type PlatformEventType = PlatformEvent['type'];

export const MAX_BATCH = 5_000;
export const ingestBatchSchema = z.strictObject({
  events: z.array(platformEventSchema).min(1).max(MAX_BATCH),
});
export type IngestBatch = z.infer<typeof ingestBatchSchema>;

/** What the ingestion API answers for an accepted batch. */
export interface IngestResult {
  /** Events written now. */
  accepted: number;
  /** Events already received earlier (same id, or same account and sequence number). */
  duplicates: number;
  /** Events for accounts this CRM does not know; not stored, listed so the gateway can tell. */
  unknownAccounts: string[];
  /** Sequence numbers still missing per account after this batch (resend them). */
  gaps: { account: string; from: number; to: number }[];
}
