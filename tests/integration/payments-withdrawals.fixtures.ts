import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { mailOutbox, settings } from '../../src/core/schema.js';
import { paymentLedger, paymentRequests, paymentSystems } from '../../src/modules/payments/schema.js';
import { tradingAccounts, tradingBalanceOps } from '../../src/modules/trading/schema.js';
import { ApiClient, signedIn, type TestServer } from '../support/server.js';

// Shared by the withdrawal and reconciliation tests: a verified trader with a funded live account on
// the simulator, a payment system, finance users, and reads of what landed where.

const uniq = () => randomBytes(4).toString('hex');
let ip = 0;

/** A trader registered and confirmed in the cabinet, signed in, with a live USD account. */
export async function liveTrader(server: TestServer) {
  const api = new ApiClient(server.app);
  const email = `wd.${uniq()}@example.test`;
  ip += 1;
  const res = await api.call(
    'POST',
    '/api/portal/register',
    {
      name: `Trader ${uniq()}`,
      email,
      phone: `+6281${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
      country: 'ID',
      language: 'en',
      password: 'correct-horse-battery',
      acceptTerms: true,
      acceptRisk: true,
    },
    { 'x-forwarded-for': `10.40.${Math.floor(ip / 250)}.${(ip % 250) + 1}` },
  );
  if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
  const clientId = res.body.client.id as string;
  const db = server.ctx.database.db;
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
  const token = server.ctx.mailer.unseal(mail!.text).match(/confirm\?token=([A-Za-z0-9_-]+)/)![1];
  const confirmed = await new ApiClient(server.app).call('POST', '/api/portal/confirm-email', { token });
  if (confirmed.status !== 200) throw new Error('confirm failed');
  const opened = await api.call('POST', '/api/cabinet/accounts', { kind: 'live', currency: 'USD' });
  if (opened.status !== 201) throw new Error(`open failed: ${JSON.stringify(opened.body)}`);
  return { api, email, clientId, login: opened.body.account.login as string };
}

/**
 * Credits the account the way a deposit does, on both sides (a request, its ledger entry, the platform
 * posting under the same op id), so the books agree before a test changes them.
 */
export async function fund(
  server: TestServer,
  t: { clientId: string; login: string },
  systemId: string,
  cents: number,
) {
  const { id, opId } = await recordDeposit(server, t, systemId, cents);
  await server.ctx.tradingPlatform.balanceOperation(t.login, {
    id: opId,
    kind: 'deposit',
    amount: cents / 100,
  });
  return { id, opId };
}

/** The payments side of an executed deposit only (request and ledger entry under `opId`), not posted. */
export async function recordDeposit(
  server: TestServer,
  t: { clientId: string; login: string },
  systemId: string,
  cents: number,
  opId?: string,
) {
  const db = server.ctx.database.db;
  const id = randomUUID();
  opId ??= `dep:${id}`;
  await db.insert(paymentRequests).values({
    id,
    direction: 'deposit',
    clientId: t.clientId,
    login: t.login,
    systemId,
    status: 'executed',
    amount: cents,
    currency: 'USD',
    accountCurrency: 'USD',
    accountAmount: cents,
    requestedBy: 'trader',
    platformOpId: opId,
  });
  await db.insert(paymentLedger).values({
    requestId: id,
    clientId: t.clientId,
    login: t.login,
    entry: 'deposit',
    amount: cents,
    currency: 'USD',
    requestAmount: cents,
    requestCurrency: 'USD',
    platformOpId: opId,
    at: server.clock.now(),
  });
  return { id, opId };
}

export async function paymentSystem(
  server: TestServer,
  over: Partial<typeof paymentSystems.$inferInsert> = {},
) {
  const [row] = await server.ctx.database.db
    .insert(paymentSystems)
    .values({
      name: `Bank wire ${uniq()}`,
      kind: 'manual',
      method: 'bank_wire',
      currencies: ['USD', 'EUR'],
      minAmount: 1_000,
      maxAmount: 100_000_00,
      directions: ['deposit', 'withdrawal'],
      ...over,
    })
    .returning();
  return row!;
}

export async function verify(server: TestServer, compliance: ApiClient, clientId: string) {
  const res = await compliance.call('PUT', `/api/clients/${clientId}/verification`, { verified: true });
  if (res.status !== 204) throw new Error(`verify failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function setThreshold(server: TestServer, cents: number) {
  const value = { twoPersonThreshold: cents };
  await server.ctx.database.db
    .insert(settings)
    .values({ key: 'payments', value })
    .onConflictDoUpdate({ target: settings.key, set: { value } });
}

export const key = () => ({ 'idempotency-key': `k-${randomUUID()}` });

export async function staff(server: TestServer, role: 'finance' | 'compliance' | 'sales_manager') {
  return (await signedIn(server, role)).api;
}

export const platformBalance = async (server: TestServer, login: string) =>
  (await server.ctx.tradingPlatform.readAccount(login)).balance;

export const requestsOf = (server: TestServer, clientId: string) =>
  server.ctx.database.db
    .select()
    .from(paymentRequests)
    .where(and(eq(paymentRequests.clientId, clientId), eq(paymentRequests.direction, 'withdrawal')));

export const ledgerOf = (server: TestServer, requestId: string) =>
  server.ctx.database.db.select().from(paymentLedger).where(eq(paymentLedger.requestId, requestId));

export const mailsTo = (server: TestServer, email: string) =>
  server.ctx.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.createdAt));

/** Waits until ingestion has stored the platform's report of this operation. */
export async function ingested(server: TestServer, login: string, opId: string): Promise<void> {
  const db = server.ctx.database.db;
  for (let i = 0; i < 200; i++) {
    const [row] = await db
      .select({ opId: tradingBalanceOps.opId })
      .from(tradingBalanceOps)
      .innerJoin(tradingAccounts, eq(tradingAccounts.id, tradingBalanceOps.accountId))
      .where(and(eq(tradingAccounts.login, login), eq(tradingBalanceOps.opId, opId)));
    if (row) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`operation ${opId} on ${login} was never ingested`);
}
