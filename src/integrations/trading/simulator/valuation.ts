import type { AccountSnapshot, AccountState, PlatformPosition } from '../../../modules/trading/index.js';
import { accountState, positionMargin, positionProfit } from './account-math.js';
import type { SimAccount, SimPosition } from './account.js';
import type { Market } from './market.js';

/** An account valued at the current prices: each open position's price, profit and margin, and the totals. */
export interface Valued {
  items: { position: SimPosition; price: number; profit: number; margin: number }[];
  state: AccountState;
}

export function valueAccount(acc: SimAccount, market: Market): Valued {
  const rates = market.rates();
  const items = acc.positions.map((position) => {
    const instrument = market.instrument(position.symbol);
    const price = market.price(position.symbol);
    return {
      position,
      price,
      profit: positionProfit(position, price, instrument, acc.currency, rates),
      margin: positionMargin(position.volume, price, instrument, acc.leverage, acc.currency, rates),
    };
  });
  return { items, state: accountState({ balance: acc.balance, credit: acc.credit, positions: items }) };
}

export function snapshotOf(acc: SimAccount, v: Valued): AccountSnapshot {
  return {
    login: acc.login,
    kind: acc.kind,
    currency: acc.currency,
    leverage: acc.leverage,
    online: acc.online,
    ...v.state,
  };
}

/** A position as the platform reports it, at `price` with floating `profit`. */
export function positionView(p: SimPosition, price: number, profit: number): PlatformPosition {
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

export const sameState = (a: AccountState, b: AccountState) =>
  a.balance === b.balance &&
  a.credit === b.credit &&
  a.equity === b.equity &&
  a.margin === b.margin &&
  a.freeMargin === b.freeMargin &&
  a.marginLevel === b.marginLevel;
