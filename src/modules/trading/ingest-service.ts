import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import { appendEvents, type EventPayload, type NewEvent } from '../../core/events.js';
import { conflict } from '../../core/errors.js';
import { queueLive, type LiveMessage } from '../../core/live.js';
import { accountsChanged } from './live-updates.js';
import { clientAudience, clientRefs } from '../clients/index.js';
import { planIngest, type AccountCursor, type IngestPlan } from './ingest-plan.js';
import {
  closeByEarlierStopOuts,
  closeStoppedOut,
  insertBalanceOps,
  insertDeals,
  insertInbox,
  refreshClientsOnline,
  sessionStart,
  updateAccounts,
  upsertEquityPoints,
  upsertPositions,
  type AccountUpdate,
} from './ingest-writes.js';
import type { IngestResult, PlatformEvent } from './platform-events.js';
import { tradingAccounts, tradingInbox, tradingIngestBatches, tradingStopOuts } from './schema.js';
import { advance, settleGaps } from './sequence-gaps.js';

/** The events of one account of a client that ingestion appends (crmEvents). */
type AccountEventType =
  | 'trading.client_online'
  | 'trading.client_offline'
  | 'trading.balance_operation'
  | 'trading.margin_call'
  | 'trading.stop_out';

type LockedAccount = AccountCursor & {
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

export interface IngestOptions {
  /** Standard Webhooks `webhook-id`: a batch seen before is answered from the record, nothing written. */
  batchId?: string;
  /** A hash of the signed body: the same id with a different body is a gateway bug, refused with 409. */
  bodyHash?: string;
}

/**
 * Takes platform events into the CRM: in one transaction it records them (idempotently), applies them
 * to accounts, positions, deals and balance operations (newest by sequence wins), tracks gaps, updates
 * presence, and tells the managers. A batch is acknowledged only after that transaction commits, so an
 * acknowledged event can never be lost, and a retried one is a no-op.
 */
export class IngestService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Accounts are matched by login on this platform. */
    private readonly platform: string,
    private readonly hooks: { onGaps?: (count: number) => void } = {},
  ) {}

  async ingest(
    events: PlatformEvent[],
    opts: IngestOptions = {},
  ): Promise<IngestResult & { replayed?: boolean }> {
    return this.db.transaction(async (tx) => {
      if (opts.batchId) {
        const claimed = await tx
          .insert(tradingIngestBatches)
          .values({ webhookId: opts.batchId, result: { bodyHash: opts.bodyHash ?? null } })
          .onConflictDoNothing()
          .returning({ id: tradingIngestBatches.webhookId });
        if (!claimed.length) {
          const [previous] = await tx
            .select({ result: tradingIngestBatches.result })
            .from(tradingIngestBatches)
            .where(eq(tradingIngestBatches.webhookId, opts.batchId));
          const { bodyHash, ...answer } = previous!.result as IngestResult & { bodyHash?: string | null };
          if (opts.bodyHash && bodyHash && bodyHash !== opts.bodyHash)
            throw conflict(
              'webhook_id_reused',
              'This webhook-id was already used for a different batch; give every batch its own id',
              'webhook-id',
            );
          return { ...answer, replayed: true };
        }
      }
      const { result, news, live } = await this.apply(tx, events);
      await queueLive(tx, live);
      if (opts.batchId)
        await tx
          .update(tradingIngestBatches)
          .set({ result: { ...result, bodyHash: opts.bodyHash ?? null } })
          .where(eq(tradingIngestBatches.webhookId, opts.batchId));
      // Written just before commit, under the event log's lock (see appendEvents).
      await appendEvents(tx, news);
      return result;
    });
  }

  private async apply(
    tx: Executor,
    events: PlatformEvent[],
  ): Promise<{ result: IngestResult; news: NewEvent[]; live: LiveMessage[] }> {
    const now = this.clock.now();
    const accounts = await this.lockAccounts(tx, [...new Set(events.map((e) => e.account))]);
    const forUnknown = events.filter((e) => !accounts.has(e.account));
    const unknownAccounts = [...new Set(forUnknown.map((e) => e.account))];
    // The same id twice in one batch counts once; the database settles repeats across batches.
    const seen = new Set<string>();
    const known = events.filter((e) => accounts.has(e.account) && !seen.has(e.id) && seen.add(e.id));
    const inserted = await insertInbox(
      tx,
      known.map((event) => ({ event, accountId: accounts.get(event.account)!.id })),
    );
    const fresh = known
      .filter((e) => inserted.has(e.id))
      .map((e) => ({ ...e, accountId: accounts.get(e.account)!.id }))
      .sort((a, b) => a.seq - b.seq);
    const result: IngestResult = {
      accepted: fresh.length,
      duplicates: events.length - forUnknown.length - fresh.length,
      unknownAccounts,
      gaps: [],
    };
    if (!fresh.length) return { result, news: [], live: [] };

    const byId = new Map([...accounts.values()].map((a) => [a.id, a]));
    const plan = planIngest(fresh, byId);
    await upsertPositions(tx, plan.positions);
    await closeByEarlierStopOuts(
      tx,
      plan.positions.filter((p) => p.seq < byId.get(p.accountId)!.seqHigh),
    );
    await closeStoppedOut(tx, plan.stopOutCloses);
    await insertDeals(tx, plan.deals);
    const newOps = await insertBalanceOps(tx, plan.balanceOps);
    await upsertEquityPoints(tx, plan.equityPoints);

    const seqsOf = groupBy(fresh, (e) => e.accountId);
    const depositsOf = groupBy(
      newOps.filter((o) => o.op.kind === 'deposit' || o.op.kind === 'withdrawal'),
      (o) => o.accountId,
    );
    const updates: AccountUpdate[] = [];
    let gapsOpened = 0;
    for (const [accountId, change] of plan.accounts) {
      const account = byId.get(accountId)!;
      // A late login/heartbeat/logout can move the start of the current session (order must not matter).
      if (change.latePresence && (change.presence?.online ?? account.online)) {
        const seq = change.presence?.seq ?? account.presenceSeq;
        const since = await sessionStart(tx, accountId, seq);
        if (since) change.presence = { seq, online: true, since };
      }
      const seqs = (seqsOf.get(accountId) ?? []).map((e) => e.seq);
      let state = advance({ contiguous: account.seqContiguous, high: account.seqHigh }, seqs);
      if (!state.settled) {
        const settled = await settleGaps(tx, accountId, state, now);
        state = { ...settled.state, settled: settled.missing.length === 0 };
        gapsOpened += settled.opened.length;
        for (const [from, to] of settled.missing) result.gaps.push({ account: account.login, from, to });
      }
      const depositsDelta = (depositsOf.get(accountId) ?? []).reduce((sum, o) => sum + o.op.amount, 0);
      updates.push({
        id: accountId,
        change,
        depositsDelta,
        seqContiguous: state.contiguous,
        seqHigh: state.high,
        now,
      });
    }
    await updateAccounts(tx, updates);
    if (gapsOpened) this.hooks.onGaps?.(gapsOpened);

    const presenceClients = [...plan.accounts]
      .filter(([id, c]) => c.presence && byId.get(id)!.kind === 'live')
      .map(([id]) => byId.get(id)!.clientId);
    const flipped = await refreshClientsOnline(tx, [...new Set(presenceClients)]);
    return {
      result,
      news: this.crmEvents(plan, newOps, flipped, byId, gapsOpened),
      live: this.liveMessages(plan, byId),
    };
  }

  /**
   * The idempotency records are kept for a week (a gateway resending older events would be a bug we
   * want to see as accepted rather than lost) and signed batch ids for a day (their signatures expire
   * after five minutes anyway).
   */
  async purgeOld(): Promise<void> {
    const now = this.clock.now().getTime();
    await this.db.delete(tradingInbox).where(lt(tradingInbox.receivedAt, new Date(now - 7 * 86_400_000)));
    await this.db
      .delete(tradingIngestBatches)
      .where(lt(tradingIngestBatches.receivedAt, new Date(now - 86_400_000)));
    // Stop-outs matter only to position updates arriving late, which the inbox window already bounds.
    await this.db
      .delete(tradingStopOuts)
      .where(lt(tradingStopOuts.occurredAt, new Date(now - 7 * 86_400_000)));
  }

  /** Locks the batch's accounts in id order (so concurrent batches cannot deadlock) with their clients. */
  private async lockAccounts(tx: Executor, logins: string[]): Promise<Map<string, LockedAccount>> {
    const clients = clientRefs();
    const rows = await tx
      .select({
        id: tradingAccounts.id,
        login: tradingAccounts.login,
        clientId: tradingAccounts.clientId,
        kind: tradingAccounts.kind,
        currency: tradingAccounts.currency,
        stateSeq: tradingAccounts.stateSeq,
        presenceSeq: tradingAccounts.presenceSeq,
        online: tradingAccounts.online,
        onlineSince: tradingAccounts.onlineSince,
        lastTradeAt: tradingAccounts.lastTradeAt,
        marginCallAt: tradingAccounts.marginCallAt,
        stopOutAt: tradingAccounts.stopOutAt,
        seqContiguous: tradingAccounts.seqContiguous,
        seqHigh: tradingAccounts.seqHigh,
        clientName: clients.name,
        managerId: clients.managerId,
        teamId: clients.teamId,
      })
      .from(tradingAccounts)
      .innerJoin(clients, eq(clients.id, tradingAccounts.clientId))
      .where(and(eq(tradingAccounts.platform, this.platform), inArray(tradingAccounts.login, logins)))
      .orderBy(asc(tradingAccounts.id))
      .for('update', { of: tradingAccounts });
    return new Map(
      rows.map((r) => [
        r.login,
        {
          ...r,
          stateSeq: Number(r.stateSeq),
          presenceSeq: Number(r.presenceSeq),
          seqContiguous: Number(r.seqContiguous),
          seqHigh: Number(r.seqHigh),
        },
      ]),
    );
  }

  /** What a manager should find on the timeline or be told about; price-driven state changes are not. */
  private crmEvents(
    plan: IngestPlan,
    newOps: Awaited<ReturnType<typeof insertBalanceOps>>,
    flipped: Awaited<ReturnType<typeof refreshClientsOnline>>,
    byId: Map<string, LockedAccount>,
    gapsOpened: number,
  ): NewEvent[] {
    const out: NewEvent[] = [];
    const forClient = <T extends AccountEventType>(
      a: LockedAccount,
      type: T,
      payload: Omit<EventPayload<T>, 'clientId' | 'clientName' | 'accountId' | 'login' | 'currency'>,
    ) => ({
      type,
      subjectType: 'client',
      subjectId: a.clientId,
      actorKind: 'system' as const,
      payload: {
        clientId: a.clientId,
        clientName: a.clientName,
        accountId: a.id,
        login: a.login,
        currency: a.currency,
        ...payload,
      },
      audience: clientAudience(a),
    });
    // The account that moved the client's flag: a live one whose session started or ended here.
    const clientAccount = new Map(
      [...plan.accounts]
        .filter(([id, c]) => c.presence && byId.get(id)!.kind === 'live')
        .map(([id]) => [byId.get(id)!.clientId, byId.get(id)!]),
    );
    for (const f of flipped) {
      const a = clientAccount.get(f.clientId)!;
      if (f.onlineSince && !f.wasOnline)
        out.push({
          ...forClient(a, 'trading.client_online', { since: f.onlineSince.toISOString() }),
          // "Your client is in the terminal right now" is the moment to call: the manager is told.
          notify: a.managerId ? [{ userId: a.managerId }] : [],
        });
      else if (!f.onlineSince && f.wasOnline) out.push(forClient(a, 'trading.client_offline', {}));
    }
    for (const op of newOps)
      out.push(
        forClient(byId.get(op.accountId)!, 'trading.balance_operation', {
          opId: op.op.id,
          kind: op.op.kind,
          amount: op.op.amount,
          comment: op.op.comment ?? null,
        }),
      );
    for (const m of plan.marginCalls)
      out.push(
        forClient(byId.get(m.accountId)!, 'trading.margin_call', {
          marginLevel: m.state.marginLevel,
          equity: m.state.equity,
          at: m.at.toISOString(),
        }),
      );
    for (const s of plan.stopOuts)
      out.push(
        forClient(byId.get(s.accountId)!, 'trading.stop_out', {
          marginLevel: s.state.marginLevel,
          equity: s.state.equity,
          closedPositions: s.closedPositions,
          at: s.at.toISOString(),
        }),
      );
    if (gapsOpened)
      out.push({
        type: 'trading.gap_detected',
        subjectType: 'trading',
        actorKind: 'system',
        payload: { gaps: gapsOpened },
        audience: { permissions: ['settings.write'] },
      });
    return out;
  }

  private liveMessages(plan: IngestPlan, byId: Map<string, LockedAccount>): LiveMessage[] {
    return accountsChanged(
      [...plan.accounts]
        .filter(([, c]) => c.visible || c.presence)
        .map(([id]) => {
          const a = byId.get(id)!;
          return { accountId: a.id, clientId: a.clientId, audience: clientAudience(a) };
        }),
    );
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
