import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomToken, sha256 } from '../../../core/crypto.js';

/**
 * The widget's credentials. A visitor holds a random token of their own (only its SHA-256 is stored,
 * so a database dump hands out no chats); a signed-in trader's cabinet hands the widget a short-lived
 * token signed with the app's secret, which the session route exchanges for a visitor token linked to
 * the trader's client.
 */
export const newVisitorToken = (): { token: string; hash: string } => {
  const token = `vt_${randomToken(32)}`;
  return { token, hash: sha256(token) };
};

export const hashToken = sha256;

/** How long a cabinet chat token is accepted: enough to open the widget, too short to be worth stealing. */
export const TRADER_TOKEN_TTL_MS = 5 * 60_000;

/** Signs `clientId` for the widget: `ct1.<clientId>.<expires ms>.<base64url HMAC-SHA256>`. */
export class TraderTokens {
  private readonly key: Buffer;
  constructor(secretKey: Buffer) {
    // A key of its own, derived from the app's secret, so a signature here means nothing elsewhere.
    this.key = createHmac('sha256', secretKey).update('support-widget-trader-token').digest();
  }

  issue(clientId: string, now: Date): { token: string; expiresAt: Date } {
    const expiresAt = new Date(now.getTime() + TRADER_TOKEN_TTL_MS);
    const body = `ct1.${clientId}.${expiresAt.getTime()}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt };
  }

  /** The client id the token was issued for, or null (forged, malformed or expired). */
  verify(token: string, now: Date): string | null {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== 'ct1') return null;
    const [, clientId, expires, mac] = parts as [string, string, string, string];
    const expected = Buffer.from(this.sign(`ct1.${clientId}.${expires}`));
    const offered = Buffer.from(mac);
    if (offered.length !== expected.length || !timingSafeEqual(offered, expected)) return null;
    if (!/^\d{1,15}$/.test(expires) || Number(expires) < now.getTime()) return null;
    return clientId;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
