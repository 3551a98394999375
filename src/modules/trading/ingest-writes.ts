import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { refreshClientsOnline as setClientsOnline, type OnlineFlip } from '../clients/index.js';
import type {
  AccountChange,
  BalanceOpWrite,
  ClosedByStopOut,
  DealWrite,
  EquityPointWrite,
  PositionWrite,
} from './ingest-plan.js';
import { tradingStopOuts } from './schema.js';

/**
 * The SQL half of ingestion: one write per table per batch, each taking the batch's rows as one JSON
 * parameter (`records`) rather than a VALUES row per event — the per-row cost of building statements
 * in JS is what would otherwise bound throughput. Every upsert is guarded by the sequence number it
 * carries. Most are statement fragments that ingest-batch.ts runs together, as the data-modifying
 * CTEs of one statement (one round trip per batch instead of one per table).
 */
type Rows = { rows: Record<string, unknown>[] };
export const run = async (tx: Executor, query: SQL) => ((await tx.execute(query)) as unknown as Rows).rows;
/**
 * A batch's rows as one JSON parameter, unpacked by Postgres (`json_to_recordset … as v(col type, …)`).
 * JSON.stringify is native; an array parameter per column is escaped element by element in JavaScript,
 * which profiling showed as the largest single cost of ingestion in this process.
 */
export const records = (rows: Record<string, unknown>[]) =>
  sql`json_to_recordset(${JSON.stringify(rows)}::json)`;

export async function upsertPositions(tx: Executor, rows: PositionWrite[]): Promise<void> {
  if (rows.length) await tx.execute(positionsUpsert(rows));
}

export function positionsUpsert(rows: PositionWrite[]): SQL {
  return sql`
    insert into trading_positions (account_id, position_id, symbol, side, volume, open_price, current_price, stop_loss,
                                   take_profit, profit, swap, opened_at, closed, seq, updated_at)
    select account_id, position_id, symbol, side, volume, open_price, current_price, stop_loss, take_profit, profit, swap,
           opened_at, closed, seq, updated_at
    from ${records(
      rows.map(({ accountId, seq, at, position: x }) => ({
        account_id: accountId,
        position_id: x.id,
        symbol: x.symbol,
        side: x.side,
        volume: x.volume,
        open_price: x.openPrice,
        current_price: x.currentPrice,
        stop_loss: x.stopLoss ?? null,
        take_profit: x.takeProfit ?? null,
        profit: x.profit,
        swap: x.swap,
        opened_at: x.openedAt,
        closed: x.closed,
        seq,
        updated_at: at,
      })),
    )} as v(account_id uuid, position_id text, symbol text, side text, volume float8, open_price float8, current_price float8,
            stop_loss float8, take_profit float8, profit float8, swap float8, opened_at timestamptz, closed bool, seq int8,
            updated_at timestamptz)
    on conflict (account_id, position_id) do update set
      symbol = excluded.symbol, side = excluded.side, volume = excluded.volume, open_price = excluded.open_price,
      current_price = excluded.current_price, stop_loss = excluded.stop_loss, take_profit = excluded.take_profit,
      profit = excluded.profit, swap = excluded.swap, opened_at = excluded.opened_at, closed = excluded.closed,
      seq = excluded.seq, updated_at = excluded.updated_at
    where trading_positions.seq < excluded.seq`;
}

/**
 * A stop-out closes positions; a position update newer than the stop-out still wins. The row keeps the
 * seq of the position update it holds (a stop-out carries no position data), so an older update that
 * arrives late still lands, and closeByEarlierStopOuts closes the row again.
 */
export async function closeStoppedOut(tx: Executor, closes: ClosedByStopOut[]): Promise<void> {
  const flat = closes.flatMap((c) => c.positionIds.map((id) => ({ ...c, id })));
  if (!flat.length) return;
  // Rare (a handful per account per crash), so one plain insert: kept for late position updates.
  await tx
    .insert(tradingStopOuts)
    .values(
      closes.map((c) => ({
        accountId: c.accountId,
        seq: c.seq,
        occurredAt: c.at,
        closedPositions: c.positionIds,
      })),
    )
    .onConflictDoNothing();
  await tx.execute(sql`
    update trading_positions p set closed = true, updated_at = v.at
    from ${records(flat.map((f) => ({ account_id: f.accountId, position_id: f.id, seq: f.seq, at: f.at })))}
      as v(account_id uuid, position_id text, seq int8, at timestamptz)
    where p.account_id = v.account_id and p.position_id = v.position_id and p.seq < v.seq`);
}

