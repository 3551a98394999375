import { systemClock, type Clock } from '../../../core/clock.js';
import { AppError, badRequest, conflict, notFound } from '../../../core/errors.js';
import type { Db, SessionLock } from '../../../db/connection.js';
import type {
  AccountSnapshot,
  OpenAccountRequest,
  OpenedAccount,
  TradingPlatform,
} from '../../../modules/trading/platform.js';
import type {
  AccountState,
  IngestResult,
  PlatformBalanceOp,
  PlatformDeal,
  PlatformEvent,
  PlatformPosition,
} from '../../../modules/trading/platform-events.js';
import type { AccountKind } from '../../../modules/trading/schema.js';
import {
  accountState,
  DEFAULT_LIMITS,
  planStopOut,
  positionMargin,
  positionProfit,
  riskOf,
  round2,
  type RiskLimits,
  type Side,
} from './account-math.js';
import {
  accountRow,
  historyRow,
  MAX_DEALS,
  MAX_OP_IDS,
  newTerminalPassword,
  parseRows,
  type SimAccount,
  type SimPosition,
} from './account.js';
import { FIXED_RATES, type Instrument } from './instruments.js';
import { Market } from './market.js';
import { consoleLog, EventOutbox, type SimLog } from './outbox.js';
import { DbSimStorage, MARKET_ROW, type SimStorage } from './store.js';

export interface SimulatorOptions {
  /** Event times, throttling and heartbeats follow it; tests pass a ManualClock. */
  clock?: Clock;
  /** Seeds the price feed. */
  seed?: number;
  instruments?: readonly Instrument[];
  /** Price feed step (default 1,000 ms). */
  tickMs?: number;
  /** How often pending events are pushed to the subscriber (default 250 ms). */
  flushMs?: number;
  /** How often changed accounts are written (default 1,000 ms). */
  saveMs?: number;
  /** At most one price-driven account state and position update per account in this window (default 2,000 ms). */
  stateIntervalMs?: number;
  /** "Still logged in" after this long without any other event (default 60,000 ms). */
  heartbeatMs?: number;
  marginCallLevel?: number;
  stopOutLevel?: number;
  /** Virtual money on a new demo account, in US dollars' worth of the account currency (default 10,000). */
  demoDeposit?: number;
  /** Events per pushed batch (default 1,000). */
  batchSize?: number;
  unknownRetryMs?: number;
  unknownGiveUpMs?: number;
  /** Milliseconds for delivery retries; real elapsed time by default. */
  deliveryNow?: () => number;
  log?: SimLog;
  /**
   * For several instances on one database: the simulator runs only while this instance holds the lock
   * this returns (null = another instance holds it). Without it the simulator always runs.
   */
  lock?: () => Promise<SessionLock | null>;
  /** How often an instance without the lock tries to take it (default 10,000 ms). */
  lockRetryMs?: number;
}

/** The advisory lock key of the simulator's single running instance. */
export const SIMULATOR_LOCK_KEY = 7_280_010;

export interface OpenPositionRequest {
  symbol: string;
  side: Side;
  volume: number;
  stopLoss?: number | null;
  takeProfit?: number | null;
}

/** A quick synchronous look at an account (bots and tests). */
export interface SimAccountInfo extends AccountSnapshot {
  clientId: string;
  positions: PlatformPosition[];
  /** Traded by the simulated traders (the demo seed's accounts only). */
  simulatedTrader: boolean;
}

type EventBody<E = PlatformEvent> = E extends PlatformEvent
  ? Omit<E, 'id' | 'account' | 'seq' | 'at'>
  : never;

/** What the simulator remembers about an account only while running (throttling, heartbeat). */
interface Runtime {
  /** The last account state reported, and when (clock ms). */
  state?: AccountState;
  stateAt: number;
  /** The last update reported per open position. */
  positions: Map<string, { profit: number; price: number; at: number }>;
  lastEventAt: number;
}

interface Valued {
  items: { position: SimPosition; price: number; profit: number; margin: number }[];
  state: AccountState;
}

const LOGIN_BASE: Record<AccountKind, number> = { demo: 5_000_000, live: 1_000_000 };
const SERVER_NAME: Record<AccountKind, string> = { demo: 'BrokerDesk-Demo', live: 'BrokerDesk-Live' };
const VOLUME_STEP = 0.01;
const MAX_VOLUME = 100;

