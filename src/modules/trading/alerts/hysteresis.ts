/**
 * The one place that turns a rule's reading of an account into raise / clear / hold, for every kind
 * alike. Two guards keep a value flapping around a line (or a platform repeating its margin calls) from
 * storming the manager with alerts, tasks and notifications:
 *  - a band: each kind reads "breach" below its line and "recovered" only clearly past it
 *    (`clearPercent`, or a cool-down for event kinds); anything between holds;
 *  - a time: an open alert clears only after its condition has read "recovered" continuously for
 *    `CLEAR_AFTER_MS`. Any reading that is not "recovered" (a dip, a new margin call) restarts that time.
 * So a condition raises once, stays open while it flaps, and a raise after a clear is a genuine new
 * breach. While open, the alert's figures follow the account (the banner shows the current value).
 */

/** How long an open alert's condition must stay recovered before the alert clears. */
export const CLEAR_AFTER_MS = 5 * 60_000;

export type ClearReason = 'recovered' | 'not_applicable' | 'traded' | 'cooled_down' | 'rule_changed';

/** The rule's most recent alert on the account, open or cleared. */
export interface PastAlert {
  raisedAt: Date;
  clearedAt: Date | null;
  value: number | null;
  threshold: number | null;
  details: Record<string, unknown>;
  /** Since when an open alert's condition has read "recovered" without a break (null: it has not). */
  recoveringSince: Date | null;
}

/** What the alert should show now (for an open alert: written over its figures). */
interface Figures {
  value: number | null;
  threshold: number | null;
  details: Record<string, unknown>;
}

/**
 * A rule's reading of an account at one moment:
 *  - breach: the condition holds (a new one is raised; an open one stays, its figures current);
 *  - holding: neither clearly in nor clearly out (inside the band): nothing new, an open one stays;
 *  - recovered: clearly out: an open alert starts (or continues) its way to being cleared.
 */
export type Reading =
  | ({ state: 'breach' } & Figures)
  | ({ state: 'holding' } & Figures)
  | ({ state: 'recovered'; reason: ClearReason } & Figures);

/** New figures and recovery time for an open alert that stays open (written only when they changed). */
export type AlertUpdate = Figures & { recoveringSince: Date | null };

export type Decision =
  | ({ action: 'raise' } & Figures)
  | { action: 'clear'; reason: ClearReason; value: number | null }
  | { action: 'hold'; update?: AlertUpdate };

export const isOpen = (last: PastAlert | null): last is PastAlert => last !== null && last.clearedAt === null;

export function settle(
  reading: Reading,
  last: PastAlert | null,
  now: Date,
  clearAfterMs = CLEAR_AFTER_MS,
): Decision {
  const { value, threshold, details } = reading;
  if (!isOpen(last))
    return reading.state === 'breach' ? { action: 'raise', value, threshold, details } : { action: 'hold' };
  if (reading.state !== 'recovered')
    return { action: 'hold', update: { value, threshold, details, recoveringSince: null } };
  const since = last.recoveringSince ?? now;
  if (now.getTime() - since.getTime() >= clearAfterMs)
    return { action: 'clear', reason: reading.reason, value };
  return { action: 'hold', update: { value, threshold, details, recoveringSince: since } };
}

/** Whether an update changes anything stored on the alert (jsonb reorders keys: compare by content). */
export function updateChanges(last: PastAlert, update: AlertUpdate): { figures: boolean; any: boolean } {
  const figures = last.value !== update.value || last.threshold !== update.threshold;
  const any =
    figures ||
    (last.recoveringSince?.getTime() ?? null) !== (update.recoveringSince?.getTime() ?? null) ||
    canonical(last.details) !== canonical(update.details);
  return { figures, any };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
