import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tradingAccounts, tradingAlerts } from '../../src/db/schema.js';
import { AlertEvaluator } from '../../src/modules/trading/alerts/evaluator.js';
import { alertFixtures } from '../support/alerts.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';
import { EventStream, state } from '../support/trading.js';

// The evaluator decides without locking the accounts: ingestion of an account under evaluation goes
// through at once, and the evaluation's stale answer is not taken as the last word on that account.

let server: TestServer;
let manager: Awaited<ReturnType<typeof signedIn>>;
const { db, clientWithAccount, setState, alertsOf } = alertFixtures(() => server);

beforeAll(async () => {
  server = await startTestServer();
  manager = await signedIn(server, 'retention_manager');
});
afterAll(() => server?.close());

const accountRow = async (id: string) =>
  (await db().select().from(tradingAccounts).where(eq(tradingAccounts.id, id)))[0]!;

describe('evaluation and ingestion side by side', () => {
  it('a batch for an account being evaluated is applied before the evaluation writes, and the account is evaluated again', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    await setState(account.id, { equity: 500 }); // low equity: 5 % of 10,000 deposited
    const stream = new EventStream(account.login, server.clock.now());
    let ingested: Awaited<ReturnType<typeof server.ctx.tradingIngest.ingest>> | undefined;
    const evaluator = new AlertEvaluator(db(), server.clock, {
      // In the gap between deciding and writing, the platform reports the account recovered. With the
      // accounts locked across the evaluation (as before) this would wait for the evaluation, which
      // waits for it: the test would hang instead of passing.
      beforeWrite: async () => {
        ingested ??= await server.ctx.tradingIngest.ingest([
          stream.next('account', { state: state({ balance: 9_000, equity: 9_000, freeMargin: 9_000 }) }),
        ]);
      },
    });
    await evaluator.evaluateDirty();
    expect(ingested).toMatchObject({ accepted: 1 });
    const after = await accountRow(account.id);
    expect(after.equity).toBe(9_000);
    // Decided on the state it read (equity 500): the alert is raised, and the account stays dirty
    // because ingestion marked it again meanwhile, so the next evaluation sees the new equity.
    expect((await alertsOf(manager.api, client.id, '?open=true')).body).toMatchObject([
      { kind: 'low_equity' },
    ]);
    expect(after.alertsDirtyAt).not.toBeNull();
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await accountRow(account.id)).alertsDirtyAt).toBeNull();
    // Recovered, not yet for long enough to clear: the alert is open and counting its recovery.
    const alerts = await db().select().from(tradingAlerts).where(eq(tradingAlerts.accountId, account.id));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ clearedAt: null, recoveringSince: expect.any(Date) });
  });
});
