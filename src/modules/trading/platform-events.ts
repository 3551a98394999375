import { z } from 'zod';

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
/** Far beyond any real account, and still exact enough in a double: keeps sums from overflowing. */
const MAX_AMOUNT = 1e15;
const money = z.number().finite().min(-MAX_AMOUNT).max(MAX_AMOUNT);
const price = z.number().finite().nonnegative().max(MAX_AMOUNT);
const side = z.enum(['buy', 'sell']);

/**
 * Text Postgres can store: no NUL (text and jsonb refuse it) and no lone UTF-16 surrogate (invalid
 * UTF-8). Anything else a gateway sends is kept as sent.
 */
const text = (max: number, min = 1) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((v) => !UNSTORABLE.test(v), 'contains a NUL or an unpaired surrogate');
// eslint-disable-next-line no-control-regex -- NUL is exactly what it refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * An ISO 8601 instant with an offset Postgres accepts (±15:59 at most) between 1970 and 2200: a
 * gateway's clock may be off, but not by centuries, and an out-of-range date must be a 400, not a
 * failed insert that blocks the gateway's retries.
 */
export const platformTime = z.iso.datetime({ offset: true }).refine((v) => {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(v);
  if (offset && Number(offset[2]) > 15) return false;
  const ms = Date.parse(v);
  return ms >= 0 && ms < Date.UTC(2200, 0, 1);
}, 'must be between 1970 and 2200, with an offset of at most ±15:59');

const base = {
  /** Unique per event, for idempotency: a repeated id is ignored. */
  id: text(128),
  account: text(64),
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
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
  marginLevel: z.number().finite().min(-MAX_AMOUNT).max(MAX_AMOUNT).nullable(),
});
export type AccountState = z.infer<typeof accountStateSchema>;

export const positionSchema = z.strictObject({
  id: text(64),
  symbol: text(32),
  side,
  volume: z.number().finite().positive().max(MAX_AMOUNT),
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
  id: text(64),
  positionId: text(64).nullable().optional(),
  symbol: text(32),
  side,
  entry: z.enum(['in', 'out']),
  volume: z.number().finite().positive().max(MAX_AMOUNT),
  price,
  profit: money.default(0),
  commission: money.default(0),
  swap: money.default(0),
});
export type PlatformDeal = z.infer<typeof dealSchema>;

export const balanceOpSchema = z.strictObject({
  id: text(64),
  kind: z.enum(['deposit', 'withdrawal', 'credit', 'correction']),
  /** Signed: a withdrawal is negative. */
  amount: money,
  comment: text(500, 0).nullable().optional(),
});
export type PlatformBalanceOp = z.infer<typeof balanceOpSchema>;

export const platformEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('login'), ip: text(64, 0).nullable().optional() }),
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
    closedPositions: z.array(text(64)).max(1000).default([]),
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
