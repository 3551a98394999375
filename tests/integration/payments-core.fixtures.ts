import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { clients, paymentLedger, paymentSystems, tradingAccounts } from '../../src/db/schema.js';
import { newWebhookSecret, signWebhook } from '../../src/core/webhook-signature.js';
import type { ProviderCallback } from '../../src/modules/payments/provider.js';
import { ApiClient, startTestServer, type TestServer } from '../support/server.js';

/** A test server whose simulated provider signs with a secret the test knows. */
export async function paymentsServer(env: Record<string, string> = {}) {
  const secret = newWebhookSecret();
  const server = await startTestServer({ env: { PAYMENTS_SIM_SECRET: secret, ...env } });
  return { server, secret };
}

let ips = 0;

/**
 * A registered trader signed in to the cabinet, with a live account opened on the platform (the
 * built-in simulator) and recorded in trading_accounts, optionally managed by `managerId`.
 */
export async function traderWithAccount(
  server: TestServer,
  opts: { managerId?: string; teamId?: string | null; currency?: string; country?: string | null } = {},
) {
  const email = `payer.${randomBytes(5).toString('hex')}@example.test`;
  const password = 'correct-horse-battery';
  const ip = `10.77.${Math.floor(++ips / 250)}.${ips % 250}`;
  const { client } = await server.ctx.cabinet.register(
    {
      name: 'Siti Rahma',
      email,
      phone: `+62 812 ${1000 + (ips % 9000)} ${String(ips).padStart(4, '0')}`,
      country: opts.country === undefined ? 'ID' : opts.country,
      language: 'en',
      password,
      acceptTerms: true,
      acceptRisk: true,
    },
    { ip, userAgent: null },
  );
  const db = server.ctx.database.db;
  if (opts.managerId !== undefined)
    await db
      .update(clients)
      .set({ managerId: opts.managerId, teamId: opts.teamId ?? null })
      .where(eq(clients.id, client.id));
  const currency = opts.currency ?? 'USD';
  const opened = await server.ctx.tradingPlatform.openAccount({
    clientId: client.id,
    name: 'Siti Rahma',
    email,
    kind: 'live',
    currency,
    leverage: 100,
  });
  await db.insert(tradingAccounts).values({
    clientId: client.id,
    platform: server.ctx.tradingPlatform.name,
    login: opened.login,
    kind: 'live',
    currency,
    leverage: 100,
  });
  const api = new ApiClient(server.app);
  const res = await api.call('POST', '/api/portal/login', { email, password });
  if (res.status !== 200) throw new Error(`trader login failed: ${JSON.stringify(res.body)}`);
  return { clientId: client.id, login: opened.login, email, api };
}

export async function manualSystem(
  server: TestServer,
  over: Partial<typeof paymentSystems.$inferInsert> = {},
) {
  const [row] = await server.ctx.database.db
    .insert(paymentSystems)
    .values({
      name: 'Bank wire',
      kind: 'manual',
      method: 'bank_wire',
      currencies: ['USD', 'EUR'],
      minAmount: 1_000,
      maxAmount: 100_000_000,
      instructions: { en: 'IBAN DE00 0000 0000 0000. Quote your reference.' },
      directions: ['deposit', 'withdrawal'],
      ...over,
    })
    .returning();
  return row!;
}

export async function cardSystem(server: TestServer, over: Partial<typeof paymentSystems.$inferInsert> = {}) {
  return manualSystem(server, {
    name: 'Card',
    kind: 'automatic',
    method: 'card',
    provider: 'sim',
    instructions: {},
    ...over,
  });
}

export const newKey = () => ({ 'idempotency-key': randomUUID() });

/** A callback body for a request, as the provider would send it. */
export const callbackBody = (
  over: Partial<ProviderCallback> & Pick<ProviderCallback, 'type' | 'requestId' | 'providerRef' | 'amount'>,
): ProviderCallback => ({
  id: `evt_${randomBytes(8).toString('hex')}`,
  currency: 'USD',
  occurredAt: new Date().toISOString(),
  ...over,
});

/** Posts a callback signed with `secret` at `at` (the server's clock by default). */
export function postCallback(
  server: TestServer,
  secret: string,
  body: ProviderCallback | string,
  opts: { at?: Date; id?: string; tamper?: (raw: string) => string } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const id = opts.id ?? (typeof body === 'string' ? 'evt_raw' : body.id);
  const headers = signWebhook(secret, id, raw, opts.at ?? server.clock.now());
  const sent = opts.tamper ? opts.tamper(raw) : raw;
  return new ApiClient(server.app).call('POST', '/api/payments/callbacks/sim', sent, { ...headers });
}

/** Balance on the platform, in cents. */
export const platformCents = async (server: TestServer, login: string) =>
  Math.round((await server.ctx.tradingPlatform.readAccount(login)).balance * 100);

/** Sum of the ledger for an account, minor units. */
export async function ledgerSum(server: TestServer, login: string): Promise<number> {
  const [row] = await server.ctx.database.db
    .select({ total: sql<string>`coalesce(sum(${paymentLedger.amount}), 0)` })
    .from(paymentLedger)
    .where(eq(paymentLedger.login, login));
  return Number(row?.total ?? 0);
}
