import { normalizeIP } from '@fastify/rate-limit';
import { AppError } from './errors.js';

/**
 * The one in-memory rate limiter of the app, for limits a route plugin cannot express: a WebSocket's
 * frames are not requests, and the windows follow the app's clock (tests move it). Per instance: a
 * flood is cut where it lands.
 */

/** The IPv6 prefix one client is taken to hold: a home or an office gets a /64, not one address. */
export const IPV6_CLIENT_PREFIX = 64;

/**
 * The key of a client's address: an IPv4 as is (an IPv4-mapped IPv6 as its IPv4), an IPv6 as its /64
 * (@fastify/rate-limit's normalisation), so rotating addresses inside one /64 is one client.
 */
export const addressKey = (ip: string): string => normalizeIP(ip, IPV6_CLIENT_PREFIX);

/** A 429 `rate_limited` that says when to come back (the HTTP edge sends it as Retry-After). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number, message = 'Too many requests; try again later', field?: string) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(429, 'rate_limited', message, field, { retryAfter: seconds });
    this.retryAfterSeconds = seconds;
  }
}

/** A sliding window per key: at most `limit` hits in `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a hit; 0 when allowed, else how many ms until the key's oldest hit leaves the window (the
   * refused hit is not counted).
   */
  take(key: string): number {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return recent[0]! + this.windowMs - now;
    }
    recent.push(now);
    this.hits.set(key, recent);
    // Keys gone quiet are dropped now and then, so the map does not grow without bound.
    if (this.hits.size > 10_000) this.sweep(now);
    return 0;
  }

  /** take(), throwing RateLimitedError when over the limit. */
  check(key: string, message?: string): void {
    const wait = this.take(key);
    if (wait > 0) throw new RateLimitedError(wait, message);
  }

  private sweep(now: number): void {
    for (const [key, times] of this.hits)
      if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(key);
  }
}
