import { describe, expect, it } from 'vitest';
import {
  accountState,
  convert,
  planStopOut,
  positionMargin,
  positionProfit,
  riskOf,
  DEFAULT_LIMITS,
} from './account-math.js';
import { FIXED_RATES, INSTRUMENTS } from './instruments.js';

const inst = (symbol: string) => INSTRUMENTS.find((i) => i.symbol === symbol)!;
const EURUSD = inst('EURUSD');
const USDJPY = inst('USDJPY');
const XAUUSD = inst('XAUUSD');

describe('account math', () => {
  it('gives a buy the profit of a rising price and a sell the loss', () => {
    const buy = { side: 'buy' as const, volume: 1, openPrice: 1.1 };
    const sell = { ...buy, side: 'sell' as const };
    expect(positionProfit(buy, 1.101, EURUSD, 'USD', FIXED_RATES)).toBe(100);
    expect(positionProfit(sell, 1.101, EURUSD, 'USD', FIXED_RATES)).toBe(-100);
    expect(positionProfit(sell, 1.099, EURUSD, 'USD', FIXED_RATES)).toBe(100);
    expect(
      positionProfit({ side: 'buy', volume: 0.5, openPrice: 2300 }, 2290, XAUUSD, 'USD', FIXED_RATES),
    ).toBe(-500);
  });

  it('converts profit and margin into the account currency', () => {
    const buy = { side: 'buy' as const, volume: 1, openPrice: 1.1 };
    // 100 USD in a EUR account at 0.92 EUR per USD.
    expect(positionProfit(buy, 1.101, EURUSD, 'EUR', FIXED_RATES)).toBe(92);
    expect(positionProfit(buy, 1.101, EURUSD, 'IDR', FIXED_RATES)).toBe(1_600_000);
    // A JPY-quoted profit goes through the live USDJPY rate.
    const rates = { ...FIXED_RATES, JPY: 151 };
    expect(positionProfit({ side: 'buy', volume: 1, openPrice: 150 }, 151, USDJPY, 'USD', rates)).toBe(
      662.25,
    );
    expect(convert(100, 'USD', 'RUB', FIXED_RATES)).toBe(9000);
    expect(() => convert(1, 'USD', 'XXX', FIXED_RATES)).toThrow(/XXX/);
  });

  it('computes margin as volume × contract size × price / leverage', () => {
    expect(positionMargin(1, 1.1, EURUSD, 100, 'USD', FIXED_RATES)).toBe(1100);
    expect(positionMargin(0.1, 2350, XAUUSD, 50, 'USD', FIXED_RATES)).toBe(470);
    // 150,000 JPY at 150 JPY per USD.
    expect(positionMargin(1, 150, USDJPY, 100, 'USD', FIXED_RATES)).toBe(1000);
    expect(positionMargin(1, 150, USDJPY, 100, 'GBP', FIXED_RATES)).toBe(790);
  });

  it('derives equity, free margin and margin level (null without margin)', () => {
    const s = accountState({
      balance: 1000,
      credit: 100,
      positions: [
        { profit: -150, margin: 300 },
        { profit: 50, margin: 200 },
      ],
    });
    expect(s).toEqual({
      balance: 1000,
      credit: 100,
      equity: 1000,
      margin: 500,
      freeMargin: 500,
      marginLevel: 200,
    });
    expect(accountState({ balance: 50, credit: 0, positions: [] }).marginLevel).toBeNull();
  });

  it('reports a margin call at or below the call level and a stop-out at or below the stop-out level', () => {
    expect(riskOf(null, DEFAULT_LIMITS)).toBe('ok');
    expect(riskOf(100.01, DEFAULT_LIMITS)).toBe('ok');
    expect(riskOf(100, DEFAULT_LIMITS)).toBe('margin_call');
    expect(riskOf(50.01, DEFAULT_LIMITS)).toBe('margin_call');
    expect(riskOf(50, DEFAULT_LIMITS)).toBe('stop_out');
    expect(riskOf(-20, DEFAULT_LIMITS)).toBe('stop_out');
  });

  it('stops out the most losing position first, and only as many as it takes', () => {
    const positions = [
      { id: 'small-loss', profit: -100, margin: 300 },
      { id: 'winner', profit: 50, margin: 400 },
      { id: 'worst', profit: -500, margin: 300 },
    ];
    // Equity 400 on 1,000 margin = 40 %: closing "worst" leaves 400 / 700 = 57 % > 50 %.
    expect(planStopOut(400, positions, 50)).toEqual(['worst']);
    // Equity 100: 10 %, then 14 %, then 25 %, then nothing is left.
    expect(planStopOut(100, positions, 50)).toEqual(['worst', 'small-loss', 'winner']);
    expect(planStopOut(600, positions, 50)).toEqual([]);
  });
});
