import { describe, expect, it } from 'vitest';
import { generateSync } from 'otplib';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  verifyTotp,
} from './totp.js';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const at = (d: Date) => generateSync({ secret, epoch: Math.floor(d.getTime() / 1000) });
  const now = new Date('2026-11-22T10:00:10Z');

  it('accepts the current code and one step of drift, not more', () => {
    expect(verifyTotp(secret, at(now), now, null)).not.toBeNull();
    expect(verifyTotp(secret, at(new Date(now.getTime() - 30_000)), now, null)).not.toBeNull();
    expect(verifyTotp(secret, at(new Date(now.getTime() - 120_000)), now, null)).toBeNull();
  });

  it('refuses a step at or before the last accepted one (no replay)', () => {
    const step = verifyTotp(secret, at(now), now, null)!;
    expect(verifyTotp(secret, at(now), now, step)).toBeNull();
  });

  it('refuses malformed codes', () => {
    for (const code of ['', '12345', '1234567', 'abcdef'])
      expect(verifyTotp(secret, code, now, null)).toBeNull();
  });

  it('makes ten distinct recovery codes whose hashes match', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const [i, c] of codes.entries()) {
      expect(looksLikeRecoveryCode(c)).toBe(true);
      expect(hashRecoveryCode(c.toUpperCase())).toBe(hashes[i]);
    }
  });
});
