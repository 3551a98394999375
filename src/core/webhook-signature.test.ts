import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature.js';

describe('Standard Webhooks signatures', () => {
  const secret = newWebhookSecret();
  const body = Buffer.from('{"events":[]}');
  const at = new Date('2026-11-22T10:00:00Z');

  it('accepts what it signed, within the tolerance', () => {
    const headers = signWebhook(secret, 'msg_1', body, at);
    expect(verifyWebhook([secret], headers, body, new Date(at.getTime() + 60_000))).toBeNull();
  });

  it('matches the published test vector', () => {
    // From the Standard Webhooks reference implementations' test suite.
    const headers = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      '{"test": 2432232314}',
      new Date(1614265330 * 1000),
    );
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('refuses a changed body, a wrong secret, an old or future timestamp, and missing headers', () => {
    const headers = signWebhook(secret, 'msg_1', body, at);
    expect(verifyWebhook([secret], headers, Buffer.from('{"events":[1]}'), at)).toBe('bad_signature');
    expect(verifyWebhook([newWebhookSecret()], headers, body, at)).toBe('bad_signature');
    expect(verifyWebhook([secret], headers, body, new Date(at.getTime() + 6 * 60_000))).toBe(
      'stale_timestamp',
    );
    expect(verifyWebhook([secret], headers, body, new Date(at.getTime() - 6 * 60_000))).toBe(
      'stale_timestamp',
    );
    expect(verifyWebhook([secret], { ...headers, 'webhook-signature': undefined }, body, at)).toBe(
      'missing_headers',
    );
  });

  it('accepts any of several signatures and secrets during a rotation', () => {
    const old = newWebhookSecret();
    const headers = signWebhook(secret, 'msg_2', body, at);
    const both = { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` };
    expect(verifyWebhook([old, secret], both, body, at)).toBeNull();
  });
});
