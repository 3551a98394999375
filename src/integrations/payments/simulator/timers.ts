/**
 * The simulated provider's sense of time for what it does later (retries, settling a pending payment,
 * paying out). Production uses real timers; tests pass `ManualTimers` and advance them, so a test of
 * "retried after 1, 2, 4 seconds" or "settled after 10 seconds" never waits.
 */
export interface Timers {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /** Runs `fn` after `ms`; a promise it returns is what `ManualTimers.advance` waits for. */
  schedule(fn: () => void | Promise<void>, ms: number): TimerHandle;
  cancel(handle: TimerHandle): void;
}

export type TimerHandle = { readonly id: number };

/** Node's timers, unref'd so a pending retry never keeps a finished process alive. */
export function realTimers(): Timers {
  const live = new Map<number, NodeJS.Timeout>();
  let next = 0;
  return {
    now: () => performance.now(),
    schedule(fn, ms) {
      const handle = { id: ++next };
      const t = setTimeout(() => {
        live.delete(handle.id);
        // A throwing task must not take the process down with it (the callers catch their own failures).
        Promise.resolve()
          .then(fn)
          .catch((err: unknown) => console.warn('[payments-sim] scheduled task failed', err));
      }, ms);
      t.unref();
      live.set(handle.id, t);
      return handle;
    },
    cancel(handle) {
      clearTimeout(live.get(handle.id));
      live.delete(handle.id);
    },
  };
}

interface Task {
  handle: TimerHandle;
  at: number;
  fn: () => void | Promise<void>;
}

/** Virtual time for tests: nothing runs until `advance` moves the clock past it. */
export class ManualTimers implements Timers {
  private current = 0;
  private next = 0;
  private tasks: Task[] = [];

  now(): number {
    return this.current;
  }

  schedule(fn: () => void | Promise<void>, ms: number): TimerHandle {
    const handle = { id: ++this.next };
    this.tasks.push({ handle, at: this.current + Math.max(0, ms), fn });
    return handle;
  }

  cancel(handle: TimerHandle): void {
    this.tasks = this.tasks.filter((t) => t.handle.id !== handle.id);
  }

  /** Tasks not run yet. */
  get pending(): number {
    return this.tasks.length;
  }

  /** When the next task is due, relative to now (undefined when none is). */
  get nextDueIn(): number | undefined {
    if (!this.tasks.length) return undefined;
    return Math.min(...this.tasks.map((t) => t.at)) - this.current;
  }

  /**
   * Moves time forward by `ms`, running every task that falls due on the way in time order (ties in
   * the order they were scheduled) and waiting for each, so what a task schedules in turn runs too
   * if it is due within the window.
   */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    for (;;) {
      const due = this.tasks
        .filter((t) => t.at <= until)
        .sort((a, b) => a.at - b.at || a.handle.id - b.handle.id)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      await due.fn();
    }
    this.current = until;
  }

  /** Runs what is due now (tasks scheduled with 0 ms), without moving time. */
  runDue(): Promise<void> {
    return this.advance(0);
  }
}
