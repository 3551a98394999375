import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../src/app/context.js';
import type { Db } from '../../src/db/connection.js';
import { clients, tradingAccounts } from '../../src/db/schema.js';
import type { AccountState, PlatformEvent } from '../../src/modules/trading/platform-events.js';
import { signWebhook } from '../../src/core/webhook-signature.js';

let logins = 9_000_000;

/**
 * A client with one trading account on the configured platform, written straight to the tables (the
 * way an account opened earlier would look), so ingestion tests control every event that follows.
 */
export async function clientWithAccount(
  ctx: AppContext,
  opts: { managerId?: string | null; teamId?: string | null; kind?: 'demo' | 'live'; name?: string } = {},
) {
  const [client] = await ctx.database.db
    .insert(clients)
    .values({
      name: opts.name ?? `Trader ${randomBytes(3).toString('hex')}`,
      email: `t-${randomBytes(5).toString('hex')}@test.local`,
      status: opts.kind === 'demo' ? 'demo' : 'live',
      managerId: opts.managerId ?? null,
      teamId: opts.teamId ?? null,
      source: 'test',
    })
    .returning();
  const login = String((logins += 1));
  const [account] = await ctx.database.db
    .insert(tradingAccounts)
    .values({
      clientId: client!.id,
      platform: ctx.tradingPlatform.name,
      login,
      kind: opts.kind ?? 'live',
      currency: 'USD',
      leverage: 100,
    })
    .returning();
  return { client: client!, account: account!, login };
}

export const state = (over: Partial<AccountState> = {}): AccountState => ({
  balance: 1000,
  credit: 0,
  equity: 1000,
  margin: 0,
  freeMargin: 1000,
  marginLevel: null,
  ...over,
});

type Body<T extends PlatformEvent['type']> = Omit<
  Extract<PlatformEvent, { type: T }>,
  'id' | 'account' | 'seq' | 'at' | 'type'
>;

/** Writes one account's event stream the way a platform would: seq +1 per event, time moving on. */
export class EventStream {
  seq = 0;
  private time: number;
  constructor(
    readonly login: string,
    start = new Date('2026-11-20T10:00:00Z'),
  ) {
    this.time = start.getTime();
  }
  next<T extends PlatformEvent['type']>(type: T, body: Body<T> = {} as Body<T>): PlatformEvent {
    this.seq += 1;
    this.time += 1000;
    return {
      id: `${this.login}-${this.seq}`,
      account: this.login,
      seq: this.seq,
      at: new Date(this.time).toISOString(),
      type,
      ...body,
    } as PlatformEvent;
  }
}

/** Signs a batch for POST /api/trading/ingest as a gateway would. */
export function signedBatch(secret: string, events: unknown, opts: { id?: string; at?: Date } = {}) {
  const body = JSON.stringify({ events });
  const headers = signWebhook(secret, opts.id ?? `msg_${randomBytes(8).toString('hex')}`, body, opts.at);
  return { body, headers: { ...headers, 'content-type': 'application/json' } };
}

/**
 * Clients with one live account each on `platform`, created if missing: for a database that a server in
 * another process serves (tests/support/ingest-child.ts), where `clientWithAccount` has no context.
 */
export async function ensureAccounts(db: Db, platform: string, logins: string[]): Promise<void> {
  const existing = new Set(
    (
      await db
        .select({ login: tradingAccounts.login })
        .from(tradingAccounts)
        .where(and(eq(tradingAccounts.platform, platform), inArray(tradingAccounts.login, logins)))
    ).map((r) => r.login),
  );
  for (const login of logins.filter((l) => !existing.has(l))) {
    const [client] = await db
      .insert(clients)
      .values({ name: `Trader ${login}`, email: `${login}@test.local`, status: 'live', source: 'test' })
      .returning();
    await db
      .insert(tradingAccounts)
      .values({ clientId: client!.id, platform, login, kind: 'live', currency: 'USD', leverage: 100 });
  }
}