/**
 * The other order: a position update arrives after a stop-out (received earlier) that closed it. The
 * stop-out found no row, or an older one, so the row just written is closed again by the newest such
 * stop-out on record. Only late updates (below the account's highest seq) can be in that situation.
 */
export async function closeByEarlierStopOuts(tx: Executor, late: PositionWrite[]): Promise<void> {
  if (!late.length) return;
  await tx.execute(sql`
    update trading_positions p set closed = true, updated_at = s.occurred_at
    from (select distinct on (v.account_id, v.position_id) v.account_id, v.position_id, i.seq, i.occurred_at
          from ${records(late.map((r) => ({ account_id: r.accountId, position_id: r.position.id, seq: r.seq })))}
            as v(account_id uuid, position_id text, seq int8)
          join trading_stop_outs i on i.account_id = v.account_id and i.seq > v.seq
                                  and v.position_id = any(i.closed_positions)
          order by v.account_id, v.position_id, i.seq desc) s
    where p.account_id = s.account_id and p.position_id = s.position_id and p.seq < s.seq`);
}

export function dealsInsert(rows: DealWrite[]): SQL {
  return sql`
    insert into trading_deals (account_id, deal_id, position_id, symbol, side, entry, volume, price, profit, commission, swap, executed_at)
    select account_id, deal_id, position_id, symbol, side, entry, volume, price, profit, commission, swap, executed_at
    from ${records(
      rows.map(({ accountId, at, deal: x }) => ({
        account_id: accountId,
        deal_id: x.id,
        position_id: x.positionId ?? null,
        symbol: x.symbol,
        side: x.side,
        entry: x.entry,
        volume: x.volume,
        price: x.price,
        profit: x.profit,
        commission: x.commission,
        swap: x.swap,
        executed_at: at,
      })),
    )} as v(account_id uuid, deal_id text, position_id text, symbol text, side text, entry text, volume float8, price float8,
            profit float8, commission float8, swap float8, executed_at timestamptz)
    on conflict do nothing`;
}

/**
 * The batch's balance operations as a relation (`op_rows`), to insert and to join the inserted ones
 * back to: only those were new, so deposits are counted once however often they arrive.
 */
export function balanceOpRows(rows: BalanceOpWrite[]): SQL {
  return sql`select * from ${records(
    rows.map(({ accountId, seq, at, op }) => ({
      account_id: accountId,
      op_id: op.id,
      kind: op.kind,
      amount: op.amount,
      comment: op.comment ?? null,
      executed_at: at,
      seq,
    })),
  )} as v(account_id uuid, op_id text, kind text, amount float8, comment text, executed_at timestamptz, seq int8)`;
}

/** Inserts `op_rows` (balanceOpRows); returns the keys of the new ones. */
export const balanceOpsInsert = sql`
    insert into trading_balance_ops (account_id, op_id, kind, amount, comment, executed_at)
    select account_id, op_id, kind, amount, comment, executed_at from op_rows
    on conflict do nothing
    returning account_id, op_id`;

export function equityPointsUpsert(rows: EquityPointWrite[]): SQL {
  return sql`
    insert into trading_equity_points (account_id, minute, balance, equity, seq)
    select account_id, minute, balance, equity, seq
    from ${records(rows.map((r) => ({ account_id: r.accountId, minute: r.minute, balance: r.balance, equity: r.equity, seq: r.seq })))}
      as v(account_id uuid, minute timestamptz, balance float8, equity float8, seq int8)
    on conflict (account_id, minute) do update set balance = excluded.balance, equity = excluded.equity, seq = excluded.seq
    where trading_equity_points.seq < excluded.seq`;
}

/**
 * When the session that is current at `presenceSeq` began: the first login or heartbeat after the last
 * logout, by sequence. Only needed when presence events arrive out of order (the slow path).
 */
