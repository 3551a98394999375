import { describe, expect, it } from 'vitest';
import { matchKeys, toE164 } from './phone-number.js';

describe('phone numbers', () => {
  it('normalises to E.164, reading national numbers in the region', () => {
    expect(toE164('+62 812-3456-7890')).toEqual({ number: '+6281234567890', valid: true });
    expect(toE164('020 7946 0958', 'gb')).toEqual({ number: '+442079460958', valid: true });
    expect(toE164('(415) 555-2671', 'US')).toEqual({ number: '+14155552671', valid: true });
    expect(toE164('020 7946 0958').valid).toBe(false);
    expect(toE164('+44 12').valid).toBe(false);
    expect(toE164(' not a number ')).toEqual({ number: 'not a number', valid: false });
  });

  it('gives the digit forms a stored phone may take', () => {
    expect(matchKeys('+442079460958').sort()).toEqual([
      '00442079460958',
      '02079460958',
      '2079460958',
      '4402079460958',
      '442079460958',
    ]);
    expect(matchKeys('12')).toEqual([]);
  });
});
