import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { count, eq } from 'drizzle-orm';
import {
  events as eventLog,
  tradingAccounts,
  tradingIngestBatches,
  tradingInbox,
} from '../../src/db/schema.js';
import { newWebhookSecret } from '../../src/core/webhook-signature.js';
import type { PlatformEvent } from '../../src/modules/trading/platform-events.js';
import { ApiClient, startTestServer, type TestServer } from '../support/server.js';
import { clientWithAccount, signedBatch } from '../support/trading.js';
import {
  accountSnapshot,
  byTime,
  chunk,
  expectedSnapshot,
  missingBelowHigh,
  perturbationArb,
  perturbedDelivery,
  scriptArb,
  streamFrom,
  type Step,
} from '../support/trading-streams.js';

/**
 * Issue 4: "duplicated, out-of-order and missing events leave the same final state as the clean
 * sequence", and "a wrong signature … or a replayed batch writes nothing". The same generated platform
 * streams are applied cleanly to one set of accounts and delivered badly (shuffled across and within
 * batches, repeated, split at random, some dropped and resent) to another; the two must end up row for
 * row the same, and the clean one must be what the events say.
 */
const secret = newWebhookSecret();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: {
      TRADING_WEBHOOK_SECRET: secret,
      SIMULATED_TRADERS: 'false',
      // Sessions must not expire while the replay test moves the clock on.
      PRESENCE_TIMEOUT_SECONDS: '86400',
    },
  });
  // Alert evaluation is not under test here; its loop would only add writes between the counts below.
  await server.ctx.tradingAlerts.stop();
});
afterAll(() => server?.close());

const db = () => server.ctx.database.db;
const START = new Date('2026-11-20T10:00:00Z').getTime();

type Kind = 'live' | 'demo';
const accountArb = fc.record({
  steps: scriptArb(18),
  kind: fc.oneof(
    { weight: 4, arbitrary: fc.constant<Kind>('live') },
    { weight: 1, arbitrary: fc.constant<Kind>('demo') },
  ),
});

/** Two or three accounts' scripts, a clean batching, and a bad delivery of all their events. */
const scenario = (opts: { minDrops?: number } = {}) =>
  fc.array(accountArb, { minLength: 2, maxLength: 3 }).chain((specs) => {
    const n = specs.reduce((sum, s) => sum + streamFrom('x', s.steps).length, 0);
    return fc.record({
      specs: fc.constant(specs),
      cleanSizes: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 3 }),
      perturbation: perturbationArb(n, opts),
    });
  });

/** Fresh accounts, each with its own client; the same script gives the same events under another login. */
async function accountsFor(specs: { steps: Step[]; kind: Kind }[]) {
  const out = [];
  for (const [i, spec] of specs.entries()) {
    const { account, login } = await clientWithAccount(server.ctx, { kind: spec.kind });
    const events = streamFrom(login, spec.steps, new Date(START + i * 7_000));
    out.push({ account, login, kind: spec.kind, events });
  }
  return out;
}

const sortGaps = (gaps: { account: string; from: number; to: number }[]) =>
  [...gaps].sort((a, b) => a.account.localeCompare(b.account) || a.from - b.from);

/**
 * Delivers batches one at a time and checks every answer against what was sent so far: accepted = the
 * events neither seen by id nor by account and seq, duplicates = the rest, and for each account the batch
 * brought something new to, gaps = exactly the missing seqs below the highest received.
 */
async function deliver(batches: PlatformEvent[][]) {
  const received = new Map<string, Map<number, PlatformEvent>>();
  const ids = new Set<string>();
  for (const batch of batches) {
    const result = await server.ctx.tradingIngest.ingest(batch);
    const touched = new Set<string>();
    let accepted = 0;
    for (const e of batch) {
      const seqs = received.get(e.account) ?? new Map<number, PlatformEvent>();
      received.set(e.account, seqs);
      if (ids.has(e.id) || seqs.has(e.seq)) continue;
      ids.add(e.id);
      seqs.set(e.seq, e);
      accepted += 1;
      touched.add(e.account);
    }
    expect(result).toMatchObject({ accepted, duplicates: batch.length - accepted, unknownAccounts: [] });
    const gaps = [...touched].flatMap((login) =>
      missingBelowHigh(received.get(login)!.keys()).map(([from, to]) => ({ account: login, from, to })),
    );
    expect(sortGaps(result.gaps)).toEqual(sortGaps(gaps));
  }
  return (login: string) => [...(received.get(login)?.values() ?? [])];
}

