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

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) =>
  b.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
/** Claims: recording id (16 bytes), staff id (16), purpose (1), expiry in Unix seconds (4). */
const CLAIMS_BYTES = 37;
/** HMAC-SHA256 truncated to 128 bits: the whole token fits a URL segment (Fastify's 100 characters). */
const MAC_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Short-lived signed links to a recording's audio: `<claims>.<MAC>`, both base64url, the MAC an
 * HMAC-SHA256 (truncated to 128 bits) with a key derived from the app's secret. A changed byte
 * anywhere is `invalid`; a link past its expiry is `expired`. The claims name the staff member, so a
 * link copied to someone else opens nothing.
 */
export class RecordingLinks {
  private readonly key: Buffer;
  constructor(secretKey: Buffer) {
    this.key = createHmac('sha256', secretKey).update('brokerdesk recording links v1').digest();
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }

  sign(claims: LinkClaims): string {
    if (!UUID.test(claims.recordingId) || !UUID.test(claims.staffId))
      throw new Error('link claims need uuids');
    const body = Buffer.alloc(CLAIMS_BYTES);
    uuidBytes(claims.recordingId).copy(body, 0);
    uuidBytes(claims.staffId).copy(body, 16);
    body.writeUInt8(RECORDING_PURPOSES.indexOf(claims.purpose), 32);
    body.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000), 33);
    return `${body.toString('base64url')}.${this.mac(body).toString('base64url')}`;
  }

  verify(token: string, now: Date): LinkCheck {
    const parts = token.split('.');
    if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!))
      return { ok: false, reason: 'invalid' };
    const body = Buffer.from(parts[0]!, 'base64url');
    const given = Buffer.from(parts[1]!, 'base64url');
    // Re-encoding must give the same text: base64url has spare bits a forger could flip unnoticed.
    if (body.length !== CLAIMS_BYTES || body.toString('base64url') !== parts[0])
      return { ok: false, reason: 'invalid' };
    const expected = this.mac(body);
    if (
      given.length !== MAC_BYTES ||
      given.toString('base64url') !== parts[1] ||
      !timingSafeEqual(given, expected)
    )
      return { ok: false, reason: 'invalid' };
    const purpose = RECORDING_PURPOSES[body.readUInt8(32)];
    if (!purpose) return { ok: false, reason: 'invalid' };
    const expiresAt = new Date(body.readUInt32BE(33) * 1000);
    if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      claims: {
        recordingId: uuidOf(body.subarray(0, 16)),
        staffId: uuidOf(body.subarray(16, 32)),
        purpose,
        expiresAt,
      },
    };
  }
}
