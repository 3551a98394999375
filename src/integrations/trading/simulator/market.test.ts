import { describe, expect, it } from 'vitest';
import { Market } from './market.js';

const walk = (seed: number, ticks: number) => {
  const m = new Market({ seed });
  const out: Record<string, number>[] = [];
  for (let i = 0; i < ticks; i++) {
    m.tick();
    out.push(m.prices());
  }
  return out;
};

describe('market', () => {
  it('moves prices the same way for the same seed, differently for another', () => {
    const a = walk(5, 50);
    expect(walk(5, 50)).toEqual(a);
    expect(walk(6, 50)).not.toEqual(a);
    // It does move, and every price stays positive and on its tick size.
    const last = a.at(-1)!;
    expect(last.EURUSD).not.toBe(1.085);
    for (const p of a) for (const v of Object.values(p)) expect(v).toBeGreaterThan(0);
    expect(Math.abs(last.EURUSD! * 1e5 - Math.round(last.EURUSD! * 1e5))).toBeLessThan(1e-6);
  });

  it('sets and moves prices by hand, rounded to the instrument digits', () => {
    const m = new Market();
    expect(m.setPrice('EURUSD', 1.1234567)).toBe(1.12346);
    expect(m.movePrice('XAUUSD', -10)).toBe(2115);
    expect(m.price('XAUUSD')).toBe(2115);
    expect(m.rates().JPY).toBe(150);
    m.setPrice('USDJPY', 155.5);
    expect(m.rates().JPY).toBe(155.5);
    expect(() => m.price('NOPE')).toThrow(/NOPE/);
    expect(() => m.setPrice('EURUSD', 0)).toThrow();
  });
});
