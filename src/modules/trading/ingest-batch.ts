import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { LIVE_CHANNEL } from '../../core/live.js';
import { clientRefs, onlineLock } from '../clients/index.js';
import type {
  AccountCursor,
  BalanceOpWrite,
  DealWrite,
  EquityPointWrite,
  PositionWrite,
} from './ingest-plan.js';
import {
  accountsUpdate,
  balanceOpRows,
  balanceOpsInsert,
  dealsInsert,
  equityPointsUpsert,
  positionsUpsert,
  records,
  run,
  type AccountUpdate,
} from './ingest-writes.js';
import type { PlatformEvent } from './platform-events.js';

/**
 * Ingestion's two big statements. A batch used to take ≈ 17 round trips to the database (one per
 * table, plus locks and NOTIFYs); each is a wait on a busy database and a turn of a busy event loop,
 * and they were most of a batch's time (docs/benchmarks.md, "Session 17"). Now the common batch
 * takes two: `startBatch` (claim the webhook id, lock the accounts, record the events) and
 * `writeBatch` (every table write as a data-modifying CTE, the batch's answer, its live NOTIFYs).
 * The CTEs of one statement see the same snapshot and none of them writes a row another one writes,
 * so the outcome is that of the separate statements in any order.
 */

export type LockedAccount = AccountCursor & {
  login: string;
  clientId: string;
  kind: string;
  currency: string;
  seqContiguous: number;
  seqHigh: number;
  clientName: string;
  managerId: string | null;
  teamId: string | null;
};

export interface BatchStart {
  /** False when the webhook id was seen before: nothing was locked or recorded. */
  claimed: boolean;
  /** The batch's known accounts by login, locked. */
  accounts: Map<string, LockedAccount>;
  /** Ids of the events recorded now (not seen before by id, nor by account and seq). */
  inserted: Set<string>;
}

/**
 * One statement: claim the webhook id (when given), lock the batch's accounts in id order (so
 * concurrent batches cannot deadlock) with their clients, and record the events of known accounts in
 * the inbox. Only the first of several events with one id counts, as it would in JavaScript; the
 * rows go in batch order, so of two events with one account and seq the first wins.
 */
export async function startBatch(
  tx: Executor,
  platform: string,
  events: PlatformEvent[],
  batch: { id: string; bodyHash: string | null } | null,
): Promise<BatchStart> {
  const c = clientRefs('c');
  const id = batch?.id ?? null;
  const ev = events.map((e, i) => ({
    i,
    event_id: e.id,
    login: e.account,
    seq: e.seq,
    type: e.type,
    occurred_at: e.at,
  }));
  const [row] = await run(
    tx,
    sql`with claimed as (
          insert into trading_ingest_batches (webhook_id, result)
          select ${id}::text, ${JSON.stringify({ bodyHash: batch?.bodyHash ?? null })}::jsonb where ${id}::text is not null
          on conflict do nothing
          returning 1),
        ev as materialized (
          select * from ${records(ev)}
            as v(i int, event_id text, login text, seq int8, type text, occurred_at timestamptz)),
        locked as materialized (
          select a.id, a.login, a.client_id as "clientId", a.kind, a.currency, a.state_seq as "stateSeq",
                 a.presence_seq as "presenceSeq", a.online, a.online_since as "onlineSince",
                 a.last_trade_at as "lastTradeAt", a.margin_call_at as "marginCallAt", a.stop_out_at as "stopOutAt",
                 a.seq_contiguous as "seqContiguous", a.seq_high as "seqHigh",
                 ${c.name} as "clientName", ${c.managerId} as "managerId", ${c.teamId} as "teamId"
          from trading_accounts a join ${c} on ${c.id} = a.client_id
          where a.platform = ${platform} and a.login in (select login from ev)
            and (${id}::text is null or exists (select from claimed))
          order by a.id
          for update of a),
        fresh as (
          insert into trading_inbox (event_id, account_id, seq, type, occurred_at)
          select event_id, account_id, seq, type, occurred_at
          from (select distinct on (ev.event_id) ev.i, ev.event_id, l.id as account_id, ev.seq, ev.type, ev.occurred_at
                from ev join locked l on l.login = ev.login
                order by ev.event_id, ev.i) d
          order by i
          on conflict do nothing
          returning event_id)
        select (select coalesce(json_agg(l), '[]'::json) from locked l) as accounts,
               (select coalesce(json_agg(event_id), '[]'::json) from fresh) as inserted,
               (${id}::text is null or exists (select from claimed)) as claimed`,
  );
  const date = (v: unknown) => (v == null ? null : new Date(v as string));
  const accounts = (row!.accounts as (LockedAccount & Record<string, unknown>)[]).map((a): LockedAccount => ({
    ...a,
    onlineSince: date(a.onlineSince),
    lastTradeAt: date(a.lastTradeAt),
    marginCallAt: date(a.marginCallAt),
    stopOutAt: date(a.stopOutAt),
  }));
  return {
    claimed: Boolean(row!.claimed),
    accounts: new Map(accounts.map((a) => [a.login, a])),
    inserted: new Set(row!.inserted as string[]),
  };
}

