import { z } from 'zod';
import { randomInt } from 'node:crypto';
import {
  ACCOUNT_KINDS,
  dealSchema,
  type PlatformEvent,
  platformEventSchema,
} from '../../../modules/trading/index.js';
import type { SimRow } from './store.js';

/**
 * A simulated account as the simulator keeps it. It is stored as two rows of `sim_accounts`: the
 * account itself (`<login>`, small, rewritten as often as events go out) and its history
 * (`<login>/history`: deals and posted balance-operation ids, rewritten only when a trade or an
 * operation happens), so price ticks never rewrite a thousand deals. Terminal passwords are not
 * stored at all: they are handed out once and the simulator never checks them.
 */
const iso = z.string().min(1);

const positionRecord = z.object({
  id: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  volume: z.number(),
  openPrice: z.number(),
  stopLoss: z.number().nullable(),
  takeProfit: z.number().nullable(),
  openedAt: iso,
});
export type SimPosition = z.infer<typeof positionRecord>;

const dealRecord = dealSchema.extend({ at: iso });
export type SimDeal = z.infer<typeof dealRecord>;

const accountRecord = z.object({
  v: z.literal(1),
  login: z.string(),
  kind: z.enum(ACCOUNT_KINDS),
  currency: z.string(),
  leverage: z.number().int().positive(),
  name: z.string(),
  clientId: z.string(),
  server: z.string(),
  createdAt: iso,
  balance: z.number(),
  credit: z.number(),
  /** The last sequence number given to an event of this account. */
  seq: z.number().int().nonnegative(),
  /** Last ticket number (positions and deals share the counter, as on MT5). */
  ticket: z.number().int().nonnegative(),
  online: z.boolean(),
  onlineSince: iso.nullable(),
  /** A margin call was reported and the level has not recovered above the call level since. */
  inMarginCall: z.boolean(),
  /** Traded by the simulated traders: set by the demo seed only, never for accounts people open. */
  simulatedTrader: z.boolean().optional(),
  positions: z.array(positionRecord),
  /** Events not yet acknowledged by the consumer: they survive a restart with the seq that produced them. */
  outbox: z.array(platformEventSchema),
});

const historyRecord = z.object({
  v: z.literal(1),
  deals: z.array(dealRecord),
  opIds: z.array(z.string()),
});

export type StoredAccount = z.infer<typeof accountRecord>;
export type SimAccount = Omit<StoredAccount, 'v' | 'outbox' | 'simulatedTrader'> & {
  simulatedTrader: boolean;
  deals: SimDeal[];
  opIds: string[];
};

export const MAX_DEALS = 1_000;
export const MAX_OP_IDS = 2_000;
export const historyKey = (login: string) => `${login}/history`;

export function accountRow(a: SimAccount, outbox: readonly PlatformEvent[]): SimRow {
  const { deals: _deals, opIds: _opIds, ...rest } = a;
  return { login: a.login, state: structuredClone({ v: 1, ...rest, outbox }) };
}

export function historyRow(a: SimAccount): SimRow {
  return { login: historyKey(a.login), state: structuredClone({ v: 1, deals: a.deals, opIds: a.opIds }) };
}

/** Rebuilds accounts from stored rows; a row that does not parse is reported, not fatal. */
export function parseRows(
  rows: readonly SimRow[],
  onBad: (login: string, error: unknown) => void,
): { account: SimAccount; outbox: PlatformEvent[] }[] {
  const histories = new Map<string, SimRow['state']>();
  for (const r of rows) if (r.login.endsWith('/history')) histories.set(r.login, r.state);
  const out: { account: SimAccount; outbox: PlatformEvent[] }[] = [];
  for (const r of rows) {
    if (!/^\d+$/.test(r.login)) continue;
    const parsed = accountRecord.safeParse(r.state);
    if (!parsed.success) {
      onBad(r.login, parsed.error);
      continue;
    }
    const history = historyRecord.safeParse(histories.get(historyKey(r.login)));
    if (!history.success && histories.has(historyKey(r.login))) onBad(historyKey(r.login), history.error);
    const { v: _v, outbox, simulatedTrader, ...account } = parsed.data;
    const opIds = history.data?.opIds ?? [];
    out.push({
      account: {
        ...account,
        // Rows saved before the flag existed: the demo seed's live accounts are known by their deposit.
        simulatedTrader: simulatedTrader ?? opIds.includes(`demo-deposit-${account.login}`),
        deals: history.data?.deals ?? [],
        opIds,
      },
      outbox,
    });
  }
  return out;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A terminal password: 12 letters and digits (no look-alikes), with at least one of each. */
export function newTerminalPassword(length = 12): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    if (/\d/.test(s) && /[A-Za-z]/.test(s)) return s;
  }
}
