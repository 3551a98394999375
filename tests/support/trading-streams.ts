import fc from 'fast-check';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../src/db/connection.js';
import {
  clients,
  tradingAccounts,
  tradingBalanceOps,
  tradingDeals,
  tradingEquityPoints,
  tradingGaps,
  tradingPositions,
} from '../../src/db/schema.js';
import type {
  AccountState,
  PlatformEvent,
  PlatformPosition,
} from '../../src/modules/trading/platform-events.js';

/**
 * Realistic per-account platform streams for ingestion tests, and ways to deliver them badly.
 *
 * A stream is generated from a script of random steps by a tiny model of a trading account (session,
 * balance, open positions), so it reads like what a platform emits: a deposit with its new state, a deal
 * opening a position, price updates, a close with its deal, a margin call, a stop-out closing everything.
 * The same script always yields the same events, so a second copy for another login is the "same events
 * with the account remapped".
 */
export interface Step {
  /** Which action, by range (an action that does not fit the account's situation becomes one that does). */
  pick: number;
  /** An amount or price move. */
  x: number;
  /** Seconds since the previous step. */
  dt: number;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  pick: fc.nat(99),
  x: fc.integer({ min: -50_000, max: 50_000 }),
  dt: fc.integer({ min: 1, max: 150 }),
});

export const scriptArb = (maxLength = 20) => fc.array(stepArb, { minLength: 3, maxLength });

/** To the cent, and never −0 (which a database hands back as 0). */
const round2 = (n: number) => Math.round(n * 100) / 100 || 0;
type Open = Omit<PlatformPosition, 'closed'>;

