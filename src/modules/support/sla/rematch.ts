import type { TimeMeasure } from './calendar.js';
import type { SlaState, SlaTargets } from './clocks.js';

/** A policy's targets with the time measure of the conversation's team calendar under it. */
export interface SlaRule {
  targets: SlaTargets;
  measure: TimeMeasure;
}

const minutes = (m: number) => m * 60_000;

/**
 * The conversation's priority, channel or team changed at `at`, so another policy (or another team
 * calendar) applies: each running clock keeps the time it has already counted and counts the rest of
 * the new target on the new calendar — pure, like clocks.ts, and property-tested against the same
 * minute-counting model (rematch.test.ts).
 *
 * - The time counted so far is read off the old deadline: old target − what the old measure still
 *   had between now (or the pause's start) and it. A clock the old rule did not measure starts from
 *   the conversation's creation (first response, resolution) or waits for the next customer message
 *   (next response).
 * - New deadline = now (or the pause's start) + (new target − counted) on the new measure; a target
 *   already used up is due at once (the breach job escalates it). A clock the new rule does not
 *   measure is cleared.
 * - A deadline already passed stays where it was: a breach is not undone by changing the priority.
 * - A met first response stays met. While paused, the new deadlines move on resume like any other.
 */
export function rematched(
  s: SlaState,
  createdAt: Date,
  at: Date,
  before: SlaRule | null,
  after: SlaRule | null,
): SlaState {
  const ref = s.pausedAt ?? at;
  const recompute = (
    due: Date | null,
    pick: (t: SlaTargets) => number | null,
    start: Date | null,
  ): Date | null => {
    const target = after ? pick(after.targets) : null;
    if (target === null || !after) return null;
    if (due && due.getTime() <= ref.getTime()) return due;
    const oldTarget = before ? pick(before.targets) : null;
    let counted: number;
    if (due && before && oldTarget !== null) counted = minutes(oldTarget) - before.measure.between(ref, due);
    else if (start) counted = after.measure.between(start, ref);
    else return due;
    const left = minutes(target) - counted;
    return left <= 0 ? ref : after.measure.add(ref, left);
  };
  return {
    ...s,
    firstResponseDueAt: s.firstResponseAt
      ? s.firstResponseDueAt
      : recompute(s.firstResponseDueAt, (t) => t.firstResponseMinutes, createdAt),
    nextResponseDueAt: recompute(s.nextResponseDueAt, (t) => t.nextResponseMinutes, null),
    resolutionDueAt: recompute(s.resolutionDueAt, (t) => t.resolutionMinutes, createdAt),
  };
}
