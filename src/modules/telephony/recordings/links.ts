import { createHmac, timingSafeEqual } from 'node:crypto';
import { RECORDING_PURPOSES, type RecordingPurpose } from '../../../shared/telephony-recordings.js';

/** What a signed recording link grants: one recording, for one purpose, to one staff member, until `expiresAt`. */
export interface LinkClaims {
  recordingId: string;
  purpose: RecordingPurpose;
  staffId: string;
  expiresAt: Date;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Short-lived signed links to a recording's audio: `<claims, base64url>.<HMAC-SHA256, base64url>` with
 * a key derived from the app's secret. A changed byte anywhere is `invalid`; a link past its expiry is
 * `expired`. The claims name the staff member, so a link copied to someone else opens nothing.
 */
export class RecordingLinks {
  private readonly key: Buffer;
  constructor(secretKey: Buffer) {
    this.key = createHmac('sha256', secretKey).update('brokerdesk recording links v1').digest();
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }

  sign(claims: LinkClaims): string {
    const body = Buffer.from(
      JSON.stringify({
        r: claims.recordingId,
        p: claims.purpose,
        u: claims.staffId,
        e: Math.floor(claims.expiresAt.getTime() / 1000),
      }),
    ).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  verify(token: string, now: Date): LinkCheck {
    const [body, sig, extra] = token.split('.');
    if (!body || !sig || extra !== undefined) return { ok: false, reason: 'invalid' };
    const given = Buffer.from(sig, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let raw: { r?: unknown; p?: unknown; u?: unknown; e?: unknown };
    try {
      raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof raw;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    const purpose = RECORDING_PURPOSES.find((p) => p === raw.p);
    if (typeof raw.r !== 'string' || typeof raw.u !== 'string' || typeof raw.e !== 'number' || !purpose)
      return { ok: false, reason: 'invalid' };
    const expiresAt = new Date(raw.e * 1000);
    if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { recordingId: raw.r, purpose, staffId: raw.u, expiresAt } };
  }
}
