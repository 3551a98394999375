import { describe, expect, it } from 'vitest';
import { addressKey, RateLimitedError, RateLimiter } from './rate-limit.js';

describe('the rate limiter', () => {
  it('allows `limit` hits per window and per key, then says how long to wait', () => {
    let t = 0;
    const limiter = new RateLimiter(3, 1000, () => t);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1000]);
    expect(limiter.take('b')).toBe(0);
    t = 999;
    expect(limiter.take('a')).toBe(1);
    t = 1000;
    expect(limiter.take('a')).toBe(0);
  });

  it('check throws a 429 rate_limited carrying Retry-After in whole seconds', () => {
    const limiter = new RateLimiter(1, 60_000, () => 0);
    limiter.check('k');
    const err = (() => {
      try {
        limiter.check('k');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 60 });
  });
});

describe('addressKey', () => {
  it('groups an IPv6 /64 as one client and keeps IPv4 addresses apart', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:db8:1:2:ffff:abcd:1234:9'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('203.0.113.7')).not.toBe(addressKey('203.0.113.8'));
    // An IPv4-mapped IPv6 is that IPv4.
    expect(addressKey('::ffff:203.0.113.7')).toBe(addressKey('203.0.113.7'));
  });
});
