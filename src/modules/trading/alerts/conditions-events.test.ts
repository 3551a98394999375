import { describe, expect, it } from 'vitest';
import { DAY_MS, decide } from './conditions.js';
import {
  account,
  action,
  ago,
  cleared,
  HOUR,
  NOW,
  open,
  recovering,
  rule,
  run,
} from './conditions.fixtures.js';
import { CLEAR_AFTER_MS } from './hysteresis.js';

describe('stop-out (event)', () => {
  const stopOut = rule('stop_out');

  it('raises for a stop-out newer than the last alert’s, and not twice for the same one', () => {
    const at = ago(5 * 60_000);
    expect(run({ rule: stopOut, account: account({ stopOutAt: at, equity: 12.5 }) })).toMatchObject({
      action: 'raise',
      value: 12.5,
      details: { stopOutAt: at.toISOString() },
    });
    const last = cleared({ details: { stopOutAt: at.toISOString() } });
    expect(action({ rule: stopOut, account: account({ stopOutAt: at }), last })).toBe('hold');
    expect(action({ rule: stopOut, account: account({ stopOutAt: new Date(at.getTime() + 1) }), last })).toBe(
      'raise',
    );
  });

  it('stays open until a day passes without a new stop-out, then clears', () => {
    const raised = { raisedAt: ago(DAY_MS - 1), details: { stopOutAt: ago(DAY_MS - 1).toISOString() } };
    expect(action({ rule: stopOut, last: recovering(raised) })).toBe('hold');
    const quiet = { raisedAt: ago(DAY_MS), details: { stopOutAt: ago(DAY_MS).toISOString() } };
    expect(run({ rule: stopOut, last: open(quiet) })).toMatchObject({
      action: 'hold',
      update: { recoveringSince: NOW },
    });
    expect(run({ rule: stopOut, last: recovering(quiet) })).toMatchObject({
      action: 'clear',
      reason: 'cooled_down',
    });
  });

  it('another stop-out while open joins the alert and restarts the quiet day', () => {
    const first = ago(20 * HOUR);
    const last = open({
      raisedAt: first,
      value: 12.5,
      details: { stopOutAt: first.toISOString(), marginLevel: 40 },
    });
    const d = run({
      rule: stopOut,
      account: account({ stopOutAt: ago(HOUR), equity: 3, marginLevel: 45 }),
      last,
    });
    expect(d).toEqual({
      action: 'hold',
      update: {
        value: 3,
        threshold: null,
        details: { stopOutAt: ago(HOUR).toISOString(), marginLevel: 45 },
        recoveringSince: null,
      },
    });
    // A day after the first one, but not after the second: still open.
    const joined = open({ raisedAt: first, details: { stopOutAt: ago(HOUR).toISOString() } });
    const later = new Date(first.getTime() + DAY_MS + CLEAR_AFTER_MS);
    expect(
      decide({ rule: stopOut, account: account({ stopOutAt: ago(HOUR) }), last: joined, now: later }),
    ).toMatchObject({ action: 'hold', update: { recoveringSince: null } });
    // After the clear the joined stop-out is covered: no second alert for it.
    expect(action({ rule: stopOut, account: account({ stopOutAt: ago(HOUR) }), last: cleared(joined) })).toBe(
      'hold',
    );
  });
});

