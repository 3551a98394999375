import type { TimeMeasure } from './calendar.js';

/**
 * The three SLA clocks of one conversation as plain data, and how events move them — pure, so the
 * property test drives it with a fake timeline and compares with a minute-stepping model; the engine
 * (engine.ts) maps it to and from the conversation's columns.
 *
 * - first response: from opening to the first public agent reply;
 * - next response: from a customer message that finds nothing waiting (after the first response) to
 *   the next public agent reply;
 * - resolution: from opening to resolved.
 * While the conversation is not `open` (pending, snoozed: waiting on the customer; resolved: done) the
 * clocks stand still: `pausedAt` is set, and when it opens again every deadline still ahead of the
 * pause moves later by the time measured across the pause (business time under a business-hours
 * policy). A deadline already passed when the pause began stays where it was.
 */
export interface SlaState {
  open: boolean;
  firstResponseAt: Date | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  pausedAt: Date | null;
}

/** Targets in minutes; null = the policy does not measure that clock. */
export interface SlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

const minutes = (m: number) => m * 60_000;

export function started(at: Date, targets: SlaTargets, measure: TimeMeasure): SlaState {
  return {
    open: true,
    firstResponseAt: null,
    firstResponseDueAt:
      targets.firstResponseMinutes === null ? null : measure.add(at, minutes(targets.firstResponseMinutes)),
    nextResponseDueAt: null,
    resolutionDueAt:
      targets.resolutionMinutes === null ? null : measure.add(at, minutes(targets.resolutionMinutes)),
    pausedAt: null,
  };
}

/** A customer's message: starts the next-response clock when the first response is done and none runs. */
export function customerMessage(s: SlaState, at: Date, targets: SlaTargets, measure: TimeMeasure): SlaState {
  if (!s.open || !s.firstResponseAt || s.nextResponseDueAt || targets.nextResponseMinutes === null) return s;
  return { ...s, nextResponseDueAt: measure.add(at, minutes(targets.nextResponseMinutes)) };
}

/** A public agent reply: the first one meets the first-response clock; any one meets next response. */
export function agentReply(s: SlaState, at: Date): { state: SlaState; first: boolean } {
  if (!s.firstResponseAt)
    return { state: { ...s, firstResponseAt: at, nextResponseDueAt: null }, first: true };
  return { state: { ...s, nextResponseDueAt: null }, first: false };
}

/** The status left or entered `open`. Resolved also drops the next-response clock (nothing waits). */
export function statusChanged(
  s: SlaState,
  at: Date,
  open: boolean,
  resolved: boolean,
  measure: TimeMeasure,
): SlaState {
  if (!open) {
    return {
      ...s,
      open: false,
      pausedAt: s.pausedAt ?? at,
      nextResponseDueAt: resolved ? null : s.nextResponseDueAt,
    };
  }
  if (s.open && !s.pausedAt) return s;
  const pausedAt = s.pausedAt ?? at;
  const paused = measure.between(pausedAt, at);
  const shift = (due: Date | null) =>
    due && due.getTime() > pausedAt.getTime() && paused > 0 ? measure.add(due, paused) : due;
  return {
    ...s,
    open: true,
    pausedAt: null,
    firstResponseDueAt: s.firstResponseAt ? s.firstResponseDueAt : shift(s.firstResponseDueAt),
    nextResponseDueAt: shift(s.nextResponseDueAt),
    resolutionDueAt: shift(s.resolutionDueAt),
  };
}

/** The deadlines still to meet, while the clocks run. */
export function activeDeadlines(s: SlaState): { target: string; dueAt: Date }[] {
  if (!s.open || s.pausedAt) return [];
  const out: { target: string; dueAt: Date }[] = [];
  if (!s.firstResponseAt && s.firstResponseDueAt)
    out.push({ target: 'first_response', dueAt: s.firstResponseDueAt });
  if (s.nextResponseDueAt) out.push({ target: 'next_response', dueAt: s.nextResponseDueAt });
  if (s.resolutionDueAt) out.push({ target: 'resolution', dueAt: s.resolutionDueAt });
  return out;
}

/** The earliest deadline still to meet (`sla_next_due_at`), or null while paused or with none. */
export function nextDue(s: SlaState): Date | null {
  const times = activeDeadlines(s).map((d) => d.dueAt.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}
