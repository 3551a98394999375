import { systemClock, type Clock } from '../../../core/clock.js';
import { notFound } from '../../../core/errors.js';
import type { Db } from '../../../db/connection.js';
import type {
  AccountSnapshot,
  AccountState,
  IngestResult,
  OpenAccountRequest,
  OpenedAccount,
  PlatformBalanceOp,
  PlatformDeal,
  PlatformEvent,
  PlatformPosition,
  TradingPlatform,
} from '../../../modules/trading/index.js';
import { DEFAULT_LIMITS, positionMargin } from './account-math.js';
import { newTerminalPassword, type SimAccount } from './account.js';
import { AccountBook } from './book.js';
import { Dealer } from './dealer.js';
import { elsewhere, Leadership } from './leadership.js';
import { Market } from './market.js';
import type { OpenPositionRequest, SimAccountInfo, SimulatorOptions } from './options.js';
import { consoleLog, EventOutbox, type SimLog } from './outbox.js';
import { SimPersistence } from './persistence.js';
import { DbSimStorage, type SimStorage } from './store.js';
import { positionView } from './valuation.js';

export {
  SIMULATOR_LOCK_KEY,
  type OpenPositionRequest,
  type SimAccountInfo,
  type SimulatorOptions,
} from './options.js';

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
 *
 * This class wires the parts and runs the timers: `AccountBook` (accounts in memory, event numbering),
 * `Dealer` (the platform's rules), `SimPersistence` (load and save), `Leadership` (the lock),
 * `EventOutbox` (delivery) and `Market` (prices).
 */
export class SimulatedTradingServer implements TradingPlatform {
  readonly name = 'sim';
  readonly market: Market;
  private readonly clock: Clock;
  private readonly log: SimLog;
  private readonly outbox: EventOutbox;
  private readonly book: AccountBook;
  private readonly dealer: Dealer;
  private readonly persistence: SimPersistence;
  private readonly leadership: Leadership;
  private frozen = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    storage: Db | SimStorage,
    private readonly opts: SimulatorOptions = {},
  ) {
    // Built on the database here, so each term of leadership writes through its lock's session.
    const onDatabase = !('loadAll' in storage);
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? consoleLog;
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
      onSettled: (logins) => logins.forEach((l) => this.book.dirty.add(l)),
    });
    this.book = new AccountBook(this.clock, this.outbox);
    const limits = {
      marginCallLevel: opts.marginCallLevel ?? DEFAULT_LIMITS.marginCallLevel,
      stopOutLevel: opts.stopOutLevel ?? DEFAULT_LIMITS.stopOutLevel,
    };
    this.dealer = new Dealer(this.book, this.market, this.clock, limits, opts);
    this.persistence = new SimPersistence('loadAll' in storage ? storage : new DbSimStorage(storage), {
      book: this.book,
      outbox: this.outbox,
      market: this.market,
      log: this.log,
      leading: () => this.leading,
    });
    this.leadership = new Leadership(
      { log: this.log, ...(opts.lock ? { lock: opts.lock } : {}), lockRetryMs: opts.lockRetryMs },
      {
        begin: (lease) => {
          this.persistence.forget();
          if (onDatabase) this.persistence.storage = new DbSimStorage(lease.db);
        },
        run: async () => {
          await this.load();
          this.run();
        },
        end: () => {
          this.persistence.endTerm();
          this.clearTimers();
          this.persistence.forget();
        },
      },
    );
  }

  // ---- lifecycle ----

  /** True while this instance runs the simulator: always without `lock`, else while holding it. */
  get leading(): boolean {
    return this.leadership.leading;
  }

  /** Reads the stored accounts once. Sessions that were open stay open and report a heartbeat. */
  load(): Promise<void> {
    return this.persistence.load();
  }

  /**
   * Loads, then runs the price feed, delivery and saving on timers (all unref'd). With `lock`: only once
   * the lock is taken, now or on a later try.
   */
  start(): Promise<void> {
    return this.leadership.start();
  }

  /** Stops the timers, tries to deliver what is pending, and saves everything; then gives up the lock. */
  stop(): Promise<void> {
    return this.leadership.stop(async () => {
      this.clearTimers();
      if (!this.persistence.loaded) return;
      const delivered = this.outbox.flush().catch((err) => this.log.warn({ err }, 'final delivery failed'));
      // Pending events are saved with their accounts, so a consumer that hangs only delays them.
      await Promise.race([delivered, new Promise((r) => setTimeout(r, 5_000).unref())]);
      await this.save();
    });
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
    return this.persistence.save();
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

  private clearTimers(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  // ---- TradingPlatform ----

  async openAccount(request: OpenAccountRequest): Promise<OpenedAccount> {
    await this.load();
    const acc = this.dealer.openAccount(request);
    // The login must never be handed out twice, so the account is durable before anyone hears of it.
    await this.save();
    return {
      login: acc.login,
      password: newTerminalPassword(),
      investorPassword: newTerminalPassword(),
      server: acc.server,
    };
  }

  async balanceOperation(login: string, op: PlatformBalanceOp): Promise<AccountState> {
    await this.load();
    const acc = this.get(login);
    if (this.dealer.balanceOperation(acc, op)) await this.save();
    return this.dealer.value(acc).state;
  }

  async readAccount(login: string): Promise<AccountSnapshot> {
    await this.load();
    return this.dealer.snapshot(this.get(login));
  }

  async positions(login: string): Promise<PlatformPosition[]> {
    await this.load();
    return this.dealer.value(this.get(login)).items.map((i) => positionView(i.position, i.price, i.profit));
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
    return [...this.book.accounts.keys()];
  }

  /** Logins the simulated traders may trade, oldest first: only those handed to them. */
  simulatedTraderLogins(): string[] {
    this.assertLoaded();
    return [...this.book.accounts.values()].filter((a) => a.simulatedTrader).map((a) => a.login);
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
    this.book.dirty.add(login);
    await this.save();
  }

  /** Synchronous view of an account; undefined when there is none. */
  account(login: string): SimAccountInfo | undefined {
    this.assertLoaded();
    const acc = this.book.accounts.get(login);
    if (!acc) return undefined;
    const v = this.dealer.value(acc);
    return {
      ...this.dealer.snapshot(acc, v),
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
    this.dealer.logIn(this.get(login), ip);
  }

  /** The trader logs out (no-op when not logged in). */
  logout(login: string): void {
    this.dealer.logOut(this.get(login));
  }

  /**
   * The terminal vanishes without a logout (network gone): no event, no more heartbeats, so the CRM's
   * presence timeout is what ends the session.
   */
  dropSession(login: string): void {
    this.dealer.dropSession(this.get(login));
  }

  /** Opens a market position at the current price; refused when the free margin does not cover it. */
  openPosition(login: string, req: OpenPositionRequest): PlatformPosition {
    return this.dealer.openPosition(this.get(login), req);
  }

  /** Closes a position at the current price; returns its final update (closed: true, realised profit). */
  closePosition(login: string, positionId: string): PlatformPosition {
    const acc = this.get(login);
    const position = acc.positions.find((p) => p.id === positionId);
    if (!position) throw notFound('Position');
    return this.dealer.closePosition(acc, position);
  }

  /** Advances every price once and revalues the accounts (throttled updates, SL/TP, margin checks, heartbeats). */
  tick(): void {
    if (!this.persistence.loaded) return;
    this.market.tick();
    this.book.marketDirty = true;
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
    this.book.marketDirty = true;
    if (this.persistence.loaded) this.dealer.revalue(true, symbol);
    return p;
  }

  /** Moves a price by a percentage (−5 = five percent down); affected accounts report at once. */
  movePrice(symbol: string, percent: number): number {
    return this.setPrice(symbol, this.market.price(symbol) * (1 + percent / 100));
  }

  private housekeep(): void {
    if (!this.persistence.loaded) return;
    this.dealer.revalue(false);
    this.dealer.heartbeats();
  }

  private get(login: string): SimAccount {
    this.assertLoaded();
    const acc = this.book.accounts.get(login);
    if (!acc) throw notFound('Trading account');
    return acc;
  }

  private assertLoaded(): void {
    if (!this.leading) throw elsewhere();
    if (!this.persistence.loaded)
      throw new Error('the simulated trading server is not loaded yet: call load() or start()');
  }
}
