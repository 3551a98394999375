import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, idempotencyKeys } from '../../src/core/schema.js';
import { paymentRequests } from '../../src/modules/payments/schema.js';
import { startTestServer, type ApiClient, type TestServer } from '../support/server.js';
import {
  fund,
  key,
  ledgerOf,
  liveTrader,
  mailsTo,
  paymentSystem,
  platformBalance,
  requestsOf,
  setThreshold,
  staff,
  verify,
} from './payments-withdrawals.fixtures.js';

// Withdrawals from the cabinet against the built-in simulator: the hold lands on the platform at
// once, finance approves (two people above the threshold), pays or rejects; the hold is released once.

let server: TestServer;
let systemId: string;
let compliance: ApiClient;
let financeA: ApiClient;
let financeB: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true', SIMULATED_TRADERS: 'false' } });
  systemId = (await paymentSystem(server)).id;
  compliance = await staff(server, 'compliance');
  financeA = await staff(server, 'finance');
  financeB = await staff(server, 'finance');
  await setThreshold(server, 5_000_00);
});
afterAll(async () => {
  await server?.close();
});

/** A verified trader with 1,000.00 USD on a live account. */
async function fundedTrader(opts: { verified?: boolean } = {}) {
  const t = await liveTrader(server);
  await fund(server, t, systemId, 1_000_00);
  if (opts.verified !== false) await verify(server, compliance, t.clientId);
  return t;
}

const withdraw = (t: { api: ApiClient; login: string }, amount: unknown, headers = key()) =>
  t.api.call(
    'POST',
    '/api/portal/payments/withdrawals',
    { login: t.login, systemId, amount, details: { iban: 'DE89370400440532013000' } },
    headers,
  );

const act = (api: ApiClient, id: string, step: string, body?: unknown, headers = key()) =>
  api.call('POST', `/api/payments/withdrawals/${id}/${step}`, body, headers);

describe('requesting', () => {
  it('holds the amount on the platform at once, records the hold and tells the trader', async () => {
    const t = await fundedTrader();
    expect(await platformBalance(server, t.login)).toBe(1_000);
    const res = await withdraw(t, 250_00);
    expect(res.status).toBe(201);
    expect(res.body.request).toMatchObject({
      status: 'requested',
      amount: 250_00,
      currency: 'USD',
      login: t.login,
    });
    expect(await platformBalance(server, t.login)).toBe(750);

    const id = res.body.request.id as string;
    const ledger = await ledgerOf(server, id);
    expect(ledger).toMatchObject([
      { entry: 'withdrawal_hold', amount: -250_00, platformOpId: `wd:${id}`, actor: 'trader' },
    ]);
    const [requested] = await server.ctx.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'withdrawal.requested'), eq(events.subjectId, t.clientId)));
    expect(requested).toMatchObject({ actorKind: 'trader', payload: { requestId: id, amount: 250_00 } });
    expect(requested!.audience.permissions).toEqual(['payments.execute']);
    expect((await mailsTo(server, t.email)).map((m) => m.subject)).toContain('Withdrawal request received');
  });

  it('replays the first answer for the same key and body, and holds once', async () => {
    const t = await fundedTrader();
    const headers = key();
    const first = await withdraw(t, 100_00, headers);
    const again = await withdraw(t, 100_00, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await requestsOf(server, t.clientId)).toHaveLength(1);
    expect(await platformBalance(server, t.login)).toBe(900);
    const reused = await withdraw(t, 200_00, headers);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
  });

  it('refuses more than the free margin with 409 and writes nothing', async () => {
    const t = await fundedTrader();
    const res = await withdraw(t, 1_000_01);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'insufficient_free_margin', field: 'amount' });
    expect(await requestsOf(server, t.clientId)).toEqual([]);
    expect(await platformBalance(server, t.login)).toBe(1_000);
  });

  it('holds concurrent requests only as far as the free margin goes', async () => {
    const t = await fundedTrader();
    const answers = await Promise.all(Array.from({ length: 5 }, () => withdraw(t, 300_00)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.body.code).toBe('insufficient_free_margin');
    expect(await platformBalance(server, t.login)).toBe(100);
    const rows = await requestsOf(server, t.clientId);
    expect(rows.map((r) => r.status)).toEqual(['requested', 'requested', 'requested']);
    for (const r of rows)
      expect((await ledgerOf(server, r.id)).map((l) => l.entry)).toEqual(['withdrawal_hold']);
  });

  it('refuses an unverified client', async () => {
    const t = await fundedTrader({ verified: false });
    const res = await withdraw(t, 10_00);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('client_not_verified');
    expect(await requestsOf(server, t.clientId)).toEqual([]);
    expect(await platformBalance(server, t.login)).toBe(1_000);
  });

  it('answers bad amounts and a missing key with 400 naming the field', async () => {
    const t = await fundedTrader();
    for (const amount of [12.5, -100, 0, 1e16, '100', null]) {
      const res = await withdraw(t, amount);
      expect(res.status, JSON.stringify(amount)).toBe(400);
      expect(res.body.field, JSON.stringify(amount)).toBe('amount');
    }
    const below = await withdraw(t, 5_00);
    expect(below.body).toMatchObject({ code: 'amount_below_minimum', field: 'amount' });
    const noKey = await withdraw(t, 10_00, {} as ReturnType<typeof key>);
    expect(noKey.status).toBe(400);
    expect(noKey.body).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
    expect(await requestsOf(server, t.clientId)).toEqual([]);
    expect(await platformBalance(server, t.login)).toBe(1_000);
  });

  it('does not let a trader withdraw from another trader’s account', async () => {
    const owner = await fundedTrader();
    const other = await fundedTrader();
    const res = await withdraw({ api: other.api, login: owner.login }, 10_00);
    expect(res.status).toBe(404);
    expect(await requestsOf(server, owner.clientId)).toEqual([]);
    expect(await requestsOf(server, other.clientId)).toEqual([]);
  });
});

