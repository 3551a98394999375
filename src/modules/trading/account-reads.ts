import { and, asc, desc, eq, gte, lte, not, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import type { Viewer } from '../../core/events.js';
import { badRequest, notFound } from '../../core/errors.js';
import type { Db } from '../../db/connection.js';
import { clientRefs } from '../clients/index.js';
import { clientScope } from '../identity/index.js';
import type {
  AccountView,
  BalanceOpView,
  DealView,
  EquityPoint,
  Page,
  PositionView,
  balanceOpsQuery,
  dealsQuery,
  equityQuery,
} from './contracts.js';
import {
  tradingAccounts,
  tradingBalanceOps,
  tradingDeals,
  tradingEquityPoints,
  tradingPositions,
} from './schema.js';

/**
 * Who reads: a staff member (through their record scope) or a trader in the cabinet (their own client
 * only). Both resolve an account the same way, so "not yours" is a 404 on every read, never a 403.
 */
export type Reader = { staff: Viewer } | { trader: string };

export type AccountRow = typeof tradingAccounts.$inferSelect;

const RANGE_MS: Record<z.output<typeof equityQuery>['range'], number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** Chart resolution per range: 60, 288, 336 and 360 points at most. */
const BUCKET_SECONDS: Record<z.output<typeof equityQuery>['range'], number> = {
  '1h': 60,
  '24h': 300,
  '7d': 1_800,
  '30d': 7_200,
};

/** Non-closed positions of the account in the same row (closed ones are tombstones). */
const openPositionsCount = sql<number>`(select count(*)::int from ${tradingPositions}
  where ${tradingPositions.accountId} = ${tradingAccounts.id} and not ${tradingPositions.closed})`.mapWith(
  Number,
);

/** The clients an account read resolves its reader against (see readerScope). */
const clients = clientRefs();

/** Mirrored account data for the staff workspace and the cabinet. Reads only; the ingest writes. */
export class AccountReads {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** A client's accounts, oldest first (the order they were opened). */
  async forClient(reader: Reader, clientId: string): Promise<AccountView[]> {
    const [client] = await this.db
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.id, clientId), readerScope(reader)))
      .limit(1);
    if (!client) throw notFound('Client');
    const rows = await this.db
      .select({ a: tradingAccounts, openPositions: openPositionsCount })
      .from(tradingAccounts)
      .where(eq(tradingAccounts.clientId, clientId))
      .orderBy(asc(tradingAccounts.createdAt), asc(tradingAccounts.id));
    return rows.map((r) => toAccountView(r.a, r.openPositions));
  }

  async get(reader: Reader, accountId: string): Promise<AccountView> {
    const [row] = await this.db
      .select({ a: tradingAccounts, openPositions: openPositionsCount })
      .from(tradingAccounts)
      .innerJoin(clients, eq(clients.id, tradingAccounts.clientId))
      .where(and(eq(tradingAccounts.id, accountId), readerScope(reader)))
      .limit(1);
    if (!row) throw notFound('Account');
    return toAccountView(row.a, row.openPositions);
  }

  /** Open positions, newest first. */
  async positions(reader: Reader, accountId: string): Promise<PositionView[]> {
    await this.visible(reader, accountId);
    const rows = await this.db
      .select()
      .from(tradingPositions)
      .where(and(eq(tradingPositions.accountId, accountId), not(tradingPositions.closed)))
      .orderBy(desc(tradingPositions.openedAt), desc(tradingPositions.positionId));
    return rows.map((p) => ({
      positionId: p.positionId,
      symbol: p.symbol,
      side: p.side,
      volume: p.volume,
      openPrice: p.openPrice,
      currentPrice: p.currentPrice,
      stopLoss: p.stopLoss,
      takeProfit: p.takeProfit,
      profit: p.profit,
      swap: p.swap,
      openedAt: p.openedAt.toISOString(),
    }));
  }

  /** Trade history, newest first; `from` and `to` are inclusive. */
  async deals(reader: Reader, accountId: string, q: z.output<typeof dealsQuery>): Promise<Page<DealView>> {
    await this.visible(reader, accountId);
    const where = [eq(tradingDeals.accountId, accountId), ...timeRange(tradingDeals.executedAt, q)];
    if (q.symbol) where.push(eq(tradingDeals.symbol, q.symbol));
    if (q.side) where.push(eq(tradingDeals.side, q.side));
    if (q.entry) where.push(eq(tradingDeals.entry, q.entry));
    const condition = and(...where);
    const [rows, [count]] = await Promise.all([
      this.db
        .select()
        .from(tradingDeals)
        .where(condition)
        .orderBy(desc(tradingDeals.executedAt), desc(tradingDeals.dealId))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.db
        .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
        .from(tradingDeals)
        .where(condition),
    ]);
    return {
      items: rows.map((d) => ({
        dealId: d.dealId,
        positionId: d.positionId,
        symbol: d.symbol,
        side: d.side,
        entry: d.entry,
        volume: d.volume,
        price: d.price,
        profit: d.profit,
        commission: d.commission,
        swap: d.swap,
        executedAt: d.executedAt.toISOString(),
      })),
      total: count?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Deposits, withdrawals, credit and corrections, newest first. */
  async balanceOps(
    reader: Reader,
    accountId: string,
    q: z.output<typeof balanceOpsQuery>,
  ): Promise<Page<BalanceOpView>> {
    await this.visible(reader, accountId);
    const condition = and(
      eq(tradingBalanceOps.accountId, accountId),
      q.kind ? eq(tradingBalanceOps.kind, q.kind) : undefined,
    );
    const [rows, [count]] = await Promise.all([
      this.db
        .select()
        .from(tradingBalanceOps)
        .where(condition)
        .orderBy(desc(tradingBalanceOps.executedAt), desc(tradingBalanceOps.opId))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.db
        .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
        .from(tradingBalanceOps)
        .where(condition),
    ]);
    return {
      items: rows.map((o) => ({
        opId: o.opId,
        kind: o.kind,
        amount: o.amount,
        comment: o.comment,
        executedAt: o.executedAt.toISOString(),
      })),
      total: count?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * The equity chart: the last stored point of each bucket within the range, oldest first, then the
   * account's current state as the last point, so the line always reaches "now". Buckets grow with the
   * range so a chart never gets more than a few hundred points (30 days of minutes would be 43,200).
   */
  async equity(reader: Reader, accountId: string, q: z.output<typeof equityQuery>): Promise<EquityPoint[]> {
    const account = await this.visible(reader, accountId);
    const now = this.clock.now();
    const bucket = BUCKET_SECONDS[q.range];
    const result = (await this.db.execute(sql`
      select distinct on (b) to_timestamp(floor(extract(epoch from ${tradingEquityPoints.minute}) / ${bucket}) * ${bucket}) as b,
             ${tradingEquityPoints.balance} as balance, ${tradingEquityPoints.equity} as equity
      from ${tradingEquityPoints}
      where ${tradingEquityPoints.accountId} = ${accountId}
        and ${tradingEquityPoints.minute} >= ${new Date(now.getTime() - RANGE_MS[q.range]).toISOString()}
      order by b, ${tradingEquityPoints.minute} desc`)) as unknown as {
      rows: { b: string | Date; balance: number | string; equity: number | string }[];
    };
    const points = result.rows.map((p) => ({
      at: new Date(p.b).toISOString(),
      balance: Number(p.balance),
      equity: Number(p.equity),
    }));
    // A platform clock slightly ahead of ours must not put "now" before the last stored point.
    const last = points.at(-1)?.at;
    const at = last && new Date(last) > now ? new Date(last) : now;
    points.push({ at: at.toISOString(), balance: account.balance, equity: account.equity });
    return points;
  }

  /** The account row when the reader may see it; otherwise 404. */
  async visible(reader: Reader, accountId: string): Promise<AccountRow> {
    const [row] = await this.db
      .select({ a: tradingAccounts })
      .from(tradingAccounts)
      .innerJoin(clients, eq(clients.id, tradingAccounts.clientId))
      .where(and(eq(tradingAccounts.id, accountId), readerScope(reader)))
      .limit(1);
    if (!row) throw notFound('Account');
    return row.a;
  }
}

/** The clients a reader may see: the staff record scope, or the trader's own client. */
function readerScope(reader: Reader): SQL {
  return 'staff' in reader ? clientScope(reader.staff, clients) : eq(clients.id, reader.trader);
}

function timeRange(column: typeof tradingDeals.executedAt, q: { from?: string; to?: string }): SQL[] {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from > to) throw badRequest('invalid_range', '`to` must not be before `from`', 'to');
  return [...(from ? [gte(column, from)] : []), ...(to ? [lte(column, to)] : [])];
}

export function toAccountView(a: AccountRow, openPositions: number): AccountView {
  return {
    id: a.id,
    clientId: a.clientId,
    platform: a.platform,
    login: a.login,
    kind: a.kind,
    currency: a.currency,
    leverage: a.leverage,
    balance: a.balance,
    credit: a.credit,
    equity: a.equity,
    margin: a.margin,
    freeMargin: a.freeMargin,
    marginLevel: a.marginLevel,
    netDeposits: a.netDeposits,
    floatingProfit: roundMoney(a.equity - a.balance - a.credit),
    openPositions,
    online: a.online,
    onlineSince: a.onlineSince?.toISOString() ?? null,
    lastTradeAt: a.lastTradeAt?.toISOString() ?? null,
    stateAt: a.stateAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

/** Cents: equity − balance in binary floating point leaves noise like 0.30000000000000004. */
export const roundMoney = (v: number) => Math.round(v * 100) / 100;
