import type {
  AccountKind,
  AlertKind,
  AlertRuleAccountKind,
  AlertRuleParams,
} from '../../../shared/trading.js';
import { CLEAR_AFTER_MS, isOpen, settle, type Decision, type PastAlert, type Reading } from './hysteresis.js';

export type { ClearReason, Decision, PastAlert, Reading } from './hysteresis.js';

/**
 * The pure part of alerting: what each rule kind reads on an account (breach, holding, recovered, and
 * the figures to show), given the rule, the account's current state and the rule's last alert on it.
 * Whether that raises, clears or holds is decided for every kind alike in `hysteresis.ts`. No I/O and
 * no clock of its own (`now` is passed), so every edge can be unit-tested.
 *
 * Two families:
 *  - condition rules (low_balance, low_equity, margin_call, no_trading) read a value against a line:
 *    breach below it, recovered only above the line plus a band;
 *  - event rules (stop_out, large_loss, and margin_call's platform trigger) breach on a platform event
 *    the last alert has not covered yet. Events arriving while the alert is open join it (covered, so
 *    they cannot raise again after it clears); an event alert recovers after a day without new events.
 */

export const DAY_MS = 86_400_000;
/** Event alerts recover this long after their latest event; older events do not raise at all. */
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

/** Nothing to raise and no open alert to keep: the figures do not matter. */
const NOTHING: Reading = { state: 'holding', value: null, threshold: null, details: {} };

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

/** An open event alert with no new event: it recovers a cool-down after its raise or latest event. */
function quietAfter(last: PastAlert, covered: Date | null, now: Date): Reading {
  const since = Math.max(last.raisedAt.getTime(), covered?.getTime() ?? 0);
  const figures = { value: last.value, threshold: last.threshold, details: last.details };
  return now.getTime() - since >= EVENT_COOL_DOWN_MS
    ? { state: 'recovered', reason: 'cooled_down', ...figures }
    : { state: 'holding', ...figures };
}

/** Raise, clear or hold: the kind's reading, through the shared hysteresis. */
export function decide(input: DecisionInput, clearAfterMs = CLEAR_AFTER_MS): Decision {
  return settle(read(input), input.last, input.now, clearAfterMs);
}

/** What the rule reads on the account now. */
export function read(input: DecisionInput): Reading {
  const { rule, account, last, now } = input;
  const p = rule.params;
  switch (rule.kind) {
    case 'low_balance':
    case 'low_equity': {
      const value = rule.kind === 'low_balance' ? account.balance : account.equity;
      const threshold = levelThreshold(p, account.netDeposits);
      const details =
        p.amount !== undefined
          ? { basis: 'amount' }
          : {
              basis: 'percentOfDeposits',
              percentOfDeposits: p.percentOfDeposits,
              netDeposits: account.netDeposits,
            };
      // "% of deposits" with nothing deposited any more: the condition no longer means anything.
      if (threshold === null)
        return { state: 'recovered', reason: 'not_applicable', value, threshold, details };
      if (value < threshold) return { state: 'breach', value, threshold, details };
      return value >= round2(threshold * band(p))
        ? { state: 'recovered', reason: 'recovered', value, threshold, details }
        : { state: 'holding', value, threshold, details };
    }
    case 'margin_call': {
      const callLevel = p.marginLevel ?? DEFAULT_MARGIN_CALL_LEVEL;
      const level = account.marginLevel;
      const byPlatform = isNewEvent(account.marginCallAt, coveredUntil(last, 'marginCallAt'), now);
      const byLevel = p.marginLevel !== undefined && level !== null && level <= p.marginLevel;
      const figures = { value: level, threshold: callLevel };
      if (!isOpen(last))
        return byPlatform || byLevel
          ? {
              state: 'breach',
              ...figures,
              details: {
                trigger: byPlatform ? 'platform' : 'level',
                marginCallAt: iso(account.marginCallAt),
              },
            }
          : NOTHING;
      // A margin call the platform reports while the alert is open belongs to it: covered from now on.
      const details = byPlatform
        ? { ...last.details, marginCallAt: iso(account.marginCallAt) }
        : last.details;
      if (byPlatform || byLevel) return { state: 'breach', ...figures, details };
      return level === null || level >= round2(callLevel * band(p))
        ? { state: 'recovered', reason: 'recovered', ...figures, details }
        : { state: 'holding', ...figures, details };
    }
    case 'stop_out': {
      const covered = coveredUntil(last, 'stopOutAt');
      const fresh = isNewEvent(account.stopOutAt, covered, now);
      const event = { stopOutAt: iso(account.stopOutAt), marginLevel: account.marginLevel };
      if (!isOpen(last))
        return fresh ? { state: 'breach', value: account.equity, threshold: null, details: event } : NOTHING;
      if (!fresh) return quietAfter(last, covered, now);
      // Another stop-out while open: the same alert, now showing the latest one.
      return {
        state: 'breach',
        value: account.equity,
        threshold: null,
        details: { ...last.details, ...event },
      };
    }
    case 'large_loss': {
      const loss = p.loss;
      const covered = coveredUntil(last, 'dealsUntil');
      const fresh =
        loss === undefined
          ? []
          : (input.deals ?? []).filter((d) => d.profit <= -loss && isNewEvent(d.executedAt, covered, now));
      if (!fresh.length || loss === undefined) return isOpen(last) ? quietAfter(last, covered, now) : NOTHING;
      const worst = fresh.reduce((a, b) => (b.profit < a.profit ? b : a));
      const until = fresh.reduce((a, b) => (b.executedAt > a.executedAt ? b : a)).executedAt;
      const found = {
        dealId: worst.dealId,
        symbol: worst.symbol,
        executedAt: worst.executedAt.toISOString(),
        deals: fresh.length,
        // Deals up to here are covered: after the alert clears only newer ones raise again.
        dealsUntil: until.toISOString(),
      };
      if (!isOpen(last)) return { state: 'breach', value: worst.profit, threshold: -loss, details: found };
      // More large losses while open: one alert, showing the worst so far, covering every deal seen.
      const worse = last.value === null || worst.profit < last.value;
      const counted = typeof last.details.deals === 'number' ? last.details.deals : 1;
      return {
        state: 'breach',
        value: worse ? worst.profit : last.value,
        threshold: -loss,
        details: {
          ...(worse ? found : last.details),
          deals: counted + fresh.length,
          dealsUntil: found.dealsUntil,
        },
      };
    }
    case 'no_trading': {
      const idleDays = (since: Date) => Math.floor((now.getTime() - since.getTime()) / DAY_MS);
      if (isOpen(last)) {
        const seen = last.details.lastTradeAt;
        const traded =
          account.lastTradeAt !== null &&
          (typeof seen !== 'string' || account.lastTradeAt.getTime() > new Date(seen).getTime());
        const figures = {
          value: idleDays(account.lastTradeAt ?? account.createdAt),
          threshold: p.days ?? last.threshold,
          details: last.details,
        };
        return traded
          ? { state: 'recovered', reason: 'traded', ...figures }
          : { state: 'holding', ...figures };
      }
      if (p.days === undefined || account.netDeposits <= 0) return NOTHING;
      const idleMs = now.getTime() - (account.lastTradeAt ?? account.createdAt).getTime();
      if (idleMs <= p.days * DAY_MS) return NOTHING;
      return {
        state: 'breach',
        value: Math.floor(idleMs / DAY_MS),
        threshold: p.days,
        details: { lastTradeAt: iso(account.lastTradeAt) },
      };
    }
  }
}

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
