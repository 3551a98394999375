import {
  decide,
  DAY_MS,
  type AccountSnapshot,
  type DecisionInput,
  type PastAlert,
  type RuleSpec,
} from './conditions.js';
import { CLEAR_AFTER_MS } from './hysteresis.js';

// Shared by the condition tests: a fixed "now", an account, rules and past alerts around it.

export const NOW = new Date('2026-03-10T12:00:00Z');
export const ago = (ms: number) => new Date(NOW.getTime() - ms);
export const HOUR = 3_600_000;

export const account = (over: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
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
export const rule = (kind: RuleSpec['kind'], params: RuleSpec['params'] = {}): RuleSpec => ({
  kind,
  accountKind: 'live',
  params,
});
export const open = (over: Partial<PastAlert> = {}): PastAlert => ({
  raisedAt: ago(HOUR),
  clearedAt: null,
  value: null,
  threshold: null,
  details: {},
  recoveringSince: null,
  ...over,
});
export const cleared = (over: Partial<PastAlert> = {}): PastAlert =>
  open({ clearedAt: ago(HOUR / 2), ...over });
/** An open alert whose condition has read "recovered" for the whole clear-after time already. */
export const recovering = (over: Partial<PastAlert> = {}): PastAlert =>
  open({ recoveringSince: ago(CLEAR_AFTER_MS), ...over });
export const run = (input: Partial<DecisionInput> & Pick<DecisionInput, 'rule'>) =>
  decide({ account: account(), last: null, now: NOW, ...input });
export const action = (input: Partial<DecisionInput> & Pick<DecisionInput, 'rule'>) => run(input).action;
