import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { alertRulePatch, assertRuleParams } from './rule-params.js';

const fieldOf = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, field: err.field };
    throw err;
  }
  return null;
};

describe('alert rule parameters per kind', () => {
  it('low balance / equity need exactly one of amount and percentage of deposits', () => {
    for (const kind of ['low_balance', 'low_equity'] as const) {
      expect(fieldOf(() => assertRuleParams(kind, {}))).toEqual({ status: 400, field: 'params.amount' });
      expect(fieldOf(() => assertRuleParams(kind, { amount: 1, percentOfDeposits: 5 }))).toEqual({
        status: 400,
        field: 'params.amount',
      });
      expect(fieldOf(() => assertRuleParams(kind, { amount: 100, clearPercent: 5 }))).toBeNull();
      expect(fieldOf(() => assertRuleParams(kind, { percentOfDeposits: 30 }))).toBeNull();
    }
  });

  it('no trading needs days, large loss needs loss', () => {
    expect(fieldOf(() => assertRuleParams('no_trading', {}))).toEqual({ status: 400, field: 'params.days' });
    expect(fieldOf(() => assertRuleParams('no_trading', { days: 7 }))).toBeNull();
    expect(fieldOf(() => assertRuleParams('large_loss', {}))).toEqual({ status: 400, field: 'params.loss' });
    expect(fieldOf(() => assertRuleParams('large_loss', { loss: 500 }))).toBeNull();
  });

  it('margin call and stop-out need nothing; a parameter another kind reads is refused by name', () => {
    expect(fieldOf(() => assertRuleParams('margin_call', {}))).toBeNull();
    expect(fieldOf(() => assertRuleParams('margin_call', { marginLevel: 150 }))).toBeNull();
    expect(fieldOf(() => assertRuleParams('stop_out', {}))).toBeNull();
    expect(fieldOf(() => assertRuleParams('stop_out', { days: 3 }))).toEqual({
      status: 400,
      field: 'params.days',
    });
    expect(fieldOf(() => assertRuleParams('low_equity', { amount: 5, loss: 3 }))).toEqual({
      status: 400,
      field: 'params.loss',
    });
  });

  it('a patch carries only what was sent (no defaults sneak in)', () => {
    expect(alertRulePatch.parse({ name: 'Renamed' })).toEqual({ name: 'Renamed' });
    expect(alertRulePatch.safeParse({ bogus: 1 }).success).toBe(false);
  });
});
