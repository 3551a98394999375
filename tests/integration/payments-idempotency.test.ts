import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../../src/core/schema.js';
import { withIdempotency } from '../../src/core/idempotency.js';
import type { Executor } from '../../src/db/connection.js';
import { paymentRequests } from '../../src/db/schema.js';
import { signedIn, type TestServer } from '../support/server.js';
import {
  ledgerSum,
  manualSystem,
  newKey,
  paymentsServer,
  platformCents,
  traderWithAccount,
} from './payments-core.fixtures.js';

let server: TestServer;
let finance: Awaited<ReturnType<typeof signedIn>>;
let wire: Awaited<ReturnType<typeof manualSystem>>;

beforeAll(async () => {
  ({ server } = await paymentsServer());
  finance = await signedIn(server, 'finance');
  wire = await manualSystem(server);
});
afterAll(() => server?.close());

const db = () => server.ctx.database.db;
const requestsOf = (clientId: string) =>
  db().select().from(paymentRequests).where(eq(paymentRequests.clientId, clientId));

describe('Idempotency-Key on money routes', () => {
  it('is required: without it a deposit is a 400 naming the header, and nothing is written', async () => {
    const t = await traderWithAccount(server);
    const res = await t.api.call('POST', '/api/portal/payments/deposits', {
      login: t.login,
      systemId: wire.id,
      amount: 5_000,
      currency: 'USD',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
    const exec = await finance.api.call('POST', `/api/payments/requests/${randomUUID()}/execute`);
    expect(exec.body).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
    expect(await requestsOf(t.clientId)).toEqual([]);
  });

  it('the same key and body replays the first answer; a different body is a 409', async () => {
    const t = await traderWithAccount(server);
    const key = newKey();
    const body = { login: t.login, systemId: wire.id, amount: 5_000, currency: 'USD' };
    const first = await t.api.call('POST', '/api/portal/payments/deposits', body, key);
    const again = await t.api.call('POST', '/api/portal/payments/deposits', { ...body }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const changed = await t.api.call(
      'POST',
      '/api/portal/payments/deposits',
      { ...body, amount: 6_000 },
      key,
    );
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(await requestsOf(t.clientId)).toHaveLength(1);

    // Another trader's key is theirs alone.
    const other = await traderWithAccount(server);
    const theirs = await other.api.call(
      'POST',
      '/api/portal/payments/deposits',
      { ...body, login: other.login },
      key,
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.request.id).not.toBe(first.body.request.id);
  });

  it('a refused request releases its key: fixed and sent again with the same key, it goes through', async () => {
    const t = await traderWithAccount(server);
    const key = newKey();
    const body = { login: t.login, systemId: wire.id, amount: 10, currency: 'USD' };
    expect((await t.api.call('POST', '/api/portal/payments/deposits', body, key)).status).toBe(400);
    const fixed = await t.api.call('POST', '/api/portal/payments/deposits', { ...body, amount: 5_000 }, key);
    expect(fixed.status).toBe(201);
  });

  it('concurrent duplicates: one wins, the others replay it or are told it is in flight; nothing doubles', async () => {
    const t = await traderWithAccount(server);
    const key = newKey();
    const body = { login: t.login, systemId: wire.id, amount: 7_000, currency: 'USD' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.api.call('POST', '/api/portal/payments/deposits', body, key)),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.request.id)).size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(a.body.code).toBe('idempotency_in_flight');
    }
    expect(await requestsOf(t.clientId)).toHaveLength(1);

    // Finance executing with one key from two tabs at once: credited once.
    const before = await platformCents(server, t.login);
    const execKey = newKey();
    const id = created[0]!.body.request.id;
    const execs = await Promise.all(
      Array.from({ length: 5 }, () =>
        finance.api.call('POST', `/api/payments/requests/${id}/execute`, undefined, execKey),
      ),
    );
    expect(execs.some((e) => e.status === 200)).toBe(true);
    expect(execs.every((e) => e.status === 200 || e.body.code === 'idempotency_in_flight')).toBe(true);
    expect(await platformCents(server, t.login)).toBe(before + 7_000);
    const replay = await finance.api.call('POST', `/api/payments/requests/${id}/execute`, undefined, execKey);
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(await platformCents(server, t.login)).toBe(before + 7_000);
  });
});

