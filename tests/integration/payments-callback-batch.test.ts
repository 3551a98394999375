import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { paymentLedger, paymentRequests, providerCallbacks } from '../../src/db/schema.js';
import type { ProviderCallback } from '../../src/modules/payments/provider.js';
import { signedIn, type TestServer } from '../support/server.js';
import {
  callbackBody,
  cardSystem,
  ledgerSum,
  newKey,
  paymentsServer,
  platformCents,
  postCallback,
  traderWithAccount,
} from './payments-core.fixtures.js';

// Group commit (callback-batch.ts): callbacks submitted together share one transaction. These call the
// service directly so that they are known to land in one batch; the HTTP tests cover the route.
let server: TestServer;
let secret: string;
let manager: Awaited<ReturnType<typeof signedIn>>;
let card: Awaited<ReturnType<typeof cardSystem>>;

beforeAll(async () => {
  ({ server, secret } = await paymentsServer());
  manager = await signedIn(server, 'sales_manager');
  card = await cardSystem(server);
});
afterAll(() => server?.close());

const db = () => server.ctx.database.db;

async function awaitingDeposit(t: Awaited<ReturnType<typeof traderWithAccount>>, amount: number) {
  const res = await t.api.call(
    'POST',
    '/api/portal/payments/deposits',
    { login: t.login, systemId: card.id, amount, currency: 'USD' },
    newKey(),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const [r] = await db().select().from(paymentRequests).where(eq(paymentRequests.id, res.body.request.id));
  return callbackBody({ type: 'payment.succeeded', requestId: r!.id, providerRef: r!.providerRef!, amount });
}

/** Traders who have their FTD already, each with a second deposit awaiting payment (a plain success). */
async function repeatDepositors(n: number, amount: number) {
  const out: { login: string; before: number; success: ProviderCallback }[] = [];
  for (let i = 0; i < n; i++) {
    const t = await traderWithAccount(server, { managerId: manager.user.id });
    const first = await postCallback(server, secret, await awaitingDeposit(t, 1_000));
    expect(first.status).toBe(200);
    out.push({
      login: t.login,
      before: await platformCents(server, t.login),
      success: await awaitingDeposit(t, amount),
    });
  }
  return out;
}

const together = (cbs: readonly ProviderCallback[]) =>
  Promise.allSettled(cbs.map((cb) => server.ctx.callbacks.process('sim', cb.id, cb)));

describe('a batch of callbacks', () => {
  it('credits each once when copies (50 of one, several of others) arrive in the same batch', async () => {
    const traders = await repeatDepositors(4, 7_000);
    const before = { ...server.ctx.callbacks.batchStats('sim') };
    const sent = [
      ...Array.from({ length: 50 }, () => traders[0]!.success),
      ...traders.slice(1).flatMap((t) => [t.success, t.success, t.success]),
    ];
    const answers = await together(sent);
    const after = server.ctx.callbacks.batchStats('sim');
    expect(after.batches - before.batches).toBe(1); // all in one batch
    expect(answers.every((a) => a.status === 'fulfilled')).toBe(true);
    const results = answers.map((a) => (a as PromiseFulfilledResult<{ duplicate: boolean }>).value);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(4);
    for (const t of traders) {
      expect(await platformCents(server, t.login)).toBe(t.before + 7_000);
      expect(await ledgerSum(server, t.login)).toBe(8_000);
    }
    const ids = traders.map((t) => t.success.requestId);
    expect(
      await db().select().from(providerCallbacks).where(inArray(providerCallbacks.requestId, ids)),
    ).toHaveLength(4);
    const rows = await db().select().from(paymentRequests).where(inArray(paymentRequests.id, ids));
    expect(rows.every((r) => r.status === 'executed')).toBe(true);
    // Copies delivered again later (re-signed over HTTP) are duplicates and credit nothing.
    const again = await postCallback(server, secret, traders[1]!.success, {
      at: new Date(server.clock.now().getTime() + 60_000),
    });
    expect(again.body.duplicate).toBe(true);
    expect(await platformCents(server, traders[1]!.login)).toBe(traders[1]!.before + 7_000);
  });

  it('one bad callback in a batch fails alone; the others are credited', async () => {
    const traders = await repeatDepositors(3, 5_000);
    const bad = { ...traders[1]!.success, providerRef: 'not-its-ref' };
    const unknown = { ...traders[2]!.success, id: 'evt_unknown_req', requestId: crypto.randomUUID() };
    const before = { ...server.ctx.callbacks.batchStats('sim') };
    const answers = await together([traders[0]!.success, bad, unknown, traders[2]!.success]);
    expect(server.ctx.callbacks.batchStats('sim').batches - before.batches).toBe(1);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason).toMatchObject({ status: 400, code: 'bad_callback' });
    expect((answers[2] as PromiseRejectedResult).reason).toMatchObject({
      status: 422,
      code: 'unknown_request',
    });
    expect(await platformCents(server, traders[0]!.login)).toBe(traders[0]!.before + 5_000);
    expect(await platformCents(server, traders[2]!.login)).toBe(traders[2]!.before + 5_000);
    // The bad one wrote nothing: not credited, no callback row, and its genuine success still credits.
    expect(await platformCents(server, traders[1]!.login)).toBe(traders[1]!.before);
    expect(
      await db().select().from(providerCallbacks).where(eq(providerCallbacks.eventId, bad.id)),
    ).toHaveLength(0);
    const fixed = await postCallback(server, secret, { ...traders[1]!.success, id: 'evt_fixed_copy' });
    expect(fixed.status).toBe(200);
    expect(await platformCents(server, traders[1]!.login)).toBe(traders[1]!.before + 5_000);
    const entries = await db()
      .select()
      .from(paymentLedger)
      .where(eq(paymentLedger.requestId, traders[1]!.success.requestId));
    expect(entries).toHaveLength(1);
  });
});
