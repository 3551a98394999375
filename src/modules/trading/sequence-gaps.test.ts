import { describe, expect, it } from 'vitest';
import { advance, contiguousOver, holesOver } from './sequence-gaps.js';

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
    const seqs = (...list: number[]) => list.map((n): [number, number] => [n, n]);
    expect(holesOver(2, 12, seqs(4, 5, 9))).toEqual([
      [3, 3],
      [6, 8],
      [10, 12],
    ]);
    expect(holesOver(2, 5, seqs(3, 4, 5))).toEqual([]);
  });

  it('moves past ranges declared lost, and does not report them again', () => {
    // Received 1, 2, 5, 6, 9, 10; 3–4 and 7–8 were declared lost.
    const covered: [number, number][] = [
      [5, 5],
      [6, 6],
      [3, 4],
      [9, 9],
      [10, 10],
      [7, 8],
    ];
    expect(contiguousOver(2, covered)).toBe(10);
    expect(holesOver(10, 10, covered)).toEqual([]);
    // Only 3–4 lost: 7–8 is still a hole.
    const partly: [number, number][] = [
      [3, 4],
      [5, 5],
      [6, 6],
      [9, 9],
      [10, 10],
    ];
    expect(contiguousOver(2, partly)).toBe(6);
    expect(holesOver(6, 10, partly)).toEqual([[7, 8]]);
  });
});
