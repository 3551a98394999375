import type {
  AccountKind,
  AlertKind,
  AlertRuleAccountKind,
  AlertRuleParams,
} from '../../../shared/trading.js';

/**
 * The pure part of alerting: given a rule, an account's current state and the rule's last alert on that
 * account, decide whether to raise, clear or hold. No I/O and no clock of its own (`now` is passed), so
 * every hysteresis edge can be unit-tested.
 *
 * Two families:
 *  - condition rules (low_balance, low_equity, margin_call, no_trading) stay open while the condition
 *    holds and clear by hysteresis: raise below the line, clear only above the line plus a band, so a
 *    value flapping around the line cannot storm the manager;
 *  - event rules (stop_out, large_loss) raise once per new platform event and clear after a cool-down.
 */

export const DAY_MS = 86_400_000;
/** Event alerts clear themselves this long after they were raised; older events do not raise at all. */
export const EVENT_COOL_DOWN_MS = DAY_MS;
export const DEFAULT_CLEAR_PERCENT = 10;
/** The platforms' usual margin-call level (equity / margin × 100). */
export const DEFAULT_MARGIN_CALL_LEVEL = 100;

/** A rule's parameters (the shape the API stores and the admin screen edits). */
export type RuleParams = AlertRuleParams;

export interface RuleSpec {
  kind: AlertKind;
  accountKind: AlertRuleAccountKind;
  params: RuleParams;
}

export interface AccountSnapshot {
  kind: AccountKind;
  balance: number;
  equity: number;
  marginLevel: number | null;
  netDeposits: number;
  marginCallAt: Date | null;
  stopOutAt: Date | null;
  lastTradeAt: Date | null;
  createdAt: Date;
}

/** The rule's most recent alert on the account, open or cleared. */
export interface PastAlert {
  raisedAt: Date;
  clearedAt: Date | null;
  details: Record<string, unknown>;
}

/** A recent losing deal on the account (the evaluator passes those within the cool-down window). */
export interface LossDeal {
  dealId: string;
  symbol: string;
  profit: number;
  executedAt: Date;
}

export interface DecisionInput {
  rule: RuleSpec;
  account: AccountSnapshot;
  last: PastAlert | null;
  now: Date;
  deals?: LossDeal[];
}

export type Decision =
  | { action: 'raise'; value: number | null; threshold: number | null; details: Record<string, unknown> }
  | { action: 'clear'; reason: ClearReason; value: number | null }
  | { action: 'hold' };

export type ClearReason = 'recovered' | 'not_applicable' | 'traded' | 'cooled_down' | 'rule_changed';

const HOLD: Decision = { action: 'hold' };
const clear = (reason: ClearReason, value: number | null = null): Decision => ({
  action: 'clear',
  reason,
  value,
});

/** Money and percentages are compared in cents: 3,000 × 1.1 must be 3,300, not 3,300.0000000000005. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

export const ruleApplies = (rule: Pick<RuleSpec, 'accountKind'>, account: Pick<AccountSnapshot, 'kind'>) =>
  rule.accountKind === 'any' || rule.accountKind === account.kind;

const band = (params: RuleParams) => 1 + (params.clearPercent ?? DEFAULT_CLEAR_PERCENT) / 100;

/** low_balance / low_equity: the line in the account currency, or null when it cannot be computed. */
export function levelThreshold(params: RuleParams, netDeposits: number): number | null {
  if (params.amount !== undefined) return round2(params.amount);
  if (params.percentOfDeposits !== undefined)
    return netDeposits > 0 ? round2((params.percentOfDeposits / 100) * netDeposits) : null;
  return null;
}

/**
 * What the last alert already covered for an event kind: the event time stored in its details, or (for
 * an alert written without it) its raise time. Null = nothing covered, any event is new. Comparing the
 * platform's own timestamps with each other keeps a skewed platform clock from re-raising old events.
 */
function coveredUntil(last: PastAlert | null, key: string): Date | null {
  if (!last) return null;
  if (key in last.details) {
    const v = last.details[key];
    return typeof v === 'string' ? new Date(v) : null;
  }
  return last.raisedAt;
}

