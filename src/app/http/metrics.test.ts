import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics.js';

const req = (remoteAddress: string, headers: Record<string, string> = {}) => ({
  socket: { remoteAddress },
  headers,
});

describe('metricsAccess without a token: loopback only', () => {
  const allowed = metricsAccess({});
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('lets %s in', (address) => {
    expect(allowed(req(address))).toBe(true);
  });
  it.each(['10.0.0.5', '203.0.113.9', '::ffff:10.0.0.5', '2001:db8::1', '::', ''])(
    'refuses %s',
    (address) => {
      expect(allowed(req(address))).toBe(false);
    },
  );
  it.each([
    ['x-forwarded-for', '203.0.113.9'],
    ['x-forwarded-for', '127.0.0.1'],
    ['forwarded', 'for=203.0.113.9'],
    ['x-real-ip', '203.0.113.9'],
  ])('refuses a request a local proxy forwarded (%s: %s)', (header, value) => {
    expect(allowed(req('127.0.0.1', { [header]: value }))).toBe(false);
  });
});

describe('metricsAccess with METRICS_TOKEN', () => {
  const token = 'scrape-token-0123456789abcdef';
  const allowed = metricsAccess({ METRICS_TOKEN: token });
  it('wants the bearer token from anywhere, loopback included', () => {
    expect(allowed(req('203.0.113.9', { authorization: `Bearer ${token}` }))).toBe(true);
    expect(allowed(req('127.0.0.1', { authorization: `bearer ${token}` }))).toBe(true);
    expect(allowed(req('127.0.0.1'))).toBe(false);
  });
  it.each([
    `Bearer ${token}x`,
    `Bearer ${token.slice(0, -1)}`,
    `Basic ${token}`,
    token,
    'Bearer ',
    `Bearer  ${token}`,
  ])('refuses Authorization: %s', (authorization) => {
    expect(allowed(req('127.0.0.1', { authorization }))).toBe(false);
  });
});
