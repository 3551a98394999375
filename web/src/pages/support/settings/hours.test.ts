import { describe, expect, it } from 'vitest';
import { formatRanges, parseRanges } from './hours';

describe('business hours as typed', () => {
  it('reads ranges into minutes, sorted', () => {
    expect(parseRanges('14:00-18:00, 9:00-13:00')).toEqual([
      [540, 780],
      [840, 1080],
    ]);
    expect(parseRanges('00:00-24:00')).toEqual([[0, 1440]]);
    expect(parseRanges('  ')).toEqual([]);
  });

  it('refuses what is not a range, backwards, past midnight or overlapping', () => {
    for (const bad of [
      '9-17',
      '18:00-09:00',
      '09:00-09:00',
      '09:00-24:30',
      '09:60-10:00',
      '09:00-12:00, 11:00-13:00',
      '09:00-10:00-11:00',
    ])
      expect(parseRanges(bad), bad).toBeNull();
  });

  it('writes them back the way they are read', () => {
    const text = '09:00-13:00, 14:00-18:30';
    expect(formatRanges(parseRanges(text)!)).toBe(text);
    expect(formatRanges(undefined)).toBe('');
  });
});
