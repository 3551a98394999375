import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { clientTasks, events, notifications, tradingAccounts } from '../../src/db/schema.js';
import type { ApiClient, TestServer } from './server.js';

let nextLogin = 7_000_000;
const uniq = () => randomBytes(4).toString('hex');

/** Helpers for the alert tests, bound to a server started in `beforeAll` (hence the getter). */
export function alertFixtures(server: () => TestServer) {
  const db = () => server().ctx.database.db;
  return {
    db,
    /** A Live client of `managerId` with one funded live account (10,000 deposited, traded just now). */
    async clientWithAccount(managerId: string, over: Partial<typeof tradingAccounts.$inferInsert> = {}) {
      const s = server();
      const client = await db().transaction((tx) =>
        s.ctx.clients.createInTx(
          tx,
          {
            name: `Trader ${uniq()}`,
            email: `t.${uniq()}@mail.test`,
            phone: null,
            country: 'ID',
            language: 'id',
            source: 'google',
          },
          { actor: null, managerId, kind: 'lead' },
        ),
      );
      const now = s.clock.now();
      const [account] = await db()
        .insert(tradingAccounts)
        .values({
          clientId: client.id,
          platform: s.ctx.config.TRADING_PLATFORM,
          login: String(nextLogin++),
          kind: 'live',
          currency: 'USD',
          leverage: 100,
          balance: 10_000,
          equity: 10_000,
          freeMargin: 10_000,
          netDeposits: 10_000,
          lastTradeAt: now,
          createdAt: now,
          ...over,
        })
        .returning();
      return { client, account: account! };
    },
    /** What ingestion does: write the account's new state and mark it for the alert rules. */
    async setState(accountId: string, state: Partial<typeof tradingAccounts.$inferInsert>) {
      await db()
        .update(tradingAccounts)
        .set({ ...state, alertsDirtyAt: server().clock.now() })
        .where(eq(tradingAccounts.id, accountId));
    },
    alertsOf: (api: ApiClient, clientId: string, query = '') =>
      api.call('GET', `/api/clients/${clientId}/alerts${query}`),
    tasksOf: (clientId: string) => db().select().from(clientTasks).where(eq(clientTasks.clientId, clientId)),
    eventsOf: (clientId: string, type: string) =>
      db()
        .select()
        .from(events)
        .where(and(eq(events.subjectId, clientId), eq(events.type, type))),
    notificationsOf: (userId: string, type: string) =>
      db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.type, type))),
  };
}
