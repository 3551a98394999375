import { describe, expect, it } from 'vitest';
import { advance, missingRanges } from './sequence-gaps.js';

describe('sequence tracking', () => {
  it('moves on when a batch continues the sequence', () => {
    expect(advance({ contiguous: 3, high: 3 }, [4, 5, 6])).toEqual({ contiguous: 6, high: 6, settled: true });
  });

  it('stops at a hole and remembers the highest seen', () => {
    expect(advance({ contiguous: 3, high: 3 }, [4, 6, 7])).toEqual({
      contiguous: 4,
      high: 7,
      settled: false,
    });
  });

  it('is unsettled while an earlier gap is open, even if the batch itself is whole', () => {
    expect(advance({ contiguous: 2, high: 9 }, [10, 11]).settled).toBe(false);
  });

  it('lists the missing ranges, including a missing tail below the highest seen', () => {
    expect(missingRanges(2, 12, [4, 5, 9])).toEqual([
      [3, 3],
      [6, 8],
      [10, 12],
    ]);
    expect(missingRanges(2, 5, [3, 4, 5])).toEqual([]);
  });
});