/** The account's event stream for `login`: seq 1, 2, 3…, ids `${login}-${seq}`, time moving on. */
export function streamFrom(
  login: string,
  steps: Step[],
  start = new Date('2026-11-20T10:00:00Z'),
): PlatformEvent[] {
  const out: PlatformEvent[] = [];
  let time = start.getTime();
  let online = false;
  let balance = 0;
  let credit = 0;
  const open = new Map<string, Open>();
  let nextPos = 0;
  let nextDeal = 0;
  let nextOp = 0;

  const state = (): AccountState => {
    const floating = [...open.values()].reduce((s, p) => s + p.profit, 0);
    const margin = round2([...open.values()].reduce((s, p) => s + p.volume * 1000, 0));
    const equity = round2(balance + credit + floating);
    return {
      balance,
      credit,
      equity,
      margin,
      freeMargin: round2(equity - margin),
      marginLevel: margin > 0 ? round2((equity / margin) * 100) : null,
    };
  };
  const emit = (body: Record<string, unknown>) => {
    time += 1000;
    const seq = out.length + 1;
    out.push({
      id: `${login}-${seq}`,
      account: login,
      seq,
      at: new Date(time).toISOString(),
      ...body,
    } as PlatformEvent);
  };
  const deal = (p: Open, entry: 'in' | 'out', price: number, profit: number) =>
    emit({
      type: 'deal',
      deal: {
        id: `D${(nextDeal += 1)}`,
        positionId: p.id,
        symbol: p.symbol,
        side: entry === 'in' ? p.side : p.side === 'buy' ? 'sell' : 'buy',
        entry,
        volume: p.volume,
        price,
        profit,
        commission: -round2(p.volume * 7),
        swap: 0,
      },
    });
  const profitAt = (p: Open, price: number) =>
    round2((price - p.openPrice) * p.volume * 100_000 * (p.side === 'buy' ? 1 : -1));

  for (const step of steps) {
    const { x, dt } = step;
    time += dt * 1000;
    const someOpen = [...open.values()][Math.abs(x) % Math.max(open.size, 1)];
    // An action that does not fit turns into one that leads to it: trading needs a position, a position money.
    let pick = step.pick;
    if (pick >= 50 && pick < 90 && !someOpen) pick = 32 + (pick % 18);
    if (pick >= 32 && pick < 50 && balance <= 0) pick = 20 + (pick % 6);
    if (pick < 12 && !online) {
      online = true;
      emit({ type: 'login', ip: `203.0.113.${Math.abs(x) % 250}` });
    } else if (pick < 6 && online) {
      online = false;
      emit({ type: 'logout' });
    } else if (pick < 20 && online) {
      emit({ type: 'heartbeat' });
    } else if (pick < 32) {
      // Deposits dominate, withdrawals only of what is there; now and then a credit or a correction.
      const amount = round2(Math.abs(x) / 10 + 10);
      const kind =
        pick < 26 || balance < amount
          ? 'deposit'
          : pick < 30
            ? 'withdrawal'
            : pick < 31
              ? 'credit'
              : 'correction';
      const signed = kind === 'withdrawal' ? -amount : kind === 'correction' ? round2(x / 1000) : amount;
      if (kind === 'credit') credit = round2(credit + amount);
      else balance = round2(balance + signed);
      emit({
        type: 'balance',
        op: { id: `B${(nextOp += 1)}`, kind, amount: signed, comment: kind === 'correction' ? 'fix' : null },
        state: state(),
      });
    } else if (pick < 50) {
      const p: Open = {
        id: `P${(nextPos += 1)}`,
        symbol: ['EURUSD', 'GBPUSD', 'XAUUSD'][Math.abs(x) % 3]!,
        side: x % 2 === 0 ? 'buy' : 'sell',
        volume: (Math.abs(x) % 5) / 10 + 0.1,
        openPrice: round2(110 + (x % 1000) / 100) / 100,
        currentPrice: 0,
        stopLoss: x % 3 === 0 ? null : 1,
        takeProfit: null,
        profit: 0,
        swap: 0,
        openedAt: new Date(time + 1000).toISOString(),
      };
      p.currentPrice = p.openPrice;
      open.set(p.id, p);
      deal(p, 'in', p.openPrice, 0);
      emit({ type: 'position', position: { ...p, closed: false } });
      emit({ type: 'account', state: state() });
    } else if (pick < 64 && someOpen) {
      someOpen.currentPrice = Math.max(0, round2(someOpen.currentPrice * 10_000 + x / 100) / 10_000);
      someOpen.profit = profitAt(someOpen, someOpen.currentPrice);
      emit({ type: 'position', position: { ...someOpen, closed: false } });
      if (pick % 2 === 0) emit({ type: 'account', state: state() });
    } else if (pick < 76 && someOpen) {
      open.delete(someOpen.id);
      balance = round2(balance + someOpen.profit);
      deal(someOpen, 'out', someOpen.currentPrice, someOpen.profit);
      emit({ type: 'position', position: { ...someOpen, closed: true } });
      emit({ type: 'account', state: state() });
    } else if (pick < 83 && someOpen) {
      emit({ type: 'margin_call', state: state() });
    } else if (pick < 90 && someOpen) {
      // A stop-out with the positions it closed: either the closing deals and updates first (as the
      // built-in simulator does), or the report first and the closing deals after it.
      const closedPositions = [...open.keys()];
      const before = [...open.values()].map((p) => ({ ...p }));
      for (const p of before) balance = round2(balance + p.profit);
      open.clear();
      if (x % 2 === 0)
        for (const p of before) {
          deal(p, 'out', p.currentPrice, p.profit);
          emit({ type: 'position', position: { ...p, closed: true } });
        }
      emit({ type: 'stop_out', state: state(), closedPositions });
      if (x % 2 !== 0) for (const p of before) deal(p, 'out', p.currentPrice, p.profit);
    } else {
      emit({ type: 'account', state: state() });
    }
  }
  return out;
}

/** Events merged across accounts in time order, as one platform would emit them (ties by stream). */
export const byTime = (streams: PlatformEvent[][]) =>
  streams
    .flatMap((events, stream) => events.map((event) => ({ event, stream })))
    .sort((a, b) => a.event.at.localeCompare(b.event.at) || a.stream - b.stream || a.event.seq - b.event.seq)
    .map((x) => x.event);

