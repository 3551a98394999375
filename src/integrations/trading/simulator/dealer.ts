import type { Clock } from '../../../core/clock.js';
import { badRequest, conflict } from '../../../core/errors.js';
import type {
  AccountKind,
  AccountSnapshot,
  AccountState,
  OpenAccountRequest,
  PlatformBalanceOp,
  PlatformDeal,
  PlatformPosition,
} from '../../../modules/trading/index.js';
import {
  planStopOut,
  positionMargin,
  positionProfit,
  riskOf,
  round2,
  type RiskLimits,
} from './account-math.js';
import { MAX_DEALS, MAX_OP_IDS, type SimAccount, type SimPosition } from './account.js';
import type { AccountBook } from './book.js';
import { FIXED_RATES } from './instruments.js';
import type { Market } from './market.js';
import type { OpenPositionRequest, SimulatorOptions } from './options.js';
import { positionView, sameState, snapshotOf, valueAccount, type Valued } from './valuation.js';

const SERVER_NAME: Record<AccountKind, string> = { demo: 'BrokerDesk-Demo', live: 'BrokerDesk-Live' };
const VOLUME_STEP = 0.01;
const MAX_VOLUME = 100;

export type DealerOptions = Pick<SimulatorOptions, 'stateIntervalMs' | 'heartbeatMs' | 'demoDeposit'>;

/**
 * The simulated platform's rules on the accounts in memory: opening accounts, balance operations,
 * sessions, positions and deals, stop loss and take profit, margin call and stop-out, and which
 * price-driven updates and heartbeats are reported (throttled per account). It changes the book and
 * emits events; saving and delivering them is the server's job.
 */
export class Dealer {
  constructor(
    private readonly book: AccountBook,
    private readonly market: Market,
    private readonly clock: Clock,
    private readonly limits: RiskLimits,
    private readonly opts: DealerOptions,
  ) {}

  value(acc: SimAccount): Valued {
    return valueAccount(acc, this.market);
  }

  snapshot(acc: SimAccount, v = this.value(acc)): AccountSnapshot {
    return snapshotOf(acc, v);
  }

