import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { appendEvents } from '../../core/events.js';
import { badRequest, conflict } from '../../core/errors.js';
import type { RequestMeta } from '../../core/http.js';
import { clientAudience, lockClient, setClientLogin } from '../clients/index.js';
import { generatePassword, hashPassword } from '../identity/index.js';
import { CabinetCore, dropEmpty, traderActor } from './cabinet-core.js';
import type { RegisterInput } from './contracts.js';
import { cabinetReadyMail, confirmEmailMail } from './mails.js';
import { traderAccounts } from './schema.js';
import { consumeToken, issueToken } from './tokens.js';

/** Opening a cabinet (by the trader or by staff) and confirming its email. */
export abstract class CabinetRegistration extends CabinetCore {
  // ── registration ────────────────────────────────────────────────────────────────────────────────

  /**
   * Situation 1: a visitor registers. One transaction creates the client (manager assigned by the
   * rules and notified), the cabinet account, the status move Lead → Demo, the confirmation link and
   * its email, and the first session. The email is delivered after commit.
   */
  async register(input: RegisterInput, meta: RequestMeta) {
    await this.spend(
      `reg:${meta.ip ?? 'unknown'}`,
      this.limits.registrationsPerIp,
      'registrations from your network',
    );
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    const utm = input.utm ? dropEmpty(input.utm) : {};
    const result = await this.guardUnique('email', () =>
      this.db.transaction(async (tx) => {
        if (await this.identifierTaken(tx, input.email))
          throw conflict(
            'email_taken',
            'An account with this email already exists. Sign in or reset your password; if you never had a cabinet, contact support.',
            'email',
          );
        const created = await this.deps.clients.createInTx(
          tx,
          {
            name: input.name,
            email: input.email,
            phone: input.phone,
            country: input.country,
            language: input.language,
            source: input.source ?? utm.source ?? 'website',
            utm,
            referralCode: input.referralCode || null,
            login: input.email,
          },
          { actor: { id: null, ip: meta.ip }, kind: 'registration' },
        );
        await tx.insert(traderAccounts).values({
          clientId: created.id,
          passwordHash,
          termsAcceptedAt: now,
          riskAcceptedAt: now,
          passwordChangedAt: now,
          createdAt: now,
        });
        await this.deps.clients.applyTrigger(tx, created.id, 'cabinet_registered', {
          actorId: created.id,
          actorKind: 'trader',
          ip: meta.ip,
          payload: { via: 'self_registration' },
        });
        const token = await issueToken(tx, created.id, 'confirm_email', now);
        await this.mailClient(
          tx,
          created,
          confirmEmailMail(this.deps.baseUrl, created.name, token),
          traderActor(created.id, meta),
        );
        const session = await this.sessions.create(tx, created.id, meta);
        return { clientId: created.id, session };
      }),
    );
    void this.deps.mailer.flush().catch(() => {});
    return { session: result.session, client: await this.view(result.clientId) };
  }

  /**
   * Situation 2: a manager opens the cabinet; the generated password exists only in the email. No
   * confirmation link is sent: signing in with that password proves the address (see `login`).
   */
  async openByStaff(actor: Actor, clientId: string, requestedLogin: string | undefined) {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    const outcome = await this.guardUnique('login', () =>
      this.db.transaction(async (tx) => {
        const client = await lockClient(tx, clientId);
        if (!client.email)
          throw badRequest(
            'email_required',
            'Add the client’s email first: the password is sent there',
            'email',
          );
        const [existing] = await tx
          .select({ id: traderAccounts.clientId })
          .from(traderAccounts)
          .where(eq(traderAccounts.clientId, clientId))
          .limit(1);
        if (existing) throw conflict('already_registered', 'This client already has a cabinet');
        const login = (requestedLogin ?? client.email).toLowerCase();
        if (await this.identifierTaken(tx, login, clientId))
          throw conflict('login_taken', 'This login is already used by another client', 'login');
        await setClientLogin(tx, clientId, login, now);
        await tx
          .insert(traderAccounts)
          .values({ clientId, passwordHash, passwordChangedAt: now, createdAt: now });
        await issueToken(tx, clientId, 'emailed_password', now);
        const status = await this.deps.clients.applyTrigger(tx, clientId, 'cabinet_registered', {
          actorId: actor.id,
          actorKind: 'staff',
          ip: actor.ip,
          payload: { via: 'staff', login },
        });
        await this.mailClient(tx, client, cabinetReadyMail(this.deps.baseUrl, client.name, login, password), {
          actorId: actor.id,
          actorKind: 'staff',
          ip: actor.ip,
        });
        return { login, status, emailedTo: client.email };
      }),
    );
    void this.deps.mailer.flush().catch(() => {});
    return outcome;
  }

  // ── email confirmation ──────────────────────────────────────────────────────────────────────────

  async confirmEmail(token: string, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const clientId = await consumeToken(tx, token, 'confirm_email', now);
      const client = await this.clientRow(tx, clientId);
      await tx
        .update(traderAccounts)
        .set({ emailConfirmedAt: sql`coalesce(${traderAccounts.emailConfirmedAt}, ${now})` })
        .where(eq(traderAccounts.clientId, clientId));
      await appendEvents(tx, [
        {
          ...traderActor(clientId, meta),
          type: 'client.email_confirmed',
          subjectType: 'client',
          subjectId: clientId,
          payload: { email: client.email, clientName: client.name },
          audience: clientAudience(client),
        },
      ]);
    });
  }

  async resendConfirmation(clientId: string, meta: RequestMeta): Promise<void> {
    const [account] = await this.db
      .select()
      .from(traderAccounts)
      .where(eq(traderAccounts.clientId, clientId))
      .limit(1);
    if (account?.emailConfirmedAt) throw conflict('already_confirmed', 'Your email is already confirmed');
    await this.spend(`tresend:${clientId}`, this.limits.confirmationResends, 'confirmation emails');
    await this.db.transaction(async (tx) => {
      const client = await this.clientRow(tx, clientId);
      if (!client.email) throw badRequest('email_required', 'There is no email to confirm', 'email');
      const token = await issueToken(tx, clientId, 'confirm_email', this.clock.now());
      await this.mailClient(
        tx,
        client,
        confirmEmailMail(this.deps.baseUrl, client.name, token),
        traderActor(clientId, meta),
      );
    });
    void this.deps.mailer.flush().catch(() => {});
  }
}