describe('finance', () => {
  it('approves below the threshold in one step, then marks it paid', async () => {
    const t = await fundedTrader();
    const id = (await withdraw(t, 300_00)).body.request.id as string;
    const approved = await act(financeA, id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', secondApproverId: null });
    const paid = await act(financeA, id, 'paid');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid' });
    expect((await ledgerOf(server, id)).map((l) => [l.entry, l.amount, l.requestAmount])).toEqual([
      ['withdrawal_hold', -300_00, 300_00],
      ['payout', 0, 300_00],
    ]);
    expect(await platformBalance(server, t.login)).toBe(700);
    expect((await mailsTo(server, t.email)).map((m) => m.subject)).toContain('Withdrawal paid');
  });

  it('needs a second, different finance user above the threshold', async () => {
    await setThreshold(server, 100_00);
    try {
      const t = await fundedTrader();
      const id = (await withdraw(t, 500_00)).body.request.id as string;
      const first = await act(financeA, id, 'approve');
      expect(first.body).toMatchObject({ status: 'approved_once' });
      const same = await act(financeA, id, 'approve');
      expect(same.status).toBe(403);
      expect(same.body.code).toBe('second_approver_required');
      expect(await act(financeA, id, 'paid').then((r) => r.body.code)).toBe('invalid_transition');
      const second = await act(financeB, id, 'approve');
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ status: 'approved' });
      expect(second.body.firstApproverId).not.toBe(second.body.secondApproverId);
      expect((await act(financeB, id, 'paid')).body.status).toBe('paid');
    } finally {
      await setThreshold(server, 5_000_00);
    }
  });

  it('rejects with a reason and releases the hold exactly once', async () => {
    const t = await fundedTrader();
    const id = (await withdraw(t, 400_00)).body.request.id as string;
    expect(await platformBalance(server, t.login)).toBe(600);
    const headers = key();
    const body = { reasonCode: 'compliance', note: 'Name on the account differs' };
    const rejected = await act(financeA, id, 'reject', body, headers);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReasonCode: 'compliance' });
    expect(await platformBalance(server, t.login)).toBe(1_000);

    const replay = await act(financeA, id, 'reject', body, headers);
    expect(replay.body).toEqual(rejected.body);
    const again = await act(financeB, id, 'reject', body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_rejected');
    expect(await platformBalance(server, t.login)).toBe(1_000);
    expect((await ledgerOf(server, id)).map((l) => [l.entry, l.amount, l.platformOpId])).toEqual([
      ['withdrawal_hold', -400_00, `wd:${id}`],
      ['hold_release', 400_00, `wdr:${id}`],
    ]);
    const mail = (await mailsTo(server, t.email)).find((m) => m.subject === 'Withdrawal request rejected');
    expect(mail?.text).toContain('Name on the account differs');
  });

  it('refuses an unknown reason, and "other" without a note', async () => {
    const t = await fundedTrader();
    const id = (await withdraw(t, 10_00)).body.request.id as string;
    const unknown = await act(financeA, id, 'reject', { reasonCode: 'nope' });
    expect(unknown.body).toMatchObject({ code: 'unknown_reason', field: 'reasonCode' });
    const bare = await act(financeA, id, 'reject', { reasonCode: 'other' });
    expect(bare.body).toMatchObject({ code: 'note_required', field: 'note' });
    expect((await requestsOf(server, t.clientId))[0]!.status).toBe('requested');
  });

  it('refuses managers and traders with nothing written', async () => {
    const t = await fundedTrader();
    const id = (await withdraw(t, 20_00)).body.request.id as string;
    const manager = await staff(server, 'sales_manager');
    for (const step of ['approve', 'paid', 'payout']) {
      const res = await act(manager, id, step);
      expect(res.status, step).toBe(403);
    }
    expect((await act(manager, id, 'reject', { reasonCode: 'other', note: 'x' })).status).toBe(403);
    const asTrader = await act(t.api, id, 'approve');
    expect(asTrader.status).toBe(401);
    const [row] = await server.ctx.database.db
      .select()
      .from(paymentRequests)
      .where(eq(paymentRequests.id, id));
    expect(row).toMatchObject({ status: 'requested', firstApproverId: null, rejectReasonCode: null });
    expect(await ledgerOf(server, id)).toHaveLength(1);
    const keys = await server.ctx.database.db.select().from(idempotencyKeys);
    expect(keys.filter((k) => k.scope.includes(`/withdrawals/:id/`) && k.scope.includes(id))).toEqual([]);
    expect(await platformBalance(server, t.login)).toBe(980);
  });
});

describe('the cabinet’s systems for a withdrawal', () => {
  it('lists only systems that pay out in the account’s currency; deposits may still convert', async () => {
    const eurOnly = await paymentSystem(server, { currencies: ['EUR'] });
    const t = await liveTrader(server);
    const ids = async (direction: string) => {
      const res = await t.api.call(
        'GET',
        `/api/portal/payments/systems?direction=${direction}&login=${t.login}`,
      );
      expect(res.status).toBe(200);
      return res.body.items.map((s: { id: string }) => s.id);
    };
    const out = await ids('withdrawal');
    expect(out).toContain(systemId);
    expect(out).not.toContain(eurOnly.id);
    expect(await ids('deposit')).toContain(eurOnly.id);
  });
});
