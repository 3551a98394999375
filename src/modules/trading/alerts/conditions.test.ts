import { describe, expect, it } from 'vitest';
import {
  alertTitle,
  DAY_MS,
  decide,
  levelThreshold,
  ruleApplies,
  type AccountSnapshot,
  type DecisionInput,
  type PastAlert,
  type RuleSpec,
} from './conditions.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 3_600_000;

const account = (over: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
  kind: 'live',
  balance: 10_000,
  equity: 10_000,
  marginLevel: null,
  netDeposits: 10_000,
  marginCallAt: null,
  stopOutAt: null,
  lastTradeAt: ago(HOUR),
  createdAt: ago(100 * DAY_MS),
  ...over,
});
const rule = (kind: RuleSpec['kind'], params: RuleSpec['params'] = {}): RuleSpec => ({
  kind,
  accountKind: 'live',
  params,
});
const open = (over: Partial<PastAlert> = {}): PastAlert => ({
  raisedAt: ago(HOUR),
  clearedAt: null,
  details: {},
  ...over,
});
const cleared = (over: Partial<PastAlert> = {}): PastAlert => open({ clearedAt: ago(HOUR / 2), ...over });
const run = (input: Partial<DecisionInput> & Pick<DecisionInput, 'rule'>) =>
  decide({ account: account(), last: null, now: NOW, ...input });
const action = (input: Partial<DecisionInput> & Pick<DecisionInput, 'rule'>) => run(input).action;

describe('low equity / low balance: raise below the line, clear only above the band', () => {
  const lowEquity = rule('low_equity', { amount: 3000 });

  it('raises strictly below the threshold, with value and threshold', () => {
    expect(action({ rule: lowEquity, account: account({ equity: 3000 }) })).toBe('hold');
    expect(run({ rule: lowEquity, account: account({ equity: 2999.99 }) })).toEqual({
      action: 'raise',
      value: 2999.99,
      threshold: 3000,
      details: { basis: 'amount' },
    });
  });

  it('holds an open alert anywhere inside the band and clears exactly at threshold × 1.1', () => {
    for (const equity of [100, 2999, 3000, 3100, 3299.99])
      expect(action({ rule: lowEquity, account: account({ equity }), last: open() })).toBe('hold');
    expect(run({ rule: lowEquity, account: account({ equity: 3300 }), last: open() })).toEqual({
      action: 'clear',
      reason: 'recovered',
      value: 3300,
    });
  });

  it('uses the rule’s own band', () => {
    const narrow = rule('low_equity', { amount: 3000, clearPercent: 0 });
    expect(action({ rule: narrow, account: account({ equity: 3000 }), last: open() })).toBe('clear');
    const wide = rule('low_equity', { amount: 3000, clearPercent: 50 });
    expect(action({ rule: wide, account: account({ equity: 4499 }), last: open() })).toBe('hold');
    expect(action({ rule: wide, account: account({ equity: 4500 }), last: open() })).toBe('clear');
  });

  it('raises again after a clear when the value falls again', () => {
    expect(action({ rule: lowEquity, account: account({ equity: 2000 }), last: cleared() })).toBe('raise');
  });

  it('low_balance reads the balance, not the equity', () => {
    const lowBalance = rule('low_balance', { amount: 500 });
    expect(action({ rule: lowBalance, account: account({ balance: 400, equity: 9000 }) })).toBe('raise');
    expect(action({ rule: lowBalance, account: account({ balance: 900, equity: 100 }) })).toBe('hold');
  });

  it('percent of deposits: the line follows net deposits; nothing deposited → no line', () => {
    const pct = rule('low_equity', { percentOfDeposits: 30 });
    expect(levelThreshold({ percentOfDeposits: 30 }, 10_000)).toBe(3000);
    expect(levelThreshold({ percentOfDeposits: 33.3 }, 1000)).toBe(333);
    expect(levelThreshold({ percentOfDeposits: 30 }, 0)).toBeNull();
    expect(run({ rule: pct, account: account({ equity: 2500, netDeposits: 10_000 }) })).toMatchObject({
      action: 'raise',
      threshold: 3000,
      details: { basis: 'percentOfDeposits', percentOfDeposits: 30, netDeposits: 10_000 },
    });
    expect(action({ rule: pct, account: account({ equity: 0, netDeposits: 0 }) })).toBe('hold');
    expect(action({ rule: pct, account: account({ equity: 0, netDeposits: -50 }) })).toBe('hold');
    // A deposit moves the line: 2,500 of 4,000 deposited is fine, above the band of 1,200 × 1.1.
    expect(action({ rule: pct, account: account({ equity: 2500, netDeposits: 4000 }), last: open() })).toBe(
      'clear',
    );
    // Withdrawals beyond deposits leave nothing to protect: the open alert goes.
    expect(
      run({ rule: pct, account: account({ equity: 100, netDeposits: -10 }), last: open() }),
    ).toMatchObject({ action: 'clear', reason: 'not_applicable' });
  });
});

