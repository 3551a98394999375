import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pickWeighted, type Candidate } from './round-robin.js';
import { matchingRules, ruleMatches } from './rules.js';
import { nextStatus } from './status.js';

const candidatesArb = fc
  .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 6 })
  .chain((ids) =>
    fc.tuple(...ids.map((id) => fc.integer({ min: 0, max: 20 }).map((capacity) => ({ id, capacity })))),
  );

function run(candidates: Candidate[], picks: number) {
  let weights: Record<string, number> = {};
  const got: Record<string, number> = {};
  for (let i = 0; i < picks; i++) {
    const r = pickWeighted(candidates, weights)!;
    weights = r.weights;
    got[r.chosen] = (got[r.chosen] ?? 0) + 1;
  }
  return got;
}

describe('weighted round-robin', () => {
  it('gives each manager their capacity share within one assignment, over any number of picks', () => {
    fc.assert(
      fc.property(candidatesArb, fc.integer({ min: 1, max: 200 }), (candidates, picks) => {
        const total = candidates.reduce((s, c) => s + c.capacity, 0);
        fc.pre(total > 0);
        const got = run(candidates, picks);
        for (const c of candidates) {
          const fair = (picks * c.capacity) / total;
          expect(Math.abs((got[c.id] ?? 0) - fair)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('never picks someone with zero capacity, and picks nobody only when nobody has capacity', () => {
    fc.assert(
      fc.property(candidatesArb, (candidates) => {
        const r = pickWeighted(candidates, {});
        const anyone = candidates.some((c) => c.capacity > 0);
        expect(r === null).toBe(!anyone);
        if (r) expect(candidates.find((c) => c.id === r.chosen)!.capacity).toBeGreaterThan(0);
      }),
    );
  });

  it('does not depend on the order candidates are listed in', () => {
    fc.assert(
      fc.property(candidatesArb, (candidates) => {
        fc.pre(candidates.some((c) => c.capacity > 0));
        expect(run(candidates, 50)).toEqual(run([...candidates].reverse(), 50));
      }),
    );
  });

  it('interleaves equal managers instead of bunching', () => {
    const order: string[] = [];
    let weights = {};
    for (let i = 0; i < 6; i++) {
      const r = pickWeighted(
        [
          { id: 'x', capacity: 1 },
          { id: 'y', capacity: 1 },
          { id: 'z', capacity: 1 },
        ],
        weights,
      )!;
      weights = r.weights;
      order.push(r.chosen);
    }
    expect(order).toEqual(['x', 'y', 'z', 'x', 'y', 'z']);
  });
});

describe('assignment rules', () => {
  it('matches on every given criterion, case-insensitively; empty lists match anything', () => {
    const rule = { countries: ['ID', 'MY'], languages: ['id'], sources: [] };
    expect(ruleMatches(rule, { country: 'id', language: 'ID', source: 'google' })).toBe(true);
    expect(ruleMatches(rule, { country: 'RU', language: 'id', source: null })).toBe(false);
    expect(ruleMatches(rule, { country: 'ID', language: null, source: null })).toBe(false);
    expect(
      ruleMatches(
        { countries: [], languages: [], sources: [] },
        { country: null, language: null, source: null },
      ),
    ).toBe(true);
  });

  it('returns the active matching rules in position order', () => {
    const base = { countries: [], languages: [], sources: [], teamId: 't' };
    const rules = [
      { ...base, id: 'late', position: 3, active: true },
      { ...base, id: 'off', position: 1, active: false },
      { ...base, id: 'early', position: 2, active: true },
    ];
    expect(matchingRules(rules, { country: null, language: null, source: null }).map((r) => r.id)).toEqual([
      'early',
      'late',
    ]);
  });
});

describe('derived status', () => {
  it('only ever moves forward: Lead → Demo → Live', () => {
    expect(nextStatus('lead', 'cabinet_registered')).toBe('demo');
    expect(nextStatus('lead', 'live_account_opened')).toBe('live');
    expect(nextStatus('demo', 'live_account_opened')).toBe('live');
    expect(nextStatus('live', 'cabinet_registered')).toBe('live');
    expect(nextStatus('live', 'demo_account_opened')).toBe('live');
    expect(nextStatus('demo', 'demo_account_opened')).toBe('demo');
  });
});
