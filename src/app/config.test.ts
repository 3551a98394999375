import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for an embedded install', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.SEED_DEMO).toBe(true);
  });

  it('derives the public URL from BASE_URL without a trailing slash', () => {
    expect(loadConfig({ BASE_URL: 'https://crm.broker.example/' }).baseUrl).toBe(
      'https://crm.broker.example',
    );
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['BASE_URL', 'ftp://x'],
    ['SMTP_URL', 'http://mail'],
    ['SEED_DEMO', 'maybe'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SECRET_KEY', 'short'],
    ['METRICS_TOKEN', 'too-short'],
    ['METRICS_TOKEN', 'has a space in it, long enough'],
    ['TELEPHONY_PROVIDER', 'asterisk'],
    ['TWILIO_ACCOUNT_SID', 'AC123'],
  ])('stops with a message naming %s when it is %s', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
  });

  it('serves metrics to loopback only unless METRICS_TOKEN is set', () => {
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined();
    const token = 'k7Qx-2mZ_9vLw3Rt8YpBn4';
    expect(loadConfig({ METRICS_TOKEN: token }).METRICS_TOKEN).toBe(token);
  });

  it('wants the Twilio auth token beside the account SID', () => {
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32) })).toThrow(/TWILIO_AUTH_TOKEN/);
    expect(
      loadConfig({ TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32), TWILIO_AUTH_TOKEN: 'x'.repeat(32) })
        .TWILIO_ACCOUNT_SID,
    ).toBe('AC' + '0'.repeat(32));
    expect(loadConfig({}).TELEPHONY_PROVIDER).toBe('sim');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