/**
 * The built-in simulated trading server: it stands in for an MT4/MT5-style platform. Accounts with
 * leverage and currency, a random-walk price feed, positions with floating profit, margin, margin call
 * and stop-out, terminal sessions, and the platform's event stream: every event of an account gets the
 * next sequence number, and events reach the subscriber in batches, resent until acknowledged.
 *
 * Write-ahead: a batch leaves only after the states it describes are saved, so a crash can never make
 * the simulator hand out a sequence number the CRM has already seen.
 *
 * One instance at a time: with `lock`, only the holder of a session advisory lock loads the accounts
 * and runs; the others answer 503 `platform_unavailable` and try to take over every `lockRetryMs`.
 * Saves go through the lock's own session, so a holder that lost it cannot write (or then send) any more.
 */
export class SimulatedTradingServer implements TradingPlatform {
  readonly name = 'sim';
  readonly market: Market;
  private storage: SimStorage;
  /** Built on the database here, so each term of leadership writes through its lock's session. */
  private readonly onDatabase: boolean;
  private readonly clock: Clock;
  private readonly limits: RiskLimits;
  private readonly log: SimLog;
  private readonly outbox: EventOutbox;
  private readonly accounts = new Map<string, SimAccount>();
  private readonly runtime = new Map<string, Runtime>();
  private readonly lastLogin = new Map<AccountKind, number>();
  private readonly dirty = new Set<string>();
  private readonly historyDirty = new Set<string>();
  private marketDirty = false;
  private frozen = false;
  private saveChain: Promise<void> = Promise.resolve();
  private loading?: Promise<void>;
  private loaded = false;
  private timers: NodeJS.Timeout[] = [];
  private lease?: SessionLock;
  /** Bumped when a term ends: a save started in an earlier term must not write. */
  private epoch = 0;
  private leaderTimer?: NodeJS.Timeout;
  private acquiring?: Promise<void>;
  /** A quick retry after the lock was lost or could not be asked for (the database went away). */
  private retryTimer?: NodeJS.Timeout;
  private retries = 0;
  private stopped = false;

