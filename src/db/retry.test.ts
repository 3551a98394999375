import { describe, expect, it } from 'vitest';
import { isRetryableConflict, retryConflicts } from './retry.js';

const pgError = (code: string) => Object.assign(new Error(code), { code });

describe('retryConflicts', () => {
  it('runs the attempt again after a deadlock, also when Drizzle wraps it', async () => {
    let n = 0;
    const out = await retryConflicts(async () => {
      n += 1;
      if (n === 1) throw new Error('Failed query', { cause: pgError('40P01') });
      if (n === 2) throw pgError('40001');
      return 'stored';
    });
    expect(out).toBe('stored');
    expect(n).toBe(3);
  });

  it('does not retry other errors, and gives up after its tries', async () => {
    let n = 0;
    await expect(retryConflicts(async () => (n++, Promise.reject(pgError('23505'))))).rejects.toThrow(
      '23505',
    );
    expect(n).toBe(1);
    n = 0;
    await expect(retryConflicts(async () => (n++, Promise.reject(pgError('55P03'))), 3)).rejects.toThrow();
    expect(n).toBe(3);
    expect(isRetryableConflict(new Error('x'))).toBe(false);
  });
});