describe('margin call', () => {
  const platform = rule('margin_call');

  it('raises on a platform margin call newer than anything alerted, once', () => {
    const at = ago(60_000);
    expect(action({ rule: platform, account: account({ marginCallAt: null, marginLevel: 80 }) })).toBe(
      'hold',
    );
    expect(run({ rule: platform, account: account({ marginCallAt: at, marginLevel: 80 }) })).toEqual({
      action: 'raise',
      value: 80,
      threshold: 100,
      details: { trigger: 'platform', marginCallAt: at.toISOString() },
    });
    // The same margin call, after its alert cleared: not again.
    const covered = cleared({ details: { marginCallAt: at.toISOString() } });
    expect(
      action({ rule: platform, account: account({ marginCallAt: at, marginLevel: 80 }), last: covered }),
    ).toBe('hold');
    // A newer one: yes.
    expect(
      action({
        rule: platform,
        account: account({ marginCallAt: new Date(at.getTime() + 1000), marginLevel: 80 }),
        last: covered,
      }),
    ).toBe('raise');
  });

  it('compares with the raise time for an alert stored without the platform time', () => {
    const last = cleared({ raisedAt: ago(10 * 60_000), details: {} });
    expect(action({ rule: platform, account: account({ marginCallAt: ago(11 * 60_000) }), last })).toBe(
      'hold',
    );
    expect(action({ rule: platform, account: account({ marginCallAt: ago(9 * 60_000) }), last })).toBe(
      'raise',
    );
  });

  it('ignores a margin call older than a day (history, not news)', () => {
    expect(action({ rule: platform, account: account({ marginCallAt: ago(DAY_MS + 1) }) })).toBe('hold');
  });

  it('with a level set, raises at or below it without a platform event', () => {
    const level = rule('margin_call', { marginLevel: 150 });
    expect(action({ rule: level, account: account({ marginLevel: 150.01 }) })).toBe('hold');
    expect(run({ rule: level, account: account({ marginLevel: 150 }) })).toMatchObject({
      action: 'raise',
      threshold: 150,
      details: { trigger: 'level' },
    });
    expect(action({ rule: level, account: account({ marginLevel: null }) })).toBe('hold');
  });

  it('clears when nothing is open (no level) or the level is back above call level × band', () => {
    expect(action({ rule: platform, account: account({ marginLevel: 109.99 }), last: open() })).toBe('hold');
    expect(action({ rule: platform, account: account({ marginLevel: 110 }), last: open() })).toBe('clear');
    expect(action({ rule: platform, account: account({ marginLevel: null }), last: open() })).toBe('clear');
    const level = rule('margin_call', { marginLevel: 150, clearPercent: 20 });
    expect(action({ rule: level, account: account({ marginLevel: 179 }), last: open() })).toBe('hold');
    expect(action({ rule: level, account: account({ marginLevel: 180 }), last: open() })).toBe('clear');
  });
});

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

  it('stays open for 24 h whatever the account does, then clears', () => {
    const last = open({ raisedAt: ago(DAY_MS - 1) });
    expect(action({ rule: stopOut, account: account({ stopOutAt: NOW }), last })).toBe('hold');
    expect(run({ rule: stopOut, last: open({ raisedAt: ago(DAY_MS) }) })).toMatchObject({
      action: 'clear',
      reason: 'cooled_down',
    });
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

  it('holds while open and clears after 24 h', () => {
    expect(action({ rule: large, deals: [deal(-5000, NOW)], last: open({ raisedAt: ago(HOUR) }) })).toBe(
      'hold',
    );
    expect(action({ rule: large, last: open({ raisedAt: ago(DAY_MS) }) })).toBe('clear');
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
    expect(action({ rule: idle, account: account({ lastTradeAt: seen }), last })).toBe('hold');
    expect(action({ rule: idle, account: account({ lastTradeAt: ago(HOUR) }), last })).toBe('clear');
    const neverTraded = open({ details: { lastTradeAt: null } });
    expect(action({ rule: idle, account: account({ lastTradeAt: null }), last: neverTraded })).toBe('hold');
    expect(action({ rule: idle, account: account({ lastTradeAt: ago(1) }), last: neverTraded })).toBe(
      'clear',
    );
  });
});

describe('helpers', () => {
  it('matches rules to account kinds', () => {
    expect(ruleApplies({ accountKind: 'live' }, { kind: 'live' })).toBe(true);
    expect(ruleApplies({ accountKind: 'live' }, { kind: 'demo' })).toBe(false);
    expect(ruleApplies({ accountKind: 'any' }, { kind: 'demo' })).toBe(true);
  });

  it('writes task titles the manager can act on', () => {
    const a = { login: '1000123', currency: 'USD' };
    expect(alertTitle('Low equity', 'low_equity', a, 812.4, 3000)).toBe(
      'Low equity on 1000123: 812.40 USD (< 3,000.00)',
    );
    expect(alertTitle('Margin call', 'margin_call', a, 85.5, 100)).toBe(
      'Margin call on 1000123: margin level 85.50%',
    );
    expect(alertTitle('Large loss', 'large_loss', a, -2500, -1000)).toBe(
      'Large loss on 1000123: -2,500.00 USD (≤ -1,000.00)',
    );
    expect(alertTitle('No trading for 14 days', 'no_trading', a, 20, 14)).toBe(
      'No trading for 14 days on 1000123: no trades for 20 days',
    );
  });
});