/** Cuts a list into consecutive batches of the given sizes (repeated as needed). */
export function chunk<T>(items: T[], sizes: number[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, k = 0; i < items.length; k += 1) {
    const size = Math.max(1, sizes[k % sizes.length] ?? 1);
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

/**
 * How a flaky gateway delivers the events: a random order across and within batches, some events twice
 * (`adjacent` copies sort next to the original, so they usually share its batch), random batch sizes,
 * and some events dropped on the first delivery and resent at the end (or, with `resend: false`, never).
 */
export interface Perturbation {
  keys: number[];
  /** `renamed`: the copy carries a new id (a gateway that re-numbers what it resends); seq tells it apart. */
  dups: { index: number; key: number; adjacent: boolean; renamed: boolean }[];
  drops: number[];
  sizes: number[];
  resendSizes: number[];
}

export const perturbationArb = (n: number, opts: { minDrops?: number } = {}): fc.Arbitrary<Perturbation> =>
  fc.record({
    keys: fc.array(fc.nat(1_000_000), { minLength: n, maxLength: n }),
    dups: fc.array(
      fc.record({
        index: fc.nat(Math.max(n - 1, 0)),
        key: fc.nat(1_000_000),
        adjacent: fc.boolean(),
        renamed: fc.boolean(),
      }),
      { maxLength: Math.ceil(n / 3) },
    ),
    drops: fc.uniqueArray(fc.nat(Math.max(n - 1, 0)), {
      minLength: Math.min(opts.minDrops ?? 0, n),
      maxLength: Math.ceil(n / 4),
    }),
    sizes: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 6 }),
    resendSizes: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 3 }),
  });

export function perturbedDelivery(
  events: PlatformEvent[],
  p: Perturbation,
  resend = true,
): PlatformEvent[][] {
  const dropped = new Set(p.drops);
  const first = events
    .map((event, i) => ({ event, key: p.keys[i]!, tie: i * 2 }))
    .filter((_, i) => !dropped.has(i));
  const copies = p.dups.map((d, j) => ({
    event: d.renamed ? { ...events[d.index]!, id: `${events[d.index]!.id}~resent` } : events[d.index]!,
    key: d.adjacent ? p.keys[d.index]! : d.key,
    tie: d.adjacent ? d.index * 2 + 1 : events.length * 2 + j,
  }));
  const order = [...first, ...copies].sort((a, b) => a.key - b.key || a.tie - b.tie).map((x) => x.event);
  const batches = chunk(order, p.sizes);
  if (resend && p.drops.length) {
    const late = [...p.drops].sort((a, b) => p.keys[a]! - p.keys[b]! || a - b).map((i) => events[i]!);
    batches.push(...chunk(late, p.resendSizes));
  }
  return batches;
}

