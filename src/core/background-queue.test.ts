import { describe, expect, it } from 'vitest';
import { BackgroundQueue } from './background-queue.js';

describe('BackgroundQueue', () => {
  it('runs tasks after the caller has moved on, one at a time and in order', async () => {
    const log: string[] = [];
    const queue = new BackgroundQueue(() => {});
    queue.push(async () => {
      log.push('a start');
      await new Promise((r) => setTimeout(r, 5));
      log.push('a end');
    });
    queue.push(async () => {
      log.push('b');
    });
    log.push('caller');
    await queue.idle();
    expect(log).toEqual(['caller', 'a start', 'a end', 'b']);
  });

  it('starts a task after its delay, and idle waits for it', async () => {
    const log: string[] = [];
    const queue = new BackgroundQueue(() => {});
    queue.push(async () => {
      log.push('late');
    }, 30);
    queue.push(async () => {
      log.push('soon');
    });
    await queue.idle();
    expect(log).toEqual(['soon', 'late']);
  });

  it('reports a failing task and goes on with the next', async () => {
    const errors: unknown[] = [];
    const queue = new BackgroundQueue((err) => errors.push(err));
    let ran = false;
    queue.push(async () => {
      throw new Error('boom');
    });
    queue.push(async () => {
      ran = true;
    });
    await queue.idle();
    expect(errors).toEqual([new Error('boom')]);
    expect(ran).toBe(true);
  });

  it('drops tasks beyond its limit instead of piling them up', async () => {
    const errors: unknown[] = [];
    const queue = new BackgroundQueue((err) => errors.push(err), 2);
    let runs = 0;
    for (let i = 0; i < 3; i++)
      queue.push(async () => {
        runs += 1;
      });
    await queue.idle();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    queue.push(async () => {
      runs += 1;
    });
    await queue.idle();
    expect(runs).toBe(3);
  });
});
