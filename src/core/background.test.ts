import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundLoops, rateLimitedLog } from './background.js';

function recorder() {
  const lines: { level: string; msg: string; obj: Record<string, unknown> }[] = [];
  const at = (level: string) => (obj: object, msg: string) =>
    lines.push({ level, msg, obj: obj as Record<string, unknown> });
  return { lines, log: { warn: at('warn'), error: at('error'), info: at('info') } };
}

describe('rateLimitedLog', () => {
  it('says a repeated message once per window, then how many it held back', () => {
    let now = 0;
    const { lines, log } = recorder();
    const limited = rateLimitedLog(log, 60_000, () => now);
    for (let i = 0; i < 100; i++) limited.warn({ i }, 'database unavailable');
    limited.warn({}, 'something else');
    expect(lines.map((l) => l.msg)).toEqual(['database unavailable', 'something else']);
    now = 60_000;
    limited.warn({ i: 100 }, 'database unavailable');
    expect(lines[2]).toEqual({ level: 'warn', msg: 'database unavailable', obj: { i: 100, suppressed: 99 } });
  });
});

describe('BackgroundLoops', () => {
  afterEach(() => vi.useRealTimers());

  it('logs the first failure, a reminder per interval, and the recovery; tracks what is failing', () => {
    let now = 0;
    const { lines, log } = recorder();
    const changes: [string, boolean][] = [];
    const loops = new BackgroundLoops(log, { now: () => now, onChange: (l, f) => changes.push([l, f]) });
    const wrapped = new Error('Failed query: select … params: secret', {
      cause: new Error('Connection terminated'),
    });
    for (let i = 0; i < 50; i++) {
      loops.failed('presence expiry', wrapped);
      now += 1_000;
    }
    expect(loops.failing()).toEqual(['presence expiry']);
    expect(lines.map((l) => l.msg)).toEqual(['presence expiry failed; it keeps retrying']);
    // An outage in one line: the driver's words, not the failed query with its parameters.
    expect(lines[0]!.obj).toEqual({ loop: 'presence expiry', error: 'Connection terminated' });
    now = 60_000;
    loops.failed('presence expiry', new Error('Connection terminated'));
    expect(lines.at(-1)).toMatchObject({ msg: 'presence expiry still failing', obj: { failures: 51 } });
    loops.ok('presence expiry');
    expect(lines.at(-1)).toMatchObject({
      level: 'info',
      msg: 'presence expiry recovered',
      obj: { failures: 51 },
    });
    expect(loops.failing()).toEqual([]);
    expect(loops.state('presence expiry')).toMatchObject({ failing: false, lastOkAt: 60_000 });
    expect(changes).toEqual([
      ['presence expiry', true],
      ['presence expiry', false],
    ]);
  });

  it('keeps running a loop whose job throws, and retries it sooner while it fails', async () => {
    vi.useFakeTimers();
    const { log } = recorder();
    const loops = new BackgroundLoops(log, { retryMs: 1_000 });
    let runs = 0;
    let down = true;
    loops.every('housekeeping', 60_000, async () => {
      runs += 1;
      if (down) throw new Error('connect ECONNREFUSED');
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(1);
    expect(loops.failing()).toEqual(['housekeeping']);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(4);
    down = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(loops.failing()).toEqual([]);
    // Healthy again: back to its own interval.
    await vi.advanceTimersByTimeAsync(59_000);
    expect(runs).toBe(5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(6);
    await loops.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs).toBe(6);
  });
});