/** Missing sequence numbers below the highest received, as ranges (what the gaps answer should list). */
export function missingBelowHigh(received: Iterable<number>): [number, number][] {
  const seqs = [...new Set(received)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  let expected = 1;
  for (const s of seqs) {
    if (s > expected) ranges.push([expected, s - 1]);
    expected = s + 1;
  }
  return ranges;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Code-point order (the database's text collation may differ). */
const sortBy = <T>(rows: T[], key: (row: T) => string) =>
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/**
 * Everything ingestion writes for the given accounts, as plain objects without ids (so two accounts fed
 * the same events compare equal). Money columns are doubles and net deposits is a running sum whose
 * last bits depend on the order it was added up in, so it is compared to the cent.
 */
export async function accountSnapshot(db: Db, accountId: string) {
  const [a] = await db
    .select({
      a: tradingAccounts,
      clientOnlineSince: clients.onlineSince,
    })
    .from(tradingAccounts)
    .innerJoin(clients, eq(clients.id, tradingAccounts.clientId))
    .where(eq(tradingAccounts.id, accountId));
  if (!a) throw new Error(`no account ${accountId}`);
  const acc = a.a;
  const byAccount = <T extends { accountId: string }>(rows: T[]) =>
    rows.map(({ accountId: _id, ...rest }) => rest);
  const positions = await db.select().from(tradingPositions).where(eq(tradingPositions.accountId, accountId));
  const deals = await db.select().from(tradingDeals).where(eq(tradingDeals.accountId, accountId));
  const ops = await db.select().from(tradingBalanceOps).where(eq(tradingBalanceOps.accountId, accountId));
  const points = await db
    .select()
    .from(tradingEquityPoints)
    .where(eq(tradingEquityPoints.accountId, accountId))
    .orderBy(asc(tradingEquityPoints.minute));
  const gaps = await db
    .select({ from: tradingGaps.fromSeq, to: tradingGaps.toSeq })
    .from(tradingGaps)
    .where(and(eq(tradingGaps.accountId, accountId), isNull(tradingGaps.resolvedAt)))
    .orderBy(asc(tradingGaps.fromSeq));
  return {
    account: {
      balance: acc.balance,
      credit: acc.credit,
      equity: acc.equity,
      margin: acc.margin,
      freeMargin: acc.freeMargin,
      marginLevel: acc.marginLevel,
      netDeposits: round2(acc.netDeposits),
      stateSeq: acc.stateSeq,
      stateAt: iso(acc.stateAt),
      online: acc.online,
      onlineSince: iso(acc.onlineSince),
      presenceSeq: acc.presenceSeq,
      lastTradeAt: iso(acc.lastTradeAt),
      marginCallAt: iso(acc.marginCallAt),
      stopOutAt: iso(acc.stopOutAt),
      seqContiguous: acc.seqContiguous,
      seqHigh: acc.seqHigh,
    },
    clientOnlineSince: iso(a.clientOnlineSince),
    positions: sortBy(byAccount(positions), (p) => p.positionId).map((p) => ({
      ...p,
      openedAt: iso(p.openedAt),
      updatedAt: iso(p.updatedAt),
    })),
    deals: sortBy(byAccount(deals), (d) => d.dealId).map((d) => ({ ...d, executedAt: iso(d.executedAt) })),
    balanceOps: sortBy(byAccount(ops), (o) => o.opId).map((o) => ({ ...o, executedAt: iso(o.executedAt) })),
    equityPoints: byAccount(points).map((p) => ({ ...p, minute: iso(p.minute) })),
    openGaps: gaps.map((g) => [g.from, g.to] as [number, number]),
  };
}
export type AccountSnapshot = Awaited<ReturnType<typeof accountSnapshot>>;

/** Ids of accounts by login on a platform (for databases another process filled). */
export async function accountIdsByLogin(db: Db, platform: string, logins: string[]) {
  const rows = await db
    .select({ id: tradingAccounts.id, login: tradingAccounts.login })
    .from(tradingAccounts)
    .where(and(eq(tradingAccounts.platform, platform), inArray(tradingAccounts.login, logins)));
  return new Map(rows.map((r) => [r.login, r.id]));
}

/**
 * What ingestion must leave on an account that received exactly `delivered` (any order, any repeats),
 * worked out from the events alone: the newest state and presence by seq, when the current session
 * began, every deal and balance operation, deposits counted once, each position as its newest update
 * (closed by a newer stop-out that lists it), the newest state per minute, and the missing seqs.
 */
export function expectedSnapshot(delivered: PlatformEvent[], kind: 'live' | 'demo') {
  const events = [...new Map(delivered.map((e) => [e.seq, e])).values()].sort((a, b) => a.seq - b.seq);
  const at = (e: PlatformEvent) => new Date(e.at).toISOString();
  type Stateful = Extract<PlatformEvent, { state: AccountState }>;
  const states = events.filter((e): e is Stateful => 'state' in e);
  const lastState = states[states.length - 1];
  const presence = events.filter((e) => e.type === 'login' || e.type === 'logout' || e.type === 'heartbeat');
  const lastPresence = presence[presence.length - 1];
  const lastLogout = presence.map((e) => e.type).lastIndexOf('logout');
  const sessionStart = lastPresence && lastPresence.type !== 'logout' ? presence[lastLogout + 1] : undefined;
  const latest = (type: PlatformEvent['type']) => {
    const of = events.filter((e) => e.type === type);
    return of.length ? at(of[of.length - 1]!) : null;
  };
  const netDeposits = events.reduce(
    (sum, e) =>
      e.type === 'balance' && (e.op.kind === 'deposit' || e.op.kind === 'withdrawal')
        ? sum + e.op.amount
        : sum,
    0,
  );
  const missing = missingBelowHigh(events.map((e) => e.seq));
  const high = events[events.length - 1]?.seq ?? 0;
  const onlineSince = sessionStart ? at(sessionStart) : null;

  const positionIds = [
    ...new Set(events.flatMap((e) => (e.type === 'position' ? [e.position.id] : []))),
  ].sort();
  const positions = positionIds.map((id) => {
    const updates = events.filter(
      (e): e is Extract<PlatformEvent, { type: 'position' }> => e.type === 'position' && e.position.id === id,
    );
    const last = updates[updates.length - 1]!;
    const stops = events.filter(
      (e) => e.type === 'stop_out' && e.seq > last.seq && e.closedPositions.includes(id),
    );
    const stop = stops[stops.length - 1];
    const p = last.position;
    return {
      positionId: id,
      symbol: p.symbol,
      side: p.side,
      volume: p.volume,
      openPrice: p.openPrice,
      currentPrice: p.currentPrice,
      stopLoss: p.stopLoss ?? null,
      takeProfit: p.takeProfit ?? null,
      profit: p.profit,
      swap: p.swap,
      openedAt: new Date(p.openedAt).toISOString(),
      closed: stop ? true : p.closed,
      seq: last.seq,
      updatedAt: at(stop ?? last),
    };
  });
  const minute = (e: PlatformEvent) => new Date(Math.floor(Date.parse(e.at) / 60_000) * 60_000).toISOString();
  const perMinute = new Map(states.map((e) => [minute(e), e]));

  return {
    account: {
      balance: lastState?.state.balance ?? 0,
      credit: lastState?.state.credit ?? 0,
      equity: lastState?.state.equity ?? 0,
      margin: lastState?.state.margin ?? 0,
      freeMargin: lastState?.state.freeMargin ?? 0,
      marginLevel: lastState?.state.marginLevel ?? null,
      netDeposits: round2(netDeposits),
      stateSeq: lastState?.seq ?? 0,
      stateAt: lastState ? at(lastState) : null,
      online: Boolean(sessionStart),
      onlineSince,
      presenceSeq: lastPresence?.seq ?? 0,
      lastTradeAt: latest('deal'),
      marginCallAt: latest('margin_call'),
      stopOutAt: latest('stop_out'),
      seqContiguous: missing.length ? missing[0]![0] - 1 : high,
      seqHigh: high,
    },
    clientOnlineSince: kind === 'live' ? onlineSince : null,
    positions,
    deals: sortBy(
      events.flatMap((e) =>
        e.type === 'deal'
          ? [
              {
                dealId: e.deal.id,
                positionId: e.deal.positionId ?? null,
                symbol: e.deal.symbol,
                side: e.deal.side,
                entry: e.deal.entry,
                volume: e.deal.volume,
                price: e.deal.price,
                profit: e.deal.profit,
                commission: e.deal.commission,
                swap: e.deal.swap,
                executedAt: at(e),
              },
            ]
          : [],
      ),
      (d) => d.dealId,
    ),
    balanceOps: sortBy(
      events.flatMap((e) =>
        e.type === 'balance'
          ? [
              {
                opId: e.op.id,
                kind: e.op.kind,
                amount: e.op.amount,
                comment: e.op.comment ?? null,
                executedAt: at(e),
              },
            ]
          : [],
      ),
      (o) => o.opId,
    ),
    equityPoints: [...perMinute].map(([m, e]) => ({
      minute: m,
      balance: e.state.balance,
      equity: e.state.equity,
      seq: e.seq,
    })),
    openGaps: missing,
  };
}