describe('1,000 money operations on one account, 100 on the wire at a time (ten times the pool)', () => {
  it('end with the exact sum on the platform and in the ledger', async () => {
    const t = await traderWithAccount(server);
    const before = await platformCents(server, t.login);
    // 500 pending wires on one account (written directly: the cabinet route is tested above).
    const amounts = Array.from({ length: 500 }, (_, i) => 1_000 + i);
    const rows = await db()
      .insert(paymentRequests)
      .values(
        amounts.map((amount) => ({
          direction: 'deposit' as const,
          clientId: t.clientId,
          login: t.login,
          systemId: wire.id,
          status: 'pending' as const,
          amount,
          currency: 'USD',
          accountCurrency: 'USD',
          requestedBy: 'trader',
        })),
      )
      .returning({ id: paymentRequests.id });
    // 1,000 executions at once: every request twice, under two keys (two finance tabs, a retry).
    const ids = [...rows.map((r) => r.id), ...rows.map((r) => r.id)];
    // Each is a client that, like any HTTP client, retries with the same key while the server is busy
    // (503: no connection free within its wait) or still working on that key (409 in flight).
    const executeUntilAnswered = async (id: string) => {
      const key = newKey();
      for (;;) {
        const res = await finance.api.call('POST', `/api/payments/requests/${id}/execute`, undefined, key);
        if (res.status !== 503 && res.body?.code !== 'idempotency_in_flight') return res;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    // All 1,000 are issued together; at most 100 are on the wire at once, which is already ten times
    // the connection pool, so requests queue for connections and for the account's locks.
    const answers: Awaited<ReturnType<typeof executeUntilAnswered>>[] = [];
    const queue = ids.map((id, i) => ({ id, i }));
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift())
          answers[next.i] = await executeUntilAnswered(next.id);
      }),
    );
    // A posting cut off by a busy pool after its commit is the retry job's (it runs every few seconds).
    await server.ctx.posting.postDue(10_000);
    const ok = answers.filter((a) => a.status === 200).length;
    const outcomes: Record<string, number> = {};
    for (const a of answers)
      outcomes[`${a.status} ${a.body?.code ?? ''}`] =
        (outcomes[`${a.status} ${a.body?.code ?? ''}`] ?? 0) + 1;
    expect(ok, JSON.stringify(outcomes)).toBe(500);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'invalid_transition')).toHaveLength(500);
    const sum = amounts.reduce((a, b) => a + b, 0);
    expect(await ledgerSum(server, t.login)).toBe(sum);
    expect(await platformCents(server, t.login)).toBe(before + sum);
    const executed = await db()
      .select({ id: paymentRequests.id })
      .from(paymentRequests)
      .where(
        and(
          inArray(
            paymentRequests.id,
            rows.map((r) => r.id),
          ),
          eq(paymentRequests.status, 'executed'),
        ),
      );
    expect(executed.length).toBe(500);
  }, 600_000);
});

describe('a claim taken over after the timeout', () => {
  it('the slow first request cannot store its answer or its change: 409, the taker’s stands', async () => {
    const key = randomUUID();
    const req = { key, principal: 'test', method: 'POST', route: '/test/takeover', body: { a: 1 } };
    // Each run's change: a row of its own, written in its commit's transaction.
    const effect = (tx: Executor, who: string) =>
      tx
        .insert(idempotencyKeys)
        .values({ scope: 'effect', key: `${key}:${who}`, requestHash: who, status: 'done' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let claimed!: () => void;
    const started = new Promise<void>((r) => (claimed = r));
    const slow = withIdempotency(db(), req, 200, async (commit) => {
      claimed();
      await gate;
      return commit(async (tx) => {
        await effect(tx, 'slow');
        return { by: 'slow' };
      });
    });
    await started;
    // The first looks dead: its claim is older than the timeout.
    await db()
      .update(idempotencyKeys)
      .set({ createdAt: sql`now() - interval '2 minutes'` })
      .where(eq(idempotencyKeys.key, key));
    const taker = await withIdempotency(db(), req, 200, (commit) =>
      commit(async (tx) => {
        await effect(tx, 'taker');
        return { by: 'taker' };
      }),
    );
    expect(taker).toMatchObject({ body: { by: 'taker' }, replayed: false });
    release();
    await expect(slow).rejects.toMatchObject({ status: 409, code: 'idempotency_in_flight' });
    const replay = await withIdempotency(db(), req, 200, async () => ({ by: 'third' }));
    expect(replay).toMatchObject({ body: { by: 'taker' }, replayed: true });
    // The slow one's change was rolled back with its transaction.
    const effects = await db().select().from(idempotencyKeys).where(eq(idempotencyKeys.scope, 'effect'));
    expect(effects.map((e) => e.key)).toEqual([`${key}:taker`]);
  });
});