  /** A new account under the next login of its kind; a demo account gets its virtual deposit. */
  openAccount(request: OpenAccountRequest): SimAccount {
    const { kind, currency, leverage } = request;
    if (kind !== 'demo' && kind !== 'live')
      throw badRequest('bad_kind', 'Account kind is demo or live', 'kind');
    if (!FIXED_RATES[currency])
      throw badRequest('bad_currency', `Currency ${currency} is not offered`, 'currency');
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > 1000)
      throw badRequest('bad_leverage', 'Leverage must be a whole number from 1 to 1000', 'leverage');
    const login = this.book.nextLogin(kind);
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
    this.book.add(acc);
    this.book.dirty.add(login);
    this.book.historyDirty.add(login);
    if (kind === 'demo') {
      const amount = request.demoDeposit ?? this.defaultDemoDeposit(currency);
      if (amount > 0)
        this.applyBalance(acc, { id: `demo-${login}`, kind: 'deposit', amount, comment: 'Demo funds' });
    }
    return acc;
  }

  /** Posts a balance operation once per id; returns false when this id was posted before. */
  balanceOperation(acc: SimAccount, op: PlatformBalanceOp): boolean {
    if (acc.opIds.includes(op.id)) return false;
    this.checkOperation(acc, op);
    this.applyBalance(acc, op);
    this.checkRisk(acc, this.value(acc));
    return true;
  }

  /** The trader logs in to the terminal (no-op when already logged in). */
  logIn(acc: SimAccount, ip?: string | null): void {
    if (acc.online) return;
    acc.online = true;
    acc.onlineSince = this.clock.now().toISOString();
    this.book.emit(acc, { type: 'login', ip: ip ?? null });
  }

  /** The trader logs out (no-op when not logged in). */
  logOut(acc: SimAccount): void {
    if (!acc.online) return;
    acc.online = false;
    acc.onlineSince = null;
    this.book.emit(acc, { type: 'logout' });
  }

  /** The terminal vanishes without a logout: no event, no more heartbeats. */
  dropSession(acc: SimAccount): void {
    acc.online = false;
    acc.onlineSince = null;
    this.book.dirty.add(acc.login);
  }

  /** Opens a market position at the current price; refused when the free margin does not cover it. */
  openPosition(acc: SimAccount, req: OpenPositionRequest): PlatformPosition {
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
    this.book.emit(acc, { type: 'position', position: view });
    this.book.rt(acc).positions.set(position.id, { profit: 0, price, at: this.book.nowMs() });
    this.afterTrade(acc);
    return view;
  }

  /** Closes a position at the current price; returns its final update (closed: true, realised profit). */
  closePosition(acc: SimAccount, position: SimPosition): PlatformPosition {
    const closed = this.close(acc, position);
    this.afterTrade(acc);
    return closed;
  }

  /** After prices moved: SL/TP, margin checks, and the throttled position and account updates. */
  revalue(force: boolean, symbol?: string): void {
    const now = this.book.nowMs();
    const interval = this.opts.stateIntervalMs ?? 2_000;
    for (const acc of this.book.accounts.values()) {
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
      const rt = this.book.rt(acc);
      for (const i of v.items) {
        const sent = rt.positions.get(i.position.id);
        const changed = !sent || sent.profit !== i.profit || sent.price !== i.price;
        if (changed && (force || !sent || now - sent.at >= interval)) {
          this.book.emit(acc, { type: 'position', position: positionView(i.position, i.price, i.profit) });
          rt.positions.set(i.position.id, { profit: i.profit, price: i.price, at: now });
        }
      }
      this.reportState(acc, v.state, force);
    }
  }

  /** "Still logged in" for every session that has been quiet for the heartbeat interval. */
  heartbeats(): void {
    const now = this.book.nowMs();
    const every = this.opts.heartbeatMs ?? 60_000;
    for (const acc of this.book.accounts.values())
      if (acc.online && now - this.book.rt(acc).lastEventAt >= every)
        this.book.emit(acc, { type: 'heartbeat' });
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
    this.book.historyDirty.add(acc.login);
    const state = this.value(acc).state;
    this.book.emit(acc, {
      type: 'balance',
      op: { id: op.id, kind: op.kind, amount: op.amount, comment: op.comment ?? null },
      state,
    });
    this.stateSent(acc, state);
  }

  private recordDeal(acc: SimAccount, deal: PlatformDeal): void {
    acc.deals.push({ ...deal, at: this.clock.now().toISOString() });
    if (acc.deals.length > MAX_DEALS) acc.deals.splice(0, acc.deals.length - MAX_DEALS);
    this.book.historyDirty.add(acc.login);
    this.book.emit(acc, { type: 'deal', deal });
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
    this.book.emit(acc, { type: 'position', position: view });
    this.book.rt(acc).positions.delete(position.id);
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
        this.book.dirty.add(acc.login);
      }
      return;
    }
    if (!acc.inMarginCall) {
      acc.inMarginCall = true;
      this.book.emit(acc, { type: 'margin_call', state: v.state });
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
    this.book.emit(acc, { type: 'stop_out', state, closedPositions: ids });
    this.stateSent(acc, state);
    if (riskOf(state.marginLevel, this.limits) === 'ok') acc.inMarginCall = false;
  }

  /** Emits the account state if it changed, at most once per interval unless forced. */
  private reportState(acc: SimAccount, state: AccountState, force: boolean): void {
    const rt = this.book.rt(acc);
    if (rt.state && sameState(rt.state, state)) return;
    if (!force && this.book.nowMs() - rt.stateAt < (this.opts.stateIntervalMs ?? 2_000)) return;
    this.book.emit(acc, { type: 'account', state });
    this.stateSent(acc, state);
  }

  private stateSent(acc: SimAccount, state: AccountState): void {
    const rt = this.book.rt(acc);
    rt.state = state;
    rt.stateAt = this.book.nowMs();
  }

  private defaultDemoDeposit(currency: string): number {
    // Ten thousand is a lot of dollars and very few rupiah: scale by the currency's rate to the dollar.
    return (this.opts.demoDeposit ?? 10_000) * Math.max(1, Math.round(FIXED_RATES[currency] ?? 1));
  }
}