  constructor(
    storage: Db | SimStorage,
    private readonly opts: SimulatorOptions = {},
  ) {
    this.storage = 'loadAll' in storage ? storage : new DbSimStorage(storage);
    this.onDatabase = !('loadAll' in storage);
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? consoleLog;
    this.limits = {
      marginCallLevel: opts.marginCallLevel ?? DEFAULT_LIMITS.marginCallLevel,
      stopOutLevel: opts.stopOutLevel ?? DEFAULT_LIMITS.stopOutLevel,
    };
    this.market = new Market({
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.instruments ? { instruments: opts.instruments } : {}),
    });
    this.outbox = new EventOutbox({
      log: this.log,
      ...(opts.deliveryNow ? { now: opts.deliveryNow } : {}),
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      ...(opts.unknownRetryMs !== undefined ? { unknownRetryMs: opts.unknownRetryMs } : {}),
      ...(opts.unknownGiveUpMs !== undefined ? { unknownGiveUpMs: opts.unknownGiveUpMs } : {}),
      beforeSend: () => this.save(),
      onSettled: (logins) => logins.forEach((l) => this.dirty.add(l)),
    });
  }

  // ---- lifecycle ----

  /** True while this instance runs the simulator: always without `lock`, else while holding it. */
  get leading(): boolean {
    return !this.opts.lock || this.lease !== undefined;
  }

  /** Reads the stored accounts once. Sessions that were open stay open and report a heartbeat. */
  load(): Promise<void> {
    if (!this.leading) return Promise.reject(elsewhere());
    this.loading ??= (async () => {
      const epoch = this.epoch;
      const rows = await this.storage.loadAll();
      if (epoch !== this.epoch) throw elsewhere();
      const market = rows.find((r) => r.login === MARKET_ROW);
      if (market && typeof market.state.prices === 'object' && market.state.prices)
        this.market.restore(market.state.prices as Record<string, unknown>);
      const parsed = parseRows(rows, (login, err) =>
        this.log.warn({ login, err }, 'unreadable simulator account row skipped'),
      ).sort(
        (x, y) =>
          x.account.createdAt.localeCompare(y.account.createdAt) ||
          Number(x.account.login) - Number(y.account.login),
      );
      for (const { account, outbox } of parsed) {
        this.accounts.set(account.login, account);
        this.runtime.set(account.login, this.freshRuntime());
        this.outbox.restore(account.login, outbox);
        const n = Number(account.login);
        if (n > (this.lastLogin.get(account.kind) ?? 0)) this.lastLogin.set(account.kind, n);
      }
      this.loaded = true;
      // The platform came back: its open sessions are still there, so presence is rebuilt at once.
      for (const acc of this.accounts.values()) if (acc.online) this.emit(acc, { type: 'heartbeat' });
    })();
    return this.loading;
  }

  /**
   * Loads, then runs the price feed, delivery and saving on timers (all unref'd). With `lock`: only once
   * the lock is taken, now or on a later try.
   */
  async start(): Promise<void> {
    this.stopped = false;
    if (!this.opts.lock) {
      await this.load();
      this.run();
      return;
    }
    await this.tryLead();
    if (this.leaderTimer) return;
    this.leaderTimer = setInterval(() => void this.tryLead(), this.opts.lockRetryMs ?? 10_000);
    this.leaderTimer.unref();
  }

  private tryLead(): Promise<void> {
    if (this.lease || this.stopped) return Promise.resolve();
    this.acquiring ??= this.lead().finally(() => (this.acquiring = undefined));
    return this.acquiring;
  }

  /** Takes the lock if it is free, then loads what the previous holder saved and runs. */
  private async lead(): Promise<void> {
    let lease: SessionLock | null;
    try {
      lease = await this.opts.lock!();
    } catch (err) {
      this.log.warn({ err }, 'could not ask for the simulated trading server lock');
      return this.retrySoon();
    }
    if (!lease) return;
    if (this.stopped) return lease.release();
    this.forget();
    this.lease = lease;
    if (this.onDatabase) this.storage = new DbSimStorage(lease.db);
    void lease.lost.then(() => {
      if (this.lease !== lease) return;
      this.log.warn({}, 'the simulated trading server lost its lock; another instance may take over');
      this.stepDown();
      this.retrySoon();
    });
    try {
      await this.load();
      this.run();
      this.retries = 0;
    } catch (err) {
      if (this.lease !== lease) return;
      this.log.warn({ err }, 'the simulated trading server could not load; it gives up the lock');
      this.stepDown();
      await lease.release();
      this.retrySoon();
    }
  }

  /** Tries to lead again within a second, then every two seconds (or the usual interval, if shorter). */
  private retrySoon(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = Math.min(this.opts.lockRetryMs ?? 10_000, 2_000, 500 * 2 ** this.retries++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.tryLead();
    }, delay);
    this.retryTimer.unref();
  }

  /** Ends this instance's term at once: no more ticks, saves or sends; the next holder reloads. */
  private stepDown(): void {
    this.lease = undefined;
    this.epoch += 1;
    this.clearTimers();
    this.forget();
  }

  /** Drops the in-memory accounts and pending events: the database has what was saved. */
  private forget(): void {
    this.accounts.clear();
    this.runtime.clear();
    this.lastLogin.clear();
    this.dirty.clear();
    this.historyDirty.clear();
    this.marketDirty = false;
    this.outbox.clear();
    this.loading = undefined;
    this.loaded = false;
    this.saveChain = Promise.resolve();
  }

  private clearTimers(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  private run(): void {
    if (this.timers.length) return;
    const every = (ms: number, fn: () => unknown) => {
      // A throwing timer callback would take the whole process down: report it and carry on.
      const t = setInterval(() => {
        try {
          fn();
        } catch (err) {
          this.log.warn({ err }, 'simulated trading server timer failed');
        }
      }, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.opts.tickMs ?? 1_000, () => (this.frozen ? this.housekeep() : this.tick()));
    every(this.opts.flushMs ?? 250, () =>
      this.outbox.flushIfIdle().catch((err) => this.log.warn({ err }, 'platform event delivery failed')),
    );
    every(this.opts.saveMs ?? 1_000, () =>
      this.save().catch((err) => this.log.warn({ err }, 'saving simulator accounts failed')),
    );
  }

  /** Stops the timers, tries to deliver what is pending, and saves everything; then gives up the lock. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.leaderTimer);
    this.leaderTimer = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.acquiring;
    this.clearTimers();
    const lease = this.lease;
    try {
      if (!this.loaded) return;
      const delivered = this.outbox.flush().catch((err) => this.log.warn({ err }, 'final delivery failed'));
      // Pending events are saved with their accounts, so a consumer that hangs only delays them.
      await Promise.race([delivered, new Promise((r) => setTimeout(r, 5_000).unref())]);
      await this.save();
    } finally {
      if (lease && this.lease === lease) {
        this.stepDown();
        await lease.release();
      }
    }
  }

  subscribe(consumer: (batch: PlatformEvent[]) => Promise<IngestResult>): () => void {
    return this.outbox.subscribe(consumer);
  }

  /** Pushes pending events to the subscriber now. */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  /** Events not yet acknowledged by the subscriber. */
  get pendingEvents(): number {
    return this.outbox.size;
  }

  /** Writes every changed account (and the prices). Saves never overlap; only the lock holder saves. */
  save(): Promise<void> {
    if (!this.leading) return Promise.reject(elsewhere());
    const epoch = this.epoch;
    const run = this.saveChain.then(async () => {
      if (epoch !== this.epoch) throw elsewhere();
      const logins = [...this.dirty];
      const histories = [...this.historyDirty];
      const market = this.marketDirty;
      if (!logins.length && !histories.length && !market) return;
      this.dirty.clear();
      this.historyDirty.clear();
      this.marketDirty = false;
      const rows = [
        ...logins.flatMap((l) => {
          const a = this.accounts.get(l);
          return a ? [accountRow(a, this.outbox.pending(l))] : [];
        }),
        ...histories.flatMap((l) => {
          const a = this.accounts.get(l);
          return a ? [historyRow(a)] : [];
        }),
        ...(market ? [{ login: MARKET_ROW, state: { prices: this.market.prices() } }] : []),
      ];
      try {
        await this.storage.save(rows);
      } catch (err) {
        if (epoch === this.epoch) {
          logins.forEach((l) => this.dirty.add(l));
          histories.forEach((l) => this.historyDirty.add(l));
          this.marketDirty ||= market;
        }
        throw err;
      }
    });
    this.saveChain = run.catch(() => {});
    return run;
  }

  // ---- TradingPlatform ----

  async openAccount(request: OpenAccountRequest): Promise<OpenedAccount> {
    await this.load();
    const { kind, currency, leverage } = request;
    if (kind !== 'demo' && kind !== 'live')
      throw badRequest('bad_kind', 'Account kind is demo or live', 'kind');
    if (!FIXED_RATES[currency])
      throw badRequest('bad_currency', `Currency ${currency} is not offered`, 'currency');
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > 1000)
      throw badRequest('bad_leverage', 'Leverage must be a whole number from 1 to 1000', 'leverage');
    const number = (this.lastLogin.get(kind) ?? LOGIN_BASE[kind]) + 1;
    this.lastLogin.set(kind, number);
    const login = String(number);
    const acc: SimAccount = {
      login,
      kind,
      currency,
      leverage,
      name: request.name,
      clientId: request.clientId,
      server: SERVER_NAME[kind],
      createdAt: this.clock.now().toISOString(),
      balance: 0,
      credit: 0,
      seq: 0,
      ticket: 0,
      online: false,
      onlineSince: null,
      inMarginCall: false,
      simulatedTrader: false,
      positions: [],
      deals: [],
      opIds: [],
    };
    this.accounts.set(login, acc);
    this.runtime.set(login, this.freshRuntime());
    this.dirty.add(login);
    this.historyDirty.add(login);
    if (kind === 'demo') {
      const amount = request.demoDeposit ?? this.defaultDemoDeposit(currency);
      if (amount > 0)
        this.applyBalance(acc, { id: `demo-${login}`, kind: 'deposit', amount, comment: 'Demo funds' });
    }
    // The login must never be handed out twice, so the account is durable before anyone hears of it.
    await this.save();
    return {
      login,
      password: newTerminalPassword(),
      investorPassword: newTerminalPassword(),
      server: acc.server,
    };
  }

  async balanceOperation(login: string, op: PlatformBalanceOp): Promise<AccountState> {
    await this.load();
    const acc = this.get(login);
    if (!acc.opIds.includes(op.id)) {
      this.checkOperation(acc, op);
      this.applyBalance(acc, op);
      this.checkRisk(acc, this.value(acc));
      await this.save();
    }
    return this.value(acc).state;
  }

  async readAccount(login: string): Promise<AccountSnapshot> {
    await this.load();
    return this.snapshot(this.get(login));
  }

  async positions(login: string): Promise<PlatformPosition[]> {
    await this.load();
    return this.value(this.get(login)).items.map((i) => positionView(i.position, i.price, i.profit));
  }

  async deals(
    login: string,
    range: { from?: Date; to?: Date } = {},
  ): Promise<(PlatformDeal & { at: string })[]> {
    await this.load();
    const from = range.from?.getTime() ?? -Infinity;
    const to = range.to?.getTime() ?? Infinity;
    return this.get(login)
      .deals.filter((d) => {
        const t = Date.parse(d.at);
        return t >= from && t <= to;
      })
      .map((d) => ({ ...d }));
  }

  // ---- trading controls (bots, tests, the demo) ----

  /** Logins of every account, oldest first. */
  logins(): string[] {
    this.assertLoaded();
    return [...this.accounts.keys()];
  }

  /** Logins the simulated traders may trade, oldest first: only those handed to them. */
  simulatedTraderLogins(): string[] {
    this.assertLoaded();
    return [...this.accounts.values()].filter((a) => a.simulatedTrader).map((a) => a.login);
  }

  /**
   * Hands an account to the simulated traders (the demo seed does, for the accounts it creates). Saved
   * at once, so it survives a restart; an account opened any other way is never traded by them.
   */
  async assignToSimulatedTraders(login: string): Promise<void> {
    await this.load();
    const acc = this.get(login);
    if (acc.simulatedTrader) return;
    acc.simulatedTrader = true;
    this.dirty.add(login);
    await this.save();
  }

  /** Synchronous view of an account; undefined when there is none. */
  account(login: string): SimAccountInfo | undefined {
    this.assertLoaded();
    const acc = this.accounts.get(login);
    if (!acc) return undefined;
    const v = this.value(acc);
    return {
      ...this.snapshot(acc, v),
      clientId: acc.clientId,
      positions: v.items.map((i) => positionView(i.position, i.price, i.profit)),
      simulatedTrader: acc.simulatedTrader,
    };
  }

  /** Margin a new position would hold, in the account currency. */
  marginFor(login: string, symbol: string, volume: number): number {
    const acc = this.get(login);
    const i = this.market.instrument(symbol);
    return positionMargin(
      volume,
      this.market.price(symbol),
      i,
      acc.leverage,
      acc.currency,
      this.market.rates(),
    );
  }

  /** The trader logs in to the terminal (no-op when already logged in). */
  login(login: string, ip?: string | null): void {
    const acc = this.get(login);
    if (acc.online) return;
    acc.online = true;
    acc.onlineSince = this.clock.now().toISOString();
    this.emit(acc, { type: 'login', ip: ip ?? null });
  }

  /** The trader logs out (no-op when not logged in). */
  logout(login: string): void {
    const acc = this.get(login);
    if (!acc.online) return;
    acc.online = false;
    acc.onlineSince = null;
    this.emit(acc, { type: 'logout' });
  }

  /**
   * The terminal vanishes without a logout (network gone): no event, no more heartbeats, so the CRM's
   * presence timeout is what ends the session.
   */
  dropSession(login: string): void {
    const acc = this.get(login);
    acc.online = false;
    acc.onlineSince = null;
    this.dirty.add(login);
  }

  /** Opens a market position at the current price; refused when the free margin does not cover it. */
  openPosition(login: string, req: OpenPositionRequest): PlatformPosition {
    const acc = this.get(login);
    const instrument = this.market.instrument(req.symbol);
    if (req.side !== 'buy' && req.side !== 'sell')
      throw badRequest('bad_side', 'Side is buy or sell', 'side');
    const volume = Math.round(req.volume / VOLUME_STEP) * VOLUME_STEP;
    if (!(volume >= VOLUME_STEP) || volume > MAX_VOLUME || Math.abs(volume - req.volume) > 1e-9)
      throw badRequest(
        'bad_volume',
        `Volume is ${VOLUME_STEP} to ${MAX_VOLUME} lots in steps of ${VOLUME_STEP}`,
      );
    const price = this.market.price(req.symbol);
    const stopLoss = req.stopLoss ?? null;
    const takeProfit = req.takeProfit ?? null;
    const below = (v: number | null) => v === null || v < price;
    const above = (v: number | null) => v === null || v > price;
    if (req.side === 'buy' ? !below(stopLoss) || !above(takeProfit) : !above(stopLoss) || !below(takeProfit))
      throw badRequest('bad_stops', 'Stop loss and take profit must be on their sides of the price');
    const margin = positionMargin(volume, price, instrument, acc.leverage, acc.currency, this.market.rates());
    const { state } = this.value(acc);
    if (margin > state.freeMargin)
      throw conflict(
        'not_enough_money',
        `The position needs ${margin.toFixed(2)} ${acc.currency} of margin; free margin is ${state.freeMargin.toFixed(2)}`,
      );
    const position: SimPosition = {
      id: String(++acc.ticket),
      symbol: req.symbol,
      side: req.side,
      volume: round2(volume),
      openPrice: price,
      stopLoss,
      takeProfit,
      openedAt: this.clock.now().toISOString(),
    };
    acc.positions.push(position);
    this.recordDeal(acc, {
      id: String(++acc.ticket),
      positionId: position.id,
      symbol: position.symbol,
      side: position.side,
      entry: 'in',
      volume: position.volume,
      price,
      profit: 0,
      commission: 0,
      swap: 0,
    });
    const view = positionView(position, price, 0);
    this.emit(acc, { type: 'position', position: view });
    this.rt(acc).positions.set(position.id, { profit: 0, price, at: this.nowMs() });
    this.afterTrade(acc);
    return view;
  }

  /** Closes a position at the current price; returns its final update (closed: true, realised profit). */
  closePosition(login: string, positionId: string): PlatformPosition {
    const acc = this.get(login);
    const position = acc.positions.find((p) => p.id === positionId);
    if (!position) throw notFound('Position');
    const closed = this.close(acc, position);
    this.afterTrade(acc);
    return closed;
  }

  /** Advances every price once and revalues the accounts (throttled updates, SL/TP, margin checks, heartbeats). */
  tick(): void {
    if (!this.loaded) return;
    this.market.tick();
    this.marketDirty = true;
    this.housekeep();
  }

  /**
   * Stops (or restarts) the timer's price moves, for tests that need still prices; sessions keep
   * their heartbeats. `tick()`, `setPrice()` and `movePrice()` still move prices.
   */
  freezePrices(frozen = true): void {
    this.frozen = frozen;
  }

  /** Sets a price by hand; affected accounts report their new state at once (no throttling). */
  setPrice(symbol: string, price: number): number {
    const p = this.market.setPrice(symbol, price);
    this.marketDirty = true;
    if (this.loaded) this.revalue(true, symbol);
    return p;
  }

  /** Moves a price by a percentage (−5 = five percent down); affected accounts report at once. */
  movePrice(symbol: string, percent: number): number {
    return this.setPrice(symbol, this.market.price(symbol) * (1 + percent / 100));
  }

  // ---- internals ----

  private housekeep(): void {
    if (!this.loaded) return;
    this.revalue(false);
    this.heartbeats();
  }

  private emit(acc: SimAccount, body: EventBody): void {
    acc.seq += 1;
    const event = {
      ...body,
      id: `${acc.login}-${acc.seq}`,
      account: acc.login,
      seq: acc.seq,
      at: this.clock.now().toISOString(),
    } as PlatformEvent;
    this.outbox.push(event);
    this.dirty.add(acc.login);
    this.rt(acc).lastEventAt = this.nowMs();
  }

  private value(acc: SimAccount): Valued {
    const rates = this.market.rates();
    const items = acc.positions.map((position) => {
      const instrument = this.market.instrument(position.symbol);
      const price = this.market.price(position.symbol);
      return {
        position,
        price,
        profit: positionProfit(position, price, instrument, acc.currency, rates),
        margin: positionMargin(position.volume, price, instrument, acc.leverage, acc.currency, rates),
      };
    });
    return { items, state: accountState({ balance: acc.balance, credit: acc.credit, positions: items }) };
  }

  private snapshot(acc: SimAccount, v = this.value(acc)): AccountSnapshot {
    return {
      login: acc.login,
      kind: acc.kind,
      currency: acc.currency,
      leverage: acc.leverage,
      online: acc.online,
      ...v.state,
    };
  }

  private checkOperation(acc: SimAccount, op: PlatformBalanceOp): void {
    if (!op.id) throw badRequest('bad_operation', 'A balance operation needs an id', 'id');
    if (!Number.isFinite(op.amount) || op.amount === 0)
      throw badRequest('bad_amount', 'The amount must be a non-zero number', 'amount');
    if (op.kind === 'deposit' && op.amount < 0)
      throw badRequest('bad_amount', 'A deposit is a positive amount', 'amount');
    if (op.kind === 'withdrawal') {
      if (op.amount > 0) throw badRequest('bad_amount', 'A withdrawal is a negative amount', 'amount');
      const free = this.value(acc).state.freeMargin;
      if (-op.amount > free)
        throw conflict(
          'insufficient_free_margin',
          `A withdrawal of ${(-op.amount).toFixed(2)} ${acc.currency} exceeds the free margin of ${free.toFixed(2)} ${acc.currency}`,
          'amount',
        );
    }
  }

  private applyBalance(acc: SimAccount, op: PlatformBalanceOp): void {
    if (op.kind === 'credit') acc.credit = round2(acc.credit + op.amount);
    else acc.balance = round2(acc.balance + op.amount);
    acc.opIds.push(op.id);
    if (acc.opIds.length > MAX_OP_IDS) acc.opIds.splice(0, acc.opIds.length - MAX_OP_IDS);
    this.historyDirty.add(acc.login);
    const state = this.value(acc).state;
    this.emit(acc, {
      type: 'balance',
      op: { id: op.id, kind: op.kind, amount: op.amount, comment: op.comment ?? null },
      state,
    });
    this.stateSent(acc, state);
  }

  private recordDeal(acc: SimAccount, deal: PlatformDeal): void {
    acc.deals.push({ ...deal, at: this.clock.now().toISOString() });
    if (acc.deals.length > MAX_DEALS) acc.deals.splice(0, acc.deals.length - MAX_DEALS);
    this.historyDirty.add(acc.login);
    this.emit(acc, { type: 'deal', deal });
  }

  /** Closes one position: the out deal (opposite side, as on MT5), then the position's last update. */
  private close(acc: SimAccount, position: SimPosition): PlatformPosition {
    const instrument = this.market.instrument(position.symbol);
    const price = this.market.price(position.symbol);
    const profit = positionProfit(position, price, instrument, acc.currency, this.market.rates());
    acc.positions = acc.positions.filter((p) => p !== position);
    acc.balance = round2(acc.balance + profit);
    this.recordDeal(acc, {
      id: String(++acc.ticket),
      positionId: position.id,
      symbol: position.symbol,
      side: position.side === 'buy' ? 'sell' : 'buy',
      entry: 'out',
      volume: position.volume,
      price,
      profit,
      commission: 0,
      swap: 0,
    });
    const view = { ...positionView(position, price, profit), closed: true };
    this.emit(acc, { type: 'position', position: view });
    this.rt(acc).positions.delete(position.id);
    return view;
  }

  /** A trade changes the account at once: report its state now, then look at the margin. */
  private afterTrade(acc: SimAccount): void {
    const v = this.value(acc);
    this.reportState(acc, v.state, true);
    this.checkRisk(acc, v);
  }

  /**
   * Margin call once per crossing (re-armed when the level recovers above the call level); at the
   * stop-out level the most losing positions are closed until the level recovers.
   */
  private checkRisk(acc: SimAccount, v: Valued): void {
    const risk = riskOf(v.state.marginLevel, this.limits);
    if (risk === 'ok') {
      if (acc.inMarginCall) {
        acc.inMarginCall = false;
        this.dirty.add(acc.login);
      }
      return;
    }
    if (!acc.inMarginCall) {
      acc.inMarginCall = true;
      this.emit(acc, { type: 'margin_call', state: v.state });
      this.stateSent(acc, v.state);
    }
    if (risk !== 'stop_out') return;
    const ids = planStopOut(
      v.state.equity,
      v.items.map((i) => ({ id: i.position.id, profit: i.profit, margin: i.margin })),
      this.limits.stopOutLevel,
    );
    for (const id of ids) {
      const p = acc.positions.find((x) => x.id === id);
      if (p) this.close(acc, p);
    }
    const state = this.value(acc).state;
    this.emit(acc, { type: 'stop_out', state, closedPositions: ids });
    this.stateSent(acc, state);
    if (riskOf(state.marginLevel, this.limits) === 'ok') acc.inMarginCall = false;
  }

  /** After prices moved: SL/TP, margin checks, and the throttled position and account updates. */
  private revalue(force: boolean, symbol?: string): void {
    const now = this.nowMs();
    const interval = this.opts.stateIntervalMs ?? 2_000;
    for (const acc of this.accounts.values()) {
      if (!acc.positions.length) continue;
      if (symbol && !acc.positions.some((p) => p.symbol === symbol)) continue;
      const hits = acc.positions.filter((p) => {
        const price = this.market.price(p.symbol);
        const reach = (level: number | null, up: boolean) =>
          level !== null && (up ? price >= level : price <= level);
        return p.side === 'buy'
          ? reach(p.stopLoss, false) || reach(p.takeProfit, true)
          : reach(p.stopLoss, true) || reach(p.takeProfit, false);
      });
      for (const p of hits) this.close(acc, p);
      let v = this.value(acc);
      if (hits.length) this.reportState(acc, v.state, true);
      this.checkRisk(acc, v);
      v = this.value(acc);
      const rt = this.rt(acc);
      for (const i of v.items) {
        const sent = rt.positions.get(i.position.id);
        const changed = !sent || sent.profit !== i.profit || sent.price !== i.price;
        if (changed && (force || !sent || now - sent.at >= interval)) {
          this.emit(acc, { type: 'position', position: positionView(i.position, i.price, i.profit) });
          rt.positions.set(i.position.id, { profit: i.profit, price: i.price, at: now });
        }
      }
      this.reportState(acc, v.state, force);
    }
  }

  /** Emits the account state if it changed, at most once per interval unless forced. */
  private reportState(acc: SimAccount, state: AccountState, force: boolean): void {
    const rt = this.rt(acc);
    if (rt.state && sameState(rt.state, state)) return;
    if (!force && this.nowMs() - rt.stateAt < (this.opts.stateIntervalMs ?? 2_000)) return;
    this.emit(acc, { type: 'account', state });
    this.stateSent(acc, state);
  }

  private stateSent(acc: SimAccount, state: AccountState): void {
    const rt = this.rt(acc);
    rt.state = state;
    rt.stateAt = this.nowMs();
  }

  private heartbeats(): void {
    const now = this.nowMs();
    const every = this.opts.heartbeatMs ?? 60_000;
    for (const acc of this.accounts.values())
      if (acc.online && now - this.rt(acc).lastEventAt >= every) this.emit(acc, { type: 'heartbeat' });
  }

  private defaultDemoDeposit(currency: string): number {
    // Ten thousand is a lot of dollars and very few rupiah: scale by the currency's rate to the dollar.
    return (this.opts.demoDeposit ?? 10_000) * Math.max(1, Math.round(FIXED_RATES[currency] ?? 1));
  }

  private get(login: string): SimAccount {
    this.assertLoaded();
    const acc = this.accounts.get(login);
    if (!acc) throw notFound('Trading account');
    return acc;
  }

  private rt(acc: SimAccount): Runtime {
    let rt = this.runtime.get(acc.login);
    if (!rt) this.runtime.set(acc.login, (rt = this.freshRuntime()));
    return rt;
  }

  private freshRuntime(): Runtime {
    return { stateAt: -Infinity, positions: new Map(), lastEventAt: this.nowMs() };
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  private assertLoaded(): void {
    if (!this.leading) throw elsewhere();
    if (!this.loaded)
      throw new Error('the simulated trading server is not loaded yet: call load() or start()');
  }
}

/** The answer of an instance that does not run the simulator (another one holds its lock). */
const elsewhere = () =>
  new AppError(503, 'platform_unavailable', 'The simulated trading server runs on another instance');

function positionView(p: SimPosition, price: number, profit: number): PlatformPosition {
  return {
    id: p.id,
    symbol: p.symbol,
    side: p.side,
    volume: p.volume,
    openPrice: p.openPrice,
    currentPrice: price,
    stopLoss: p.stopLoss,
    takeProfit: p.takeProfit,
    profit,
    swap: 0,
    openedAt: p.openedAt,
    closed: false,
  };
}

const sameState = (a: AccountState, b: AccountState) =>
  a.balance === b.balance &&
  a.credit === b.credit &&
  a.equity === b.equity &&
  a.margin === b.margin &&
  a.freeMargin === b.freeMargin &&
  a.marginLevel === b.marginLevel;
