import type { IngestResult, PlatformEvent } from '../../../modules/trading/index.js';

export type Consumer = (batch: PlatformEvent[]) => Promise<IngestResult>;

/** The pino-style subset of a logger the simulator writes warnings to. */
export interface SimLog {
  warn(obj: object, msg: string): void;
}

export const consoleLog: SimLog = { warn: (obj, msg) => console.warn(`[trading-sim] ${msg}`, obj) };

export interface OutboxOptions {
  /** Milliseconds for retry timing; real elapsed time by default, so a test's frozen clock cannot stall delivery. */
  now?: () => number;
  /** Events per batch. */
  batchSize?: number;
  /** Wait before resending the events of an account the consumer did not know yet. */
  unknownRetryMs?: number;
  /** After this long an unknown account's events are dropped with a warning. */
  unknownGiveUpMs?: number;
  /** Undelivered events kept per account; beyond it the oldest go (a platform's buffer is finite too). */
  maxPerAccount?: number;
  /** Runs before each batch leaves: the server makes the states the batch describes durable first. */
  beforeSend?: () => Promise<void>;
  /** Accounts whose pending events changed through delivery (acknowledged or dropped): persist them. */
  onSettled?: (logins: string[]) => void;
  log: SimLog;
}

/**
 * Pending platform events per account and their delivery to one consumer, in batches. An event leaves
 * the queue only when the consumer acknowledged it, so a rejected batch is simply sent again later and
 * per-account order never changes. Events of an account the consumer reported unknown (its CRM row is
 * being written right now) stay at the head of that account's queue and are retried a moment later.
 */
export class EventOutbox {
  private readonly queues = new Map<string, PlatformEvent[]>();
  private readonly holds = new Map<string, { until: number; since: number }>();
  private readonly now: () => number;
  private consumer: Consumer | undefined;
  private chain: Promise<void> = Promise.resolve();
  private busy = false;
  private failures = 0;
  private retryAt = 0;

  constructor(private readonly opts: OutboxOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  get size(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  push(event: PlatformEvent): void {
    let q = this.queues.get(event.account);
    if (!q) this.queues.set(event.account, (q = []));
    q.push(event);
    const max = this.opts.maxPerAccount ?? 2_000;
    if (q.length > max) {
      const dropped = q.splice(0, q.length - max);
      this.opts.log.warn(
        { account: event.account, dropped: dropped.length, firstSeq: dropped[0]?.seq },
        'undelivered platform events dropped: nobody consumed them',
      );
    }
  }

  pending(login: string): readonly PlatformEvent[] {
    return this.queues.get(login) ?? [];
  }

  /** Forgets every pending event (the server handed its accounts to another instance). */
  clear(): void {
    this.queues.clear();
    this.holds.clear();
  }

  /** Puts events saved before a restart back in front of anything queued since. */
  restore(login: string, events: readonly PlatformEvent[]): void {
    if (events.length) this.queues.set(login, [...events, ...(this.queues.get(login) ?? [])]);
  }

  subscribe(consumer: Consumer): () => void {
    if (this.consumer) throw new Error('the simulated trading server already has a subscriber');
    this.consumer = consumer;
    return () => {
      if (this.consumer === consumer) this.consumer = undefined;
    };
  }

  /** Delivers what can go now, ignoring the back-off after a failure (tests and shutdown call it). */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.deliver(true));
    this.chain = run.catch(() => {});
    return run;
  }

  /** The timer's flush: skipped while one is running or while backing off after a failure. */
  flushIfIdle(): Promise<void> {
    if (this.busy) return Promise.resolve();
    const run = this.chain.then(() => this.deliver(false));
    this.chain = run.catch(() => {});
    return run;
  }

  private async deliver(force: boolean): Promise<void> {
    if (!this.consumer || (!force && this.now() < this.retryAt)) return;
    this.busy = true;
    try {
      const size = this.opts.batchSize ?? 1_000;
      // Bounded so a flush always ends, even while events keep arriving.
      for (let round = 0; round < 20; round++) {
        const consumer = this.consumer;
        if (!consumer) return;
        const batch = this.take(size);
        if (!batch.length) return;
        await this.opts.beforeSend?.();
        let result: IngestResult;
        try {
          result = await consumer(batch);
        } catch (err) {
          this.failures += 1;
          this.retryAt = this.now() + Math.min(30_000, 1_000 * 2 ** (this.failures - 1));
          this.opts.log.warn(
            { err, events: batch.length, failures: this.failures },
            'platform event batch rejected; it will be sent again',
          );
          return;
        }
        this.failures = 0;
        this.retryAt = 0;
        this.settle(batch, new Set(result.unknownAccounts));
        if (batch.length < size) return;
      }
    } finally {
      this.busy = false;
    }
  }

  /** The next batch: each account's oldest events first, skipping accounts waiting after "unknown". */
  private take(size: number): PlatformEvent[] {
    const now = this.now();
    const batch: PlatformEvent[] = [];
    for (const [login, q] of this.queues) {
      if (batch.length >= size) break;
      if ((this.holds.get(login)?.until ?? 0) > now) continue;
      batch.push(...q.slice(0, size - batch.length));
    }
    return batch;
  }

  private settle(batch: PlatformEvent[], unknown: Set<string>): void {
    const now = this.now();
    const sent = new Map<string, Set<PlatformEvent>>();
    for (const e of batch) {
      let s = sent.get(e.account);
      if (!s) sent.set(e.account, (s = new Set()));
      s.add(e);
    }
    const settled: string[] = [];
    for (const [login, events] of sent) {
      if (unknown.has(login)) {
        const since = this.holds.get(login)?.since ?? now;
        if (now - since < (this.opts.unknownGiveUpMs ?? 120_000)) {
          this.holds.set(login, { until: now + (this.opts.unknownRetryMs ?? 1_000), since });
          continue;
        }
        this.opts.log.warn(
          { account: login, dropped: events.size },
          'the consumer still does not know this account; its platform events were dropped',
        );
      }
      this.holds.delete(login);
      // Remove what was sent (and is still at the head): the queue may have grown meanwhile.
      const q = this.queues.get(login) ?? [];
      let n = 0;
      while (n < q.length && events.has(q[n]!)) n++;
      q.splice(0, n);
      if (!q.length) this.queues.delete(login);
      settled.push(login);
    }
    if (settled.length) this.opts.onSettled?.(settled);
  }
}
