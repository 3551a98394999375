import { AppError } from '../../../core/errors.js';
import type { SessionLock } from '../../../db/connection.js';
import type { SimLog } from './outbox.js';

/** The answer of an instance that does not run the simulator (another one holds its lock). */
export const elsewhere = () =>
  new AppError(503, 'platform_unavailable', 'The simulated trading server runs on another instance');

/** What the server does when a term of leadership begins and ends. */
export interface Term {
  /** The lock was just taken: forget what was in memory, write through the lease's session from now on. */
  begin(lease: SessionLock): void;
  /** Loads what the previous holder saved and starts the timers; rejects when it cannot. */
  run(): Promise<void>;
  /** The term is over (lock lost, load failed, stopped): no more ticks, saves or sends. */
  end(): void;
}

export interface LeadershipOptions {
  /** Returns the lock, or null when another instance holds it; without it this instance always leads. */
  lock?: () => Promise<SessionLock | null>;
  /** How often an instance without the lock tries to take it (default 10,000 ms). */
  lockRetryMs?: number;
  log: SimLog;
}

/**
 * One running simulator among several instances on one database: only the holder of a session advisory
 * lock runs it; the others try to take over every `lockRetryMs`, and sooner after a lost lock.
 */
export class Leadership {
  private lease?: SessionLock;
  private leaderTimer?: NodeJS.Timeout;
  private acquiring?: Promise<void>;
  /** A quick retry after the lock was lost or could not be asked for (the database went away). */
  private retryTimer?: NodeJS.Timeout;
  private retries = 0;
  private stopped = false;

  constructor(
    private readonly opts: LeadershipOptions,
    private readonly term: Term,
  ) {}

  /** True while this instance runs the simulator: always without `lock`, else while holding it. */
  get leading(): boolean {
    return !this.opts.lock || this.lease !== undefined;
  }

  /** Runs at once without `lock`; with it, once the lock is taken, now or on a later try. */
  async start(): Promise<void> {
    this.stopped = false;
    if (!this.opts.lock) return this.term.run();
    await this.tryLead();
    if (this.leaderTimer) return;
    this.leaderTimer = setInterval(() => void this.tryLead(), this.opts.lockRetryMs ?? 10_000);
    this.leaderTimer.unref();
  }

  /** Stops trying to lead, runs `last` (final delivery and save), then ends the term and gives up the lock. */
  async stop(last: () => Promise<void>): Promise<void> {
    this.stopped = true;
    clearInterval(this.leaderTimer);
    this.leaderTimer = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.acquiring;
    const lease = this.lease;
    try {
      await last();
    } finally {
      if (lease && this.lease === lease) {
        this.stepDown();
        await lease.release();
      }
    }
  }

  private tryLead(): Promise<void> {
    if (this.lease || this.stopped) return Promise.resolve();
    this.acquiring ??= this.lead().finally(() => (this.acquiring = undefined));
    return this.acquiring;
  }

  /** Takes the lock if it is free, then loads what the previous holder saved and runs. */
  private async lead(): Promise<void> {
    let lease: SessionLock | null;
    try {
      lease = await this.opts.lock!();
    } catch (err) {
      this.opts.log.warn({ err }, 'could not ask for the simulated trading server lock');
      return this.retrySoon();
    }
    if (!lease) return;
    if (this.stopped) return lease.release();
    this.lease = lease;
    this.term.begin(lease);
    void lease.lost.then(() => {
      if (this.lease !== lease) return;
      this.opts.log.warn({}, 'the simulated trading server lost its lock; another instance may take over');
      this.stepDown();
      this.retrySoon();
    });
    try {
      await this.term.run();
      this.retries = 0;
    } catch (err) {
      if (this.lease !== lease) return;
      this.opts.log.warn({ err }, 'the simulated trading server could not load; it gives up the lock');
      this.stepDown();
      await lease.release();
      this.retrySoon();
    }
  }

  /** Tries to lead again within a second, then every two seconds (or the usual interval, if shorter). */
  private retrySoon(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = Math.min(this.opts.lockRetryMs ?? 10_000, 2_000, 500 * 2 ** this.retries++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.tryLead();
    }, delay);
    this.retryTimer.unref();
  }

  /** Ends this instance's term at once; the next holder reloads. */
  private stepDown(): void {
    this.lease = undefined;
    this.term.end();
  }
}
