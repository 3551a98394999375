import type { BackgroundLoops } from './background.js';

/**
 * What a module may schedule, given to its `register…(app, deps)`: loops, a piece of the minute's
 * housekeeping, and work to start and stop with the server. Nothing runs until the composition root
 * calls init() and then start() (after every route is registered).
 */
export interface ModuleJobs {
  /** A loop of its own, run every `intervalMs` once started (see BackgroundLoops.every). */
  every(loop: string, intervalMs: number, job: () => Promise<unknown>): void;
  /** One piece of the `housekeeping` loop (purges, flushes): the pieces run together once a minute. */
  housekeeping(job: () => Promise<unknown>): void;
  /** Run once before anything starts (the realtime hub, the platform, loops): seeding, one-off fixes. */
  onInit(job: () => Promise<unknown>): void;
  /** Run once when the background work starts, in the order registered, before the loops. */
  onStart(job: () => Promise<unknown> | void): void;
  /** Work to finish before the loops stop (e.g. mail queued after answering). */
  beforeStop(job: () => Promise<unknown>): void;
  /** Run after the loops have stopped, in the order registered. */
  onStop(job: () => Promise<unknown> | void): void;
}

/** The composition root's side of ModuleJobs: collects what modules ask for, then starts and stops it. */
export class Jobs implements ModuleJobs {
  private readonly loops: { loop: string; intervalMs: number; job: () => Promise<unknown> }[] = [];
  private readonly chores: (() => Promise<unknown>)[] = [];
  private readonly inits: (() => Promise<unknown>)[] = [];
  private readonly starts: (() => Promise<unknown> | void)[] = [];
  private readonly drains: (() => Promise<unknown>)[] = [];
  private readonly stops: (() => Promise<unknown> | void)[] = [];

  constructor(
    private readonly background: BackgroundLoops,
    private readonly housekeepingMs = 60_000,
  ) {}

  every(loop: string, intervalMs: number, job: () => Promise<unknown>): void {
    this.loops.push({ loop, intervalMs, job });
  }
  housekeeping(job: () => Promise<unknown>): void {
    this.chores.push(job);
  }
  onInit(job: () => Promise<unknown>): void {
    this.inits.push(job);
  }
  onStart(job: () => Promise<unknown> | void): void {
    this.starts.push(job);
  }
  beforeStop(job: () => Promise<unknown>): void {
    this.drains.push(job);
  }
  onStop(job: () => Promise<unknown> | void): void {
    this.stops.push(job);
  }

  async init(): Promise<void> {
    for (const job of this.inits) await job();
  }

  async start(): Promise<void> {
    for (const job of this.starts) await job();
    // One loop for every chore: a failing one does not stop the others, and the loop reports it.
    this.background.every('housekeeping', this.housekeepingMs, async () => {
      const runs = await Promise.allSettled(this.chores.map((job) => job()));
      const failed = runs.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    });
    for (const { loop, intervalMs, job } of this.loops) this.background.every(loop, intervalMs, job);
  }

  async stop(): Promise<void> {
    for (const job of this.drains) await job();
    await this.background.stop();
    for (const job of this.stops) await job();
  }
}
