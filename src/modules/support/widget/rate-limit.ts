/**
 * A sliding-window limit per key (a visitor's token hash): at most `limit` hits in `windowMs`. Kept in
 * memory, per instance: a flood is cut where it lands, and behind a load balancer a visitor's socket
 * and HTTP calls stick to one instance for the chat's life anyway.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a hit; false when the key is over its limit (the hit is not counted then). */
  take(key: string): boolean {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    // Keys of visitors gone quiet are dropped now and then, so the map does not grow without bound.
    if (this.hits.size > 10_000) this.sweep(now);
    return true;
  }

  private sweep(now: number): void {
    for (const [key, times] of this.hits)
      if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(key);
  }
}
