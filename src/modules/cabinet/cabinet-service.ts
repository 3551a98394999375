import { eq } from 'drizzle-orm';
import { badRequest, notFound } from '../../core/errors.js';
import type { RequestMeta } from '../../core/http.js';
import { updateContactByTrader } from '../clients/index.js';
import { hashPassword, verifyPassword } from '../identity/index.js';
import { traderActor } from './cabinet-core.js';
import type { CabinetClientView } from './contracts.js';
import { traderAccounts } from './schema.js';
import { retireTokens } from './tokens.js';
import { CabinetSignIn } from './sign-in.js';

export { DEFAULT_CABINET_LIMITS, type CabinetLimits, type CabinetServiceDeps } from './cabinet-core.js';

/**
 * The trader's cabinet: self-registration (situation 1), the cabinet a manager opens for a client
 * (situation 2), email confirmation, sign-in with its own sessions (kind 'trader', cookie `bd_tsid`),
 * profile, password change and reset. Traders act on their own client record only; every change is a
 * domain event on that client, so the manager sees it on the timeline and live.
 *
 * Built in layers, one job per file, each method's body unchanged by the split: cabinet-core.ts (the
 * shared state and helpers), registration.ts, sign-in.ts (sessions and password reset), then here the
 * trader's own profile and password.
 */
export class CabinetService extends CabinetSignIn {
  // ── own profile ─────────────────────────────────────────────────────────────────────────────────

  async me(clientId: string): Promise<CabinetClientView> {
    return this.view(clientId);
  }

  async updateProfile(
    clientId: string,
    patch: { phone?: string | undefined; language?: string | undefined; country?: string | undefined },
    meta: RequestMeta,
  ): Promise<CabinetClientView> {
    await this.db.transaction((tx) =>
      updateContactByTrader(tx, clientId, patch, traderActor(clientId, meta), this.clock.now()),
    );
    return this.view(clientId);
  }

  /** Changing the password ends every other cabinet session of the trader; this one stays. */
  async changePassword(
    clientId: string,
    sessionId: string,
    current: string,
    next: string,
    meta: RequestMeta,
  ) {
    const [account] = await this.db
      .select()
      .from(traderAccounts)
      .where(eq(traderAccounts.clientId, clientId))
      .limit(1);
    if (!account) throw notFound('Cabinet');
    if (!(await verifyPassword(account.passwordHash, current)))
      throw badRequest('wrong_password', 'The current password is not correct', 'currentPassword');
    if (current === next) throw badRequest('password_unchanged', 'Choose a new password', 'newPassword');
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx
        .update(traderAccounts)
        .set({ passwordHash, passwordChangedAt: this.clock.now() })
        .where(eq(traderAccounts.clientId, clientId));
      // The emailed password no longer signs in, so it can no longer prove the address.
      await retireTokens(tx, clientId, 'emailed_password', this.clock.now());
      const ended = await this.sessions.endAllOf(tx, clientId, sessionId);
      await this.securityEvent(
        tx,
        clientId,
        'client.cabinet_password_changed',
        { sessionsEnded: ended },
        meta,
      );
    });
  }
}