describe('the same events, delivered badly', () => {
  it('shuffled, duplicated, split at random, some dropped and resent later: the same rows as the clean run', async () => {
    await fc.assert(
      fc.asyncProperty(scenario(), async ({ specs, cleanSizes, perturbation }) => {
        const clean = await accountsFor(specs);
        const messy = await accountsFor(specs);
        await deliver(chunk(byTime(clean.map((a) => a.events)), cleanSizes));
        await deliver(perturbedDelivery(byTime(messy.map((a) => a.events)), perturbation));

        for (const [i, a] of clean.entries()) {
          const expected = await accountSnapshot(db(), a.account.id);
          // The clean run is what the events say (so the two runs cannot merely be equally wrong)…
          expect(expected).toEqual(expectedSnapshot(a.events, a.kind));
          expect(expected.openGaps).toEqual([]);
          // …and the bad delivery left exactly the same rows.
          expect(await accountSnapshot(db(), messy[i]!.account.id)).toEqual(expected);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('events lost for good: the gaps are exactly the missing seqs below the highest, the rest is right', async () => {
    await fc.assert(
      fc.asyncProperty(scenario({ minDrops: 1 }), async ({ specs, perturbation }) => {
        const accounts = await accountsFor(specs);
        const receivedBy = await deliver(
          perturbedDelivery(byTime(accounts.map((a) => a.events)), perturbation, false),
        );
        for (const a of accounts) {
          const delivered = receivedBy(a.login);
          const snapshot = await accountSnapshot(db(), a.account.id);
          // Gaps, seq_contiguous and seq_high follow from the seqs received; every row from the newest
          // received event that writes it.
          expect(snapshot).toEqual(expectedSnapshot(delivered, a.kind));
          expect(snapshot.openGaps).toEqual(missingBelowHigh(delivered.map((e) => e.seq)));
          // Whenever the stream's last account state got through, the account shows the clean state.
          const lastState = a.events.filter((e) => 'state' in e).pop();
          if (lastState && delivered.some((e) => e.seq === lastState.seq)) {
            const { account: clean } = expectedSnapshot(a.events, a.kind);
            const pick = ({
              balance,
              credit,
              equity,
              margin,
              freeMargin,
              marginLevel,
              stateSeq,
            }: typeof clean) => ({ balance, credit, equity, margin, freeMargin, marginLevel, stateSeq });
            expect(pick(snapshot.account)).toEqual(pick(clean));
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('signed batches over HTTP', () => {
  const post = (body: string, headers: Record<string, string>) =>
    new ApiClient(server.app).call('POST', '/api/trading/ingest', body, headers);

  /** Everything a batch could have written: inbox, batch records, domain events, the account row. */
  async function footprint(accountId: string) {
    const n = async (table: typeof tradingInbox | typeof tradingIngestBatches | typeof eventLog) =>
      (await db().select({ n: count() }).from(table))[0]!.n;
    const [row] = await db().select().from(tradingAccounts).where(eq(tradingAccounts.id, accountId));
    const { alertsCheckedAt: _c, alertsDirtyAt: _d, ...account } = row!;
    return {
      inbox: await n(tradingInbox),
      batches: await n(tradingIngestBatches),
      events: await n(eventLog),
      account,
      snapshot: await accountSnapshot(db(), accountId),
    };
  }

  it('a replayed batch (same webhook-id, same body) writes nothing and gets the first answer again', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb(12), async (steps) => {
        const { account, login } = await clientWithAccount(server.ctx);
        const events = streamFrom(login, steps);
        const signed = signedBatch(secret, events, { at: server.clock.now() });
        const first = await post(signed.body, signed.headers);
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({ accepted: events.length, duplicates: 0 });
        const before = await footprint(account.id);

        // The very same request again, and half a minute later re-signed under the same id (a gateway retry).
        const again = await post(signed.body, signed.headers);
        server.clock.advance(30_000);
        const retry = signedBatch(secret, events, {
          id: signed.headers['webhook-id'],
          at: server.clock.now(),
        });
        const later = await post(retry.body, retry.headers);
        for (const res of [again, later]) {
          expect(res.status).toBe(200);
          expect(res.body).toEqual({ ...first.body, replayed: true });
        }
        expect(await footprint(account.id)).toEqual(before);
      }),
      { numRuns: 8 },
    );
  });

  it('a body changed after signing is refused with 401 and writes nothing', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    // A deposit, a login, an open position: something in every table.
    const events = streamFrom(login, [
      { pick: 20, x: 40_000, dt: 5 },
      { pick: 0, x: 1, dt: 5 },
      { pick: 40, x: 120, dt: 5 },
    ]);
    const signed = signedBatch(secret, events, { at: server.clock.now() });
    const parsed = JSON.parse(signed.body) as { events: (PlatformEvent & { op?: { amount: number } })[] };
    const tampered = [
      // One byte more: the same JSON, but not the bytes that were signed.
      `${signed.body} `,
      // The deposit made larger.
      JSON.stringify({
        events: parsed.events.map((e, i) => (i === 0 ? { ...e, op: { ...e.op, amount: 1e6 } } : e)),
      }),
      // An event taken out.
      JSON.stringify({ events: parsed.events.slice(1) }),
      // An event added.
      JSON.stringify({ events: [...parsed.events, { ...parsed.events[1]!, id: 'extra', seq: 99 }] }),
    ];
    const before = await footprint(account.id);
    for (const body of tampered) {
      const res = await post(body, signed.headers);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('bad_signature');
    }
    expect(await footprint(account.id)).toEqual(before);

    // The refused attempts did not use up the webhook-id: the genuine body still goes through.
    const genuine = await post(signed.body, signed.headers);
    expect(genuine.status).toBe(200);
    expect(genuine.body).toMatchObject({ accepted: events.length, duplicates: 0 });
    expect((await accountSnapshot(db(), account.id)).balanceOps).toHaveLength(1);
  });
});