export async function sessionStart(
  tx: Executor,
  accountId: string,
  presenceSeq: number,
): Promise<Date | null> {
  const [row] = await run(
    tx,
    sql`select occurred_at as since from trading_inbox
        where account_id = ${accountId} and seq <= ${presenceSeq} and type in ('login', 'heartbeat')
          and seq > coalesce((select seq from trading_inbox
                              where account_id = ${accountId} and seq <= ${presenceSeq} and type = 'logout'
                              order by seq desc limit 1), 0)
        order by seq limit 1`,
  );
  return row?.since ? new Date(row.since as string) : null;
}

export interface AccountUpdate {
  id: string;
  change: AccountChange;
  seqContiguous: number;
  seqHigh: number;
  now: Date;
}

/**
 * One UPDATE for every account the batch touched. The rows are locked (FOR UPDATE) for the whole
 * transaction, so the values computed from them are still current; nulls mean "leave as is".
 * `depositsDelta` is what the batch adds to the account's net deposits, an expression over `a`.
 */
export function accountsUpdate(updates: AccountUpdate[], depositsDelta: SQL): SQL {
  return sql`
    update trading_accounts a set
      balance = coalesce(v.balance, a.balance), credit = coalesce(v.credit, a.credit), equity = coalesce(v.equity, a.equity),
      margin = coalesce(v.margin, a.margin), free_margin = coalesce(v.free_margin, a.free_margin),
      margin_level = case when v.state_seq is null then a.margin_level else v.margin_level end,
      state_seq = coalesce(v.state_seq, a.state_seq), state_at = coalesce(v.state_at, a.state_at),
      online = coalesce(v.online, a.online),
      online_since = case when v.presence_seq is null then a.online_since else v.online_since end,
      presence_seq = coalesce(v.presence_seq, a.presence_seq),
      last_seen_at = case when coalesce(v.online, a.online) then v.now else a.last_seen_at end,
      last_trade_at = coalesce(v.last_trade_at, a.last_trade_at),
      margin_call_at = coalesce(v.margin_call_at, a.margin_call_at),
      stop_out_at = coalesce(v.stop_out_at, a.stop_out_at),
      net_deposits = a.net_deposits + ${depositsDelta},
      seq_contiguous = v.seq_contiguous, seq_high = v.seq_high,
      alerts_dirty_at = case when v.dirty then v.now else a.alerts_dirty_at end
    from ${records(
      updates.map((u) => {
        const state = u.change.state;
        const presence = u.change.presence;
        return {
          id: u.id,
          balance: state?.value.balance ?? null,
          credit: state?.value.credit ?? null,
          equity: state?.value.equity ?? null,
          margin: state?.value.margin ?? null,
          free_margin: state?.value.freeMargin ?? null,
          margin_level: state?.value.marginLevel ?? null,
          state_seq: state?.seq ?? null,
          state_at: state?.at ?? null,
          online: presence?.online ?? null,
          online_since: presence?.since ?? null,
          presence_seq: presence?.seq ?? null,
          last_trade_at: u.change.lastTradeAt ?? null,
          margin_call_at: u.change.marginCallAt ?? null,
          stop_out_at: u.change.stopOutAt ?? null,
          seq_contiguous: u.seqContiguous,
          seq_high: u.seqHigh,
          dirty: u.change.dirty,
          now: u.now,
        };
      }),
    )} as v(id uuid, balance float8, credit float8, equity float8, margin float8, free_margin float8, margin_level float8,
            state_seq int8, state_at timestamptz, online bool, online_since timestamptz, presence_seq int8,
            last_trade_at timestamptz, margin_call_at timestamptz, stop_out_at timestamptz,
            seq_contiguous int8, seq_high int8, dirty bool, now timestamptz)
    where a.id = v.id`;
}

/**
 * A client is Online while any of their live accounts is: the earliest session start, or null. The flag
 * is the clients' (set through their face, which locks the clients first); the accounts are ours, so
 * the expression is. Returns the clients whose flag flipped, with what it is now.
 */
export function refreshClientsOnline(
  tx: Executor,
  clientIds: string[],
  opts: { locked?: boolean } = {},
): Promise<OnlineFlip[]> {
  return setClientsOnline(
    tx,
    clientIds,
    (clientId) => sql`(select min(a.online_since) from trading_accounts a
                        where a.client_id = ${clientId} and a.online and a.kind = 'live')`,
    opts,
  );
}
