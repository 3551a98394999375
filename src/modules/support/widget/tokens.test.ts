import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newVisitorToken, TRADER_TOKEN_TTL_MS, TraderTokens } from './tokens.js';

const CLIENT = '5f0c6a58-2c1e-4a8e-9d0b-0d7a3c1b2e11';

describe('trader chat tokens', () => {
  const tokens = new TraderTokens(randomBytes(32));
  const now = new Date('2026-12-07T07:00:00Z');

  it('verifies the client id it was issued for until it expires', () => {
    const { token, expiresAt } = tokens.issue(CLIENT, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(TRADER_TOKEN_TTL_MS);
    expect(tokens.verify(token, now)).toBe(CLIENT);
    expect(tokens.verify(token, new Date(expiresAt.getTime() - 1))).toBe(CLIENT);
    expect(tokens.verify(token, new Date(expiresAt.getTime() + 1))).toBeNull();
  });

  it('refuses a token with another client id, a moved expiry, another key or garbage', () => {
    const { token } = tokens.issue(CLIENT, now);
    const [v, , exp, mac] = token.split('.');
    expect(tokens.verify([v, '00000000-0000-4000-8000-000000000000', exp, mac].join('.'), now)).toBeNull();
    expect(tokens.verify([v, CLIENT, String(Number(exp) + 3_600_000), mac].join('.'), now)).toBeNull();
    expect(new TraderTokens(randomBytes(32)).verify(token, now)).toBeNull();
    for (const bad of ['', 'ct1', 'ct1.a.b', `${token}.x`, token.replace('ct1', 'ct2')])
      expect(tokens.verify(bad, now)).toBeNull();
  });
});

describe('visitor tokens', () => {
  it('are random and only their hash is what gets stored', () => {
    const a = newVisitorToken();
    const b = newVisitorToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});