const isNewEvent = (at: Date | null, covered: Date | null, now: Date): at is Date =>
  at !== null &&
  (covered === null || at.getTime() > covered.getTime()) &&
  at.getTime() >= now.getTime() - EVENT_COOL_DOWN_MS;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function decide(input: DecisionInput): Decision {
  const { rule, account, last, now } = input;
  const open = last !== null && last.clearedAt === null;
  const p = rule.params;
  switch (rule.kind) {
    case 'low_balance':
    case 'low_equity': {
      const value = rule.kind === 'low_balance' ? account.balance : account.equity;
      const threshold = levelThreshold(p, account.netDeposits);
      if (open) {
        // "% of deposits" with nothing deposited any more: the condition no longer means anything.
        if (threshold === null) return clear('not_applicable', value);
        return value >= round2(threshold * band(p)) ? clear('recovered', value) : HOLD;
      }
      if (threshold === null || value >= threshold) return HOLD;
      return {
        action: 'raise',
        value,
        threshold,
        details:
          p.amount !== undefined
            ? { basis: 'amount' }
            : {
                basis: 'percentOfDeposits',
                percentOfDeposits: p.percentOfDeposits,
                netDeposits: account.netDeposits,
              },
      };
    }
    case 'margin_call': {
      const callLevel = p.marginLevel ?? DEFAULT_MARGIN_CALL_LEVEL;
      const level = account.marginLevel;
      if (open)
        return level === null || level >= round2(callLevel * band(p)) ? clear('recovered', level) : HOLD;
      const byPlatform = isNewEvent(account.marginCallAt, coveredUntil(last, 'marginCallAt'), now);
      const byLevel = p.marginLevel !== undefined && level !== null && level <= p.marginLevel;
      if (!byPlatform && !byLevel) return HOLD;
      return {
        action: 'raise',
        value: level,
        threshold: callLevel,
        details: { trigger: byPlatform ? 'platform' : 'level', marginCallAt: iso(account.marginCallAt) },
      };
    }
    case 'stop_out': {
      if (open) return cooledDown(last, now) ? clear('cooled_down') : HOLD;
      if (!isNewEvent(account.stopOutAt, coveredUntil(last, 'stopOutAt'), now)) return HOLD;
      return {
        action: 'raise',
        value: account.equity,
        threshold: null,
        details: { stopOutAt: iso(account.stopOutAt), marginLevel: account.marginLevel },
      };
    }
    case 'large_loss': {
      if (open) return cooledDown(last, now) ? clear('cooled_down') : HOLD;
      if (p.loss === undefined) return HOLD;
      const loss = p.loss;
      const covered = coveredUntil(last, 'dealsUntil');
      const fresh = (input.deals ?? []).filter(
        (d) => d.profit <= -loss && isNewEvent(d.executedAt, covered, now),
      );
      if (!fresh.length) return HOLD;
      const worst = fresh.reduce((a, b) => (b.profit < a.profit ? b : a));
      const until = fresh.reduce((a, b) => (b.executedAt > a.executedAt ? b : a)).executedAt;
      return {
        action: 'raise',
        value: worst.profit,
        threshold: -loss,
        details: {
          dealId: worst.dealId,
          symbol: worst.symbol,
          executedAt: worst.executedAt.toISOString(),
          deals: fresh.length,
          // Deals up to here are covered: after the cool-down only newer ones raise again.
          dealsUntil: until.toISOString(),
        },
      };
    }
    case 'no_trading': {
      if (open) {
        const seen = last.details.lastTradeAt;
        const traded =
          account.lastTradeAt !== null &&
          (typeof seen !== 'string' || account.lastTradeAt.getTime() > new Date(seen).getTime());
        return traded ? clear('traded') : HOLD;
      }
      if (p.days === undefined || account.netDeposits <= 0) return HOLD;
      const idleMs = now.getTime() - (account.lastTradeAt ?? account.createdAt).getTime();
      if (idleMs <= p.days * DAY_MS) return HOLD;
      return {
        action: 'raise',
        value: Math.floor(idleMs / DAY_MS),
        threshold: p.days,
        details: { lastTradeAt: iso(account.lastTradeAt) },
      };
    }
  }
}

const cooledDown = (last: PastAlert, now: Date) =>
  now.getTime() - last.raisedAt.getTime() >= EVENT_COOL_DOWN_MS;

const money = (x: number) =>
  x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The task title the manager sees, e.g. "Low equity on 1000123: 812.40 USD (< 3,000.00)". */
export function alertTitle(
  ruleName: string,
  kind: AlertKind,
  a: { login: string; currency: string },
  value: number | null,
  threshold: number | null,
): string {
  const head = `${ruleName} on ${a.login}`;
  switch (kind) {
    case 'low_balance':
    case 'low_equity':
      return `${head}: ${money(value ?? 0)} ${a.currency} (< ${money(threshold ?? 0)})`;
    case 'margin_call':
      return value === null ? head : `${head}: margin level ${money(value)}%`;
    case 'stop_out':
      return value === null ? head : `${head}: equity ${money(value)} ${a.currency}`;
    case 'large_loss':
      return `${head}: ${money(value ?? 0)} ${a.currency} (≤ ${money(threshold ?? 0)})`;
    case 'no_trading':
      return `${head}: no trades for ${value ?? threshold ?? 0} days`;
  }
}