export interface BatchWrites {
  /** Null when already written (a batch with stop-outs or late position updates writes them first). */
  positions: PositionWrite[] | null;
  deals: DealWrite[];
  balanceOps: BalanceOpWrite[];
  equityPoints: EquityPointWrite[];
  accounts: AccountUpdate[];
  /** The answer recorded for the batch's webhook id. */
  answer: { id: string; result: Record<string, unknown> } | null;
  /** NOTIFY payloads on the live channel (livePayloads). */
  live: string[];
  /** Clients to lock for refreshClientsOnline (onlineLock), which then runs without its own lock. */
  onlineClients: string[];
}

/**
 * One statement for the rest of the batch: positions, deals, balance operations, equity points, the
 * accounts (whose net deposits count the operations that were new: the insert's RETURNING, summed in
 * sequence order as the separate statements did), the batch's recorded answer and its live NOTIFYs
 * (delivered on commit), and the lock on the clients whose Online flag the batch may flip (taken
 * after the accounts', as before). Returns the balance operations that were new.
 */
export async function writeBatch(tx: Executor, w: BatchWrites): Promise<BalanceOpWrite[]> {
  const parts: SQL[] = [];
  if (w.positions?.length) parts.push(sql`positions as (${positionsUpsert(w.positions)})`);
  if (w.deals.length) parts.push(sql`deals as (${dealsInsert(w.deals)})`);
  const ops = w.balanceOps.length > 0;
  if (ops)
    parts.push(
      sql`op_rows as materialized (${balanceOpRows(w.balanceOps)})`,
      sql`ops as (${balanceOpsInsert})`,
      sql`new_ops as (select r.* from op_rows r join ops using (account_id, op_id))`,
    );
  if (w.equityPoints.length) parts.push(sql`points as (${equityPointsUpsert(w.equityPoints)})`);
  const deposits = ops
    ? sql`coalesce((select sum(o.amount order by o.seq) from new_ops o
                    where o.account_id = a.id and o.kind in ('deposit', 'withdrawal')), 0)`
    : sql`0`;
  if (w.accounts.length) parts.push(sql`accounts as (${accountsUpdate(w.accounts, deposits)})`);
  if (w.answer)
    parts.push(sql`answer as (update trading_ingest_batches set result = ${JSON.stringify(w.answer.result)}::jsonb
                              where webhook_id = ${w.answer.id})`);
  parts.push(
    sql`live as materialized (select pg_notify(${LIVE_CHANNEL}, p)
                              from json_array_elements_text(${JSON.stringify(w.live)}::json) p)`,
  );
  if (w.onlineClients.length) parts.push(sql`online_lock as materialized (${onlineLock(w.onlineClients)})`);
  const [row] = await run(
    tx,
    sql`with ${sql.join(parts, sql`, `)}
        select ${ops ? sql`(select coalesce(json_agg(json_build_array(account_id, op_id)), '[]'::json) from ops)` : sql`'[]'::json`} as ops,
               (select count(*) from live) as notified,
               ${w.onlineClients.length ? sql`(select count(*) from online_lock)` : sql`0`} as locked`,
  );
  const keys = new Set((row!.ops as [string, string][]).map(([account, op]) => `${account} ${op}`));
  return w.balanceOps.filter((r) => keys.has(`${r.accountId} ${r.op.id}`));
}