describe('large loss (event)', () => {
  const large = rule('large_loss', { loss: 1000 });
  const deal = (profit: number, at: Date, dealId = `d${profit}`) => ({
    dealId,
    symbol: 'EURUSD',
    profit,
    executedAt: at,
  });

  it('raises for the worst new deal at or beyond the loss and covers every deal up to the newest', () => {
    const deals = [
      deal(-999.99, ago(3000)),
      deal(-1000, ago(2000)),
      deal(-2500, ago(5000)),
      deal(300, ago(1000)),
    ];
    expect(run({ rule: large, deals })).toEqual({
      action: 'raise',
      value: -2500,
      threshold: -1000,
      details: {
        dealId: 'd-2500',
        symbol: 'EURUSD',
        executedAt: ago(5000).toISOString(),
        deals: 2,
        dealsUntil: ago(2000).toISOString(),
      },
    });
    expect(action({ rule: large, deals: [deal(-999.99, ago(1000))] })).toBe('hold');
  });

  it('does not raise again for deals the last alert covered; a newer one raises after the clear', () => {
    const last = cleared({ details: { dealsUntil: ago(2000).toISOString() } });
    expect(action({ rule: large, deals: [deal(-5000, ago(2000))], last })).toBe('hold');
    expect(action({ rule: large, deals: [deal(-5000, ago(1999))], last })).toBe('raise');
  });

  it('ignores losses older than the cool-down window', () => {
    expect(action({ rule: large, deals: [deal(-5000, ago(DAY_MS + 1))] })).toBe('hold');
  });

  it('holds while open and clears after a day without new large losses', () => {
    expect(action({ rule: large, deals: [deal(-5000, NOW)], last: open({ raisedAt: ago(HOUR) }) })).toBe(
      'hold',
    );
    expect(action({ rule: large, last: recovering({ raisedAt: ago(DAY_MS) }) })).toBe('clear');
  });

  it('new large losses while open join the alert: the worst shown, every deal covered', () => {
    const last = open({
      raisedAt: ago(HOUR),
      value: -1500,
      threshold: -1000,
      details: {
        dealId: 'd-1500',
        symbol: 'EURUSD',
        executedAt: ago(HOUR).toISOString(),
        deals: 1,
        dealsUntil: ago(HOUR).toISOString(),
      },
    });
    expect(run({ rule: large, deals: [deal(-1200, ago(2000)), deal(-4000, ago(1000))], last })).toEqual({
      action: 'hold',
      update: {
        value: -4000,
        threshold: -1000,
        details: {
          dealId: 'd-4000',
          symbol: 'EURUSD',
          executedAt: ago(1000).toISOString(),
          deals: 3,
          dealsUntil: ago(1000).toISOString(),
        },
        recoveringSince: null,
      },
    });
    expect(run({ rule: large, deals: [deal(-1200, ago(2000))], last })).toMatchObject({
      action: 'hold',
      update: { value: -1500, details: { dealId: 'd-1500', deals: 2, dealsUntil: ago(2000).toISOString() } },
    });
  });
});

describe('no trading for N days', () => {
  const idle = rule('no_trading', { days: 14 });

  it('raises once the last trade (or the opening) is older than N days, for funded accounts only', () => {
    expect(action({ rule: idle, account: account({ lastTradeAt: ago(14 * DAY_MS) }) })).toBe('hold');
    expect(run({ rule: idle, account: account({ lastTradeAt: ago(14 * DAY_MS + 1) }) })).toEqual({
      action: 'raise',
      value: 14,
      threshold: 14,
      details: { lastTradeAt: ago(14 * DAY_MS + 1).toISOString() },
    });
    expect(action({ rule: idle, account: account({ lastTradeAt: null, createdAt: ago(20 * DAY_MS) }) })).toBe(
      'raise',
    );
    expect(
      action({
        rule: idle,
        account: account({ lastTradeAt: null, createdAt: ago(20 * DAY_MS), netDeposits: 0 }),
      }),
    ).toBe('hold');
  });

  it('clears only when a trade newer than the one at raise time appears', () => {
    const seen = ago(20 * DAY_MS);
    const last = open({ details: { lastTradeAt: seen.toISOString() } });
    expect(run({ rule: idle, account: account({ lastTradeAt: seen }), last })).toMatchObject({
      action: 'hold',
      update: { value: 20, threshold: 14 }, // the days go on counting on the card
    });
    expect(
      action({
        rule: idle,
        account: account({ lastTradeAt: ago(HOUR) }),
        last: recovering({ details: last.details }),
      }),
    ).toBe('clear');
    const neverTraded = recovering({ details: { lastTradeAt: null } });
    expect(action({ rule: idle, account: account({ lastTradeAt: null }), last: neverTraded })).toBe('hold');
    expect(action({ rule: idle, account: account({ lastTradeAt: ago(1) }), last: neverTraded })).toBe(
      'clear',
    );
  });
});
