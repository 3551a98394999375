import { describe, expect, it } from 'vitest';
import { alertTitle, DAY_MS, levelThreshold, ruleApplies } from './conditions.js';
import { CLEAR_AFTER_MS } from './hysteresis.js';
import { account, action, ago, cleared, NOW, open, recovering, rule, run } from './conditions.fixtures.js';

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
      expect(action({ rule: lowEquity, account: account({ equity }), last: recovering() })).toBe('hold');
    expect(run({ rule: lowEquity, account: account({ equity: 3300 }), last: recovering() })).toEqual({
      action: 'clear',
      reason: 'recovered',
      value: 3300,
    });
  });

  it('clears only after the value stayed above the band for the whole clear-after time', () => {
    // First reading above the band: the alert stays, showing the value, and starts counting.
    expect(run({ rule: lowEquity, account: account({ equity: 3300 }), last: open() })).toEqual({
      action: 'hold',
      update: { value: 3300, threshold: 3000, details: { basis: 'amount' }, recoveringSince: NOW },
    });
    const since = ago(CLEAR_AFTER_MS - 1);
    expect(
      run({ rule: lowEquity, account: account({ equity: 5000 }), last: open({ recoveringSince: since }) }),
    ).toMatchObject({ action: 'hold', update: { value: 5000, recoveringSince: since } });
    // Back inside the band: the count starts over.
    expect(
      run({ rule: lowEquity, account: account({ equity: 3200 }), last: open({ recoveringSince: since }) }),
    ).toMatchObject({ action: 'hold', update: { value: 3200, recoveringSince: null } });
  });

  it('uses the rule’s own band', () => {
    const narrow = rule('low_equity', { amount: 3000, clearPercent: 0 });
    expect(action({ rule: narrow, account: account({ equity: 3000 }), last: recovering() })).toBe('clear');
    const wide = rule('low_equity', { amount: 3000, clearPercent: 50 });
    expect(action({ rule: wide, account: account({ equity: 4499 }), last: recovering() })).toBe('hold');
    expect(action({ rule: wide, account: account({ equity: 4500 }), last: recovering() })).toBe('clear');
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
    expect(
      action({ rule: pct, account: account({ equity: 2500, netDeposits: 4000 }), last: recovering() }),
    ).toBe('clear');
    // Withdrawals beyond deposits leave nothing to protect: the open alert goes.
    expect(
      run({ rule: pct, account: account({ equity: 100, netDeposits: -10 }), last: recovering() }),
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
    const last = recovering();
    expect(action({ rule: platform, account: account({ marginLevel: 109.99 }), last })).toBe('hold');
    expect(action({ rule: platform, account: account({ marginLevel: 110 }), last })).toBe('clear');
    expect(action({ rule: platform, account: account({ marginLevel: null }), last })).toBe('clear');
    const level = rule('margin_call', { marginLevel: 150, clearPercent: 20 });
    expect(action({ rule: level, account: account({ marginLevel: 179 }), last })).toBe('hold');
    expect(action({ rule: level, account: account({ marginLevel: 180 }), last })).toBe('clear');
  });

  it('a margin call reported while the alert is open joins it and cannot raise again after the clear', () => {
    const first = ago(10 * 60_000);
    const again = ago(60_000);
    const last = open({
      value: 99,
      threshold: 100,
      details: { trigger: 'platform', marginCallAt: first.toISOString() },
    });
    const d = run({ rule: platform, account: account({ marginCallAt: again, marginLevel: 98.5 }), last });
    expect(d).toEqual({
      action: 'hold',
      update: {
        value: 98.5,
        threshold: 100,
        details: { trigger: 'platform', marginCallAt: again.toISOString() },
        recoveringSince: null,
      },
    });
    // Old behaviour (the storm): the cleared alert covered only the first call, so the second raised anew.
    const after = cleared({ details: d.action === 'hold' ? d.update!.details : {} });
    expect(
      action({ rule: platform, account: account({ marginCallAt: again, marginLevel: 120 }), last: after }),
    ).toBe('hold');
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
