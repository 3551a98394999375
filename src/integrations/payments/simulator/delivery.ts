import type { Clock } from '../../../core/clock.js';
import { signWebhook } from '../../../core/webhook-signature.js';
import type { Rng } from '../../trading/simulator/random.js';
import type { SimLog } from '../../trading/simulator/outbox.js';
import type { TimerHandle, Timers } from './timers.js';

/** One callback as the provider means it: delivered (at least once) with the same id every time. */
export interface CallbackMessage {
  /** The event id: the `webhook-id` header and the body's `id`. */
  id: string;
  /** The payment or payout it is about: out-of-order delivery reorders events of one ref. */
  ref: string;
  type: string;
  url: string;
  body: string;
}

/** Posts one signed body; resolves with the HTTP status (a network error or timeout rejects). */
export type Transport = (
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) => Promise<number>;

export const fetchTransport: Transport = async (url, headers, body, timeoutMs) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Read to the end so the keep-alive connection goes back to the pool.
  await res.arrayBuffer();
  return res.status;
};

export interface RetryPolicy {
  /** Wait after the first failed attempt; doubled after each further one. */
  firstMs: number;
  maxMs: number;
  /** Attempts per copy before the provider gives up on it (a real one stops after a few days). */
  maxAttempts: number;
  /** Each wait is scaled by a random factor in [1 − jitter, 1 + jitter], so retries do not bunch up. */
  jitter: number;
  /** An attempt without an answer by then counts as failed. */
  timeoutMs: number;
}

export interface DeliveryBehaviour {
  /** Chance that an event goes out once more (and again, up to `maxCopies`), same id, re-signed. */
  duplicateRate: number;
  maxCopies: number;
  /** A duplicate follows its original within this many milliseconds (0: at the same moment). */
  duplicateSpreadMs: number;
  /**
   * Chance that an event is held back until the next event of the same payment has been delivered,
   * so the receiver sees them in the opposite order; held at most `holdMaxMs` when none comes.
   */
  outOfOrderRate: number;
  holdMaxMs: number;
}

export interface DeliveryOptions extends DeliveryBehaviour {
  secret: () => string;
  clock: Clock;
  timers: Timers;
  rng: Rng;
  transport: Transport;
  retry: RetryPolicy;
  log: SimLog;
}

export interface DeliveryStats {
  attempts: number;
  acknowledged: number;
  failedAttempts: number;
  duplicates: number;
  reordered: number;
  gaveUp: number;
}

interface Copy {
  msg: CallbackMessage;
  attempts: number;
  /** Runs once, when this copy is acknowledged or given up (releases events held behind it). */
  settled?: () => void;
}

/**
 * The provider's outgoing callbacks: Standard Webhooks signatures (signed afresh at each attempt, so
 * `webhook-timestamp` is the attempt's time), retries with exponential back-off until a 2xx, and the
 * misbehaviour a real provider shows now and then: duplicates and out-of-order delivery.
 */
export class CallbackDelivery {
  readonly stats: DeliveryStats = {
    attempts: 0,
    acknowledged: 0,
    failedAttempts: 0,
    duplicates: 0,
    reordered: 0,
    gaveUp: 0,
  };
  private readonly held = new Map<string, { msgs: CallbackMessage[]; handle: TimerHandle }>();
  private readonly waiting = new Set<TimerHandle>();
  private readonly inFlight = new Set<Promise<void>>();
  private open = 0;
  private stopped = false;

  constructor(private readonly opts: DeliveryOptions) {}

  /** Copies not acknowledged yet (and not given up), plus events held back. */
  get pending(): number {
    let held = 0;
    for (const h of this.held.values()) held += h.msgs.length;
    return this.open + held;
  }

  send(msg: CallbackMessage): void {
    if (this.stopped) return;
    const held = this.held.get(msg.ref);
    if (held) {
      // This one overtakes what is held; those follow once it is through.
      this.dispatch(msg, () => this.release(msg.ref));
      return;
    }
    if (this.opts.rng() < this.opts.outOfOrderRate) {
      this.stats.reordered += 1;
      const handle = this.later(() => this.release(msg.ref), this.opts.holdMaxMs);
      this.held.set(msg.ref, { msgs: [msg], handle });
      return;
    }
    this.dispatch(msg);
  }

  /** Resolves when no attempt is on the wire (scheduled ones may still follow). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Cancels every scheduled attempt and waits (bounded) for those on the wire. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const h of this.waiting) this.opts.timers.cancel(h);
    for (const h of this.held.values()) this.opts.timers.cancel(h.handle);
    this.waiting.clear();
    this.held.clear();
    await Promise.race([this.idle(), new Promise((r) => setTimeout(r, 2_000).unref())]);
  }

  private release(ref: string): void {
    const held = this.held.get(ref);
    if (!held) return;
    this.held.delete(ref);
    this.opts.timers.cancel(held.handle);
    this.waiting.delete(held.handle);
    for (const msg of held.msgs) this.dispatch(msg);
  }

  private dispatch(msg: CallbackMessage, settled?: () => void): void {
    let copies = 1;
    while (copies < this.opts.maxCopies && this.opts.rng() < this.opts.duplicateRate) copies++;
    this.stats.duplicates += copies - 1;
    for (let i = 0; i < copies; i++) {
      const copy: Copy = { msg, attempts: 0, ...(i === 0 && settled ? { settled } : {}) };
      this.open += 1;
      const delay = i === 0 ? 0 : Math.floor(this.opts.rng() * this.opts.duplicateSpreadMs);
      this.later(() => this.attempt(copy), delay);
    }
  }

  private later(fn: () => void | Promise<void>, ms: number): TimerHandle {
    const handle = this.opts.timers.schedule(() => {
      this.waiting.delete(handle);
      if (this.stopped) return;
      return fn();
    }, ms);
    this.waiting.add(handle);
    return handle;
  }

  private attempt(copy: Copy): Promise<void> {
    const run = this.post(copy);
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  private async post(copy: Copy): Promise<void> {
    const { msg } = copy;
    const { retry } = this.opts;
    copy.attempts += 1;
    this.stats.attempts += 1;
    let status = 0;
    let error: unknown;
    try {
      const headers = signWebhook(this.opts.secret(), msg.id, msg.body, this.opts.clock.now());
      status = await this.opts.transport(msg.url, { ...headers }, msg.body, retry.timeoutMs);
    } catch (err) {
      error = err;
    }
    if (status >= 200 && status < 300) {
      this.stats.acknowledged += 1;
      return this.done(copy);
    }
    this.stats.failedAttempts += 1;
    if (copy.attempts >= retry.maxAttempts) {
      this.stats.gaveUp += 1;
      this.opts.log.warn(
        { id: msg.id, type: msg.type, attempts: copy.attempts, status, err: error },
        'payment callback given up: never acknowledged',
      );
      return this.done(copy);
    }
    this.later(() => this.attempt(copy), this.backoff(copy.attempts));
  }

  private done(copy: Copy): void {
    this.open -= 1;
    copy.settled?.();
  }

  /** Wait before attempt n + 1: first, 2 × first, 4 × first, … up to the cap, with jitter. */
  private backoff(failed: number): number {
    const { firstMs, maxMs, jitter } = this.opts.retry;
    const base = Math.min(maxMs, firstMs * 2 ** (failed - 1));
    return Math.round(base * (1 - jitter + 2 * jitter * this.opts.rng()));
  }
}
