import { describe, expect, it } from 'vitest';
import { snoozeUntil } from './snooze';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('snooze presets', () => {
  it('in one hour, to the minute', () => {
    const now = new Date(2026, 11, 7, 14, 37, 42, 500);
    expect(snoozeUntil('hour', now)).toEqual(local(2026, 12, 7, 15, 37));
  });
  it('tomorrow at 9:00, across a month end', () => {
    expect(snoozeUntil('tomorrow', local(2026, 12, 31, 23, 50))).toEqual(local(2027, 1, 1, 9));
  });
  it('next week is the coming Monday at 9:00, a whole week ahead on a Monday', () => {
    expect(snoozeUntil('nextWeek', local(2026, 12, 9, 16))).toEqual(local(2026, 12, 14, 9)); // Wednesday
    expect(snoozeUntil('nextWeek', local(2026, 12, 13, 10))).toEqual(local(2026, 12, 14, 9)); // Sunday
    expect(snoozeUntil('nextWeek', local(2026, 12, 7, 8))).toEqual(local(2026, 12, 14, 9)); // Monday
  });
});
