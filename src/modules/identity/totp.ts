import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../core/crypto.js';

const ISSUER = 'BrokerDesk';
const PERIOD = 30;

export const newTotpSecret = (): string => generateSecret();

export async function enrolmentFor(email: string, secret: string) {
  const otpauthUrl = generateURI({ issuer: ISSUER, label: email, secret });
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
}

/**
 * Checks a 6-digit code against the seed, allowing one step of clock drift each way, and refusing any
 * step at or before the last one accepted (a code cannot be replayed). Returns the accepted step.
 */
export function verifyTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = verifySync({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      period: PERIOD,
      epochTolerance: PERIOD,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    });
    // verifySync covers HOTP too; with a period it is TOTP and reports the matched time step.
    return result.valid && 'timeStep' in result ? (result as { timeStep: number }).timeStep : null;
  } catch {
    return null;
  }
}

/** Ten one-time recovery codes like `k7dq-2mxa-9tve`; only their hashes are stored. */
export function newRecoveryCodes(count = 10): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: count }, () => {
    const raw = randomBytes(8)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    const s = (raw + 'abcdefghijkl').slice(0, 12);
    return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export const hashRecoveryCode = (code: string): string => sha256(code.trim().toLowerCase());
export const looksLikeRecoveryCode = (code: string): boolean =>
  /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/i.test(code.trim());
