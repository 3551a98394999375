import type { AccountState } from '../../../modules/trading/index.js';
import type { Instrument } from './instruments.js';

/**
 * The money arithmetic of a margin account, pure so it can be tested on its own. Amounts are rounded
 * to cents at each step that a platform would show (per position profit and margin, account totals).
 */

/** Units of each currency per US dollar. */
export type Rates = Readonly<Record<string, number>>;
export type Side = 'buy' | 'sell';

export const round2 = (v: number) => Math.round(v * 100) / 100;

export function convert(amount: number, from: string, to: string, rates: Rates): number {
  if (from === to) return amount;
  const fromRate = rates[from];
  const toRate = rates[to];
  if (!fromRate || !toRate) throw new Error(`no conversion rate for ${fromRate ? to : from}`);
  return (amount / fromRate) * toRate;
}

/** Floating profit of a position at `price`, in the account currency: positive when the market went its way. */
export function positionProfit(
  p: { side: Side; volume: number; openPrice: number },
  price: number,
  instrument: Instrument,
  currency: string,
  rates: Rates,
): number {
  const move = p.side === 'buy' ? price - p.openPrice : p.openPrice - price;
  return round2(convert(move * p.volume * instrument.contractSize, instrument.quote, currency, rates));
}

/** Margin a position holds: volume × contract size × price / leverage, in the account currency. */
export function positionMargin(
  volume: number,
  price: number,
  instrument: Instrument,
  leverage: number,
  currency: string,
  rates: Rates,
): number {
  return round2(
    convert((volume * instrument.contractSize * price) / leverage, instrument.quote, currency, rates),
  );
}

export function accountState(a: {
  balance: number;
  credit: number;
  /** Per open position: its floating profit and the margin it holds. */
  positions: readonly { profit: number; margin: number }[];
}): AccountState {
  const floating = a.positions.reduce((s, p) => s + p.profit, 0);
  const margin = round2(a.positions.reduce((s, p) => s + p.margin, 0));
  const equity = round2(a.balance + a.credit + floating);
  return {
    balance: round2(a.balance),
    credit: round2(a.credit),
    equity,
    margin,
    freeMargin: round2(equity - margin),
    marginLevel: marginLevel(equity, margin),
  };
}

/** Equity / margin × 100; null while no margin is used. */
export const marginLevel = (equity: number, margin: number): number | null =>
  margin > 0 ? round2((equity / margin) * 100) : null;

export interface RiskLimits {
  /** Margin level (percent) at or under which the platform reports a margin call. */
  marginCallLevel: number;
  /** Margin level (percent) at or under which positions are closed by force. */
  stopOutLevel: number;
}

export const DEFAULT_LIMITS: RiskLimits = { marginCallLevel: 100, stopOutLevel: 50 };

export function riskOf(level: number | null, limits: RiskLimits): 'ok' | 'margin_call' | 'stop_out' {
  if (level === null) return 'ok';
  if (level <= limits.stopOutLevel) return 'stop_out';
  if (level <= limits.marginCallLevel) return 'margin_call';
  return 'ok';
}

/**
 * Which positions a stop-out closes, in order: the most losing first, until the margin level climbs
 * above the stop-out level or nothing is left open. Closing realises the loss into the balance, so
 * equity stays the same while the margin it is divided by shrinks.
 */
export function planStopOut(
  equity: number,
  positions: readonly { id: string; profit: number; margin: number }[],
  stopOutLevel: number,
): string[] {
  const open = [...positions].sort((a, b) => a.profit - b.profit);
  let margin = open.reduce((s, p) => s + p.margin, 0);
  const closed: string[] = [];
  for (const p of open) {
    const level = marginLevel(equity, margin);
    if (level === null || level > stopOutLevel) break;
    closed.push(p.id);
    margin -= p.margin;
  }
  return closed;
}
