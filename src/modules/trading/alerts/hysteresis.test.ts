import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, decide, type AccountSnapshot, type RuleSpec } from './conditions.js';
import { CLEAR_AFTER_MS, type PastAlert } from './hysteresis.js';

const START = new Date('2026-03-10T12:00:00Z').getTime();

const baseAccount: AccountSnapshot = {
  kind: 'live',
  balance: 10_000,
  equity: 10_000,
  marginLevel: null,
  netDeposits: 10_000,
  marginCallAt: null,
  stopOutAt: null,
  lastTradeAt: new Date(START),
  createdAt: new Date(START - 100 * DAY_MS),
};

interface Step {
  /** Milliseconds since the previous evaluation (at least 1, so every platform event is newer). */
  dt: number;
  account: Partial<AccountSnapshot>;
}

interface Outcome {
  actions: ('raise' | 'clear')[];
  /** Per evaluation: time, the action, and whether an alert is open after it. */
  trace: { at: number; action: 'raise' | 'clear' | 'hold'; openAfter: boolean }[];
}

/** Runs a rule over a sequence of account states the way the evaluator does, keeping the alert rows. */
function simulate(rule: RuleSpec, steps: Step[]): Outcome {
  let now = START;
  let last: PastAlert | null = null;
  const out: Outcome = { actions: [], trace: [] };
  for (const step of steps) {
    now += step.dt;
    const at = new Date(now);
    const account = { ...baseAccount, ...step.account };
    const d = decide({ rule, account, last, now: at });
    if (d.action === 'raise') last = { raisedAt: at, clearedAt: null, recoveringSince: null, ...d };
    else if (d.action === 'clear') last = { ...last!, clearedAt: at };
    else if (d.update) last = { ...last!, ...d.update };
    if (d.action !== 'hold') out.actions.push(d.action);
    out.trace.push({ at: now, action: d.action, openAfter: last !== null && last.clearedAt === null });
  }
  return out;
}

/** The invariants, read from the states themselves (not from the implementation); `i` = evaluation. */
function checkInvariants(
  outcome: Outcome,
  breach: (i: number) => boolean,
  recovered: (i: number) => boolean,
) {
  // Raises and clears alternate, starting with a raise: never two alerts open, never a clear of nothing.
  outcome.actions.forEach((a, i) => expect(a).toBe(i % 2 === 0 ? 'raise' : 'clear'));
  outcome.trace.forEach((t, i) => {
    // A raise only on a breach; and a breach always leaves an alert open (none is lost).
    if (t.action === 'raise') expect(breach(i)).toBe(true);
    if (breach(i)) expect(t.openAfter).toBe(true);
    if (t.action !== 'clear') return;
    // A clear only after readings that were all "recovered" for at least CLEAR_AFTER_MS: a real clear.
    let j = i;
    while (j > 0 && recovered(j - 1)) j--;
    expect(recovered(i)).toBe(true);
    expect(t.at - outcome.trace[j]!.at).toBeGreaterThanOrEqual(CLEAR_AFTER_MS);
  });
}

/** Readings a second to two minutes apart: a value flapping fast, with pauses now and then. */
const dt = fc.integer({ min: 1, max: 120_000 });

describe('hysteresis, for any sequence of readings', () => {
  it('margin call: levels around 100 % and margin calls arriving repeatedly', () => {
    const rule: RuleSpec = { kind: 'margin_call', accountKind: 'live', params: {} };
    const step = fc.record({
      dt,
      level: fc.option(fc.integer({ min: 40, max: 160 }), { freq: 8 }),
      call: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (raw) => {
        let now = START;
        let latest: Date | null = null;
        // The platform reports a margin call at or below its line (once per dip, or many times).
        const calls = raw.map((s) => s.call && s.level !== null && s.level <= 100);
        const steps: Step[] = raw.map((s, i) => {
          now += s.dt;
          if (calls[i]) latest = new Date(now);
          // The account keeps its latest margin call, as ingestion does.
          return { dt: s.dt, account: { marginLevel: s.level, marginCallAt: latest } };
        });
        const level = (i: number) => steps[i]!.account.marginLevel!;
        checkInvariants(
          simulate(rule, steps),
          (i) => calls[i]!,
          (i) => !calls[i] && (level(i) === null || level(i) >= 110),
        );
        // Liveness: a level back above the band for long enough clears whatever was open.
        const back = { marginLevel: 130, marginCallAt: latest };
        const tail = simulate(rule, [
          ...steps,
          { dt: 1, account: back },
          { dt: CLEAR_AFTER_MS, account: back },
        ]);
        expect(tail.trace.at(-1)!.openAfter).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('low equity: values around the line and the band', () => {
    const rule: RuleSpec = { kind: 'low_equity', accountKind: 'live', params: { amount: 3000 } };
    const step = fc.record({ dt, account: fc.record({ equity: fc.integer({ min: 2500, max: 3800 }) }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        checkInvariants(
          simulate(rule, steps),
          (i) => steps[i]!.account.equity! < 3000,
          (i) => steps[i]!.account.equity! >= 3300,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('the storm from issue 8, step by step', () => {
  it('margin level 99/101/99/112/null… every 5 s with a margin call at each dip: one alert, then one clear', () => {
    const rule: RuleSpec = { kind: 'margin_call', accountKind: 'live', params: {} };
    const steps: Step[] = [];
    let now = START;
    let call: Date | null = null;
    for (const level of [99, 101, 99, 112, 99, null, 99, 115, 99, 101]) {
      now += 5_000;
      if (level === 99) call = new Date(now);
      steps.push({ dt: 5_000, account: { marginLevel: level, marginCallAt: call } });
    }
    expect(simulate(rule, steps).actions).toEqual(['raise']);
    // Then truly back: cleared once, and the margin calls it covered do not raise it again.
    const back = { marginLevel: 120, marginCallAt: call };
    const recovered = simulate(rule, [
      ...steps,
      { dt: 1_000, account: back },
      { dt: CLEAR_AFTER_MS, account: back },
      { dt: 1_000, account: back },
      { dt: 1_000, account: { marginLevel: 105, marginCallAt: call } },
    ]);
    expect(recovered.actions).toEqual(['raise', 'clear']);
    // A genuine new margin call raises again.
    const fresh = new Date(now + CLEAR_AFTER_MS + 10_000);
    const again = simulate(rule, [
      ...steps,
      { dt: 1_000, account: back },
      { dt: CLEAR_AFTER_MS, account: back },
      { dt: 10_000 - 1_000, account: { marginLevel: 95, marginCallAt: fresh } },
    ]);
    expect(again.actions).toEqual(['raise', 'clear', 'raise']);
  });
});
