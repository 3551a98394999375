import { eq, lt } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import { appendEvents, type EventPayload, type NewEvent } from '../../core/events.js';
import { conflict } from '../../core/errors.js';
import { livePayloads } from '../../core/live.js';
import { accountsChanged } from './live-updates.js';
import { clientAudience } from '../clients/index.js';
import { startBatch, writeBatch, type LockedAccount } from './ingest-batch.js';
import { planIngest, type BalanceOpWrite, type IngestPlan } from './ingest-plan.js';
import {
  closeByEarlierStopOuts,
  closeStoppedOut,
  refreshClientsOnline,
  sessionStart,
  upsertPositions,
  type AccountUpdate,
} from './ingest-writes.js';
import type { IngestResult, PlatformEvent } from './platform-events.js';
import { tradingInbox, tradingIngestBatches, tradingStopOuts } from './schema.js';
import { advance, settleGaps } from './sequence-gaps.js';

/** The events of one account of a client that ingestion appends (crmEvents). */
type AccountEventType =
  | 'trading.client_online'
  | 'trading.client_offline'
  | 'trading.balance_operation'
  | 'trading.margin_call'
  | 'trading.stop_out';

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
      const batch = opts.batchId ? { id: opts.batchId, bodyHash: opts.bodyHash ?? null } : null;
      const start = await startBatch(tx, this.platform, events, batch);
      if (!start.claimed) {
        const [previous] = await tx
          .select({ result: tradingIngestBatches.result })
          .from(tradingIngestBatches)
          .where(eq(tradingIngestBatches.webhookId, opts.batchId!));
        const { bodyHash, ...answer } = previous!.result as IngestResult & { bodyHash?: string | null };
        if (opts.bodyHash && bodyHash && bodyHash !== opts.bodyHash)
          throw conflict(
            'webhook_id_reused',
            'This webhook-id was already used for a different batch; give every batch its own id',
            'webhook-id',
          );
        return { ...answer, replayed: true };
      }
      const { result, news, answered } = await this.apply(tx, events, start, batch);
      if (batch && !answered)
        await tx
          .update(tradingIngestBatches)
          .set({ result: { ...result, bodyHash: batch.bodyHash } })
          .where(eq(tradingIngestBatches.webhookId, batch.id));
      // Written just before commit, under the event log's lock (see appendEvents).
      await appendEvents(tx, news);
      return result;
    });
  }

  /** Applies the fresh events of a started batch; `answered` says the batch's answer is recorded. */
  private async apply(
    tx: Executor,
    events: PlatformEvent[],
    { accounts, inserted }: Awaited<ReturnType<typeof startBatch>>,
    batch: { id: string; bodyHash: string | null } | null,
  ): Promise<{ result: IngestResult; news: NewEvent[]; answered: boolean }> {
    const now = this.clock.now();
    const forUnknown = events.filter((e) => !accounts.has(e.account));
    const unknownAccounts = [...new Set(forUnknown.map((e) => e.account))];
    // The same id twice in one batch counts once (startBatch recorded the first); the database
    // settles repeats across batches.
    const seen = new Set<string>();
    const known = events.filter((e) => accounts.has(e.account) && !seen.has(e.id) && seen.add(e.id));
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
    if (!fresh.length) return { result, news: [], answered: false };

    const byId = new Map([...accounts.values()].map((a) => [a.id, a]));
    const plan = planIngest(fresh, byId);
    // Rare: stop-outs and late position updates close positions after the upsert, in order.
    const late = plan.positions.filter((p) => p.seq < byId.get(p.accountId)!.seqHigh);
    const positionsFirst = plan.stopOutCloses.length > 0 || late.length > 0;
    if (positionsFirst) {
      await upsertPositions(tx, plan.positions);
      await closeByEarlierStopOuts(tx, late);
      await closeStoppedOut(tx, plan.stopOutCloses);
    }

    const seqsOf = groupBy(fresh, (e) => e.accountId);
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
      updates.push({ id: accountId, change, seqContiguous: state.contiguous, seqHigh: state.high, now });
    }
    const onlineClients = [
      ...new Set(
        [...plan.accounts]
          .filter(([id, c]) => c.presence && byId.get(id)!.kind === 'live')
          .map(([id]) => byId.get(id)!.clientId),
      ),
    ];
    const newOps = await writeBatch(tx, {
      positions: positionsFirst ? null : plan.positions,
      deals: plan.deals,
      balanceOps: plan.balanceOps,
      equityPoints: plan.equityPoints,
      accounts: updates,
      answer: batch && { id: batch.id, result: { ...result, bodyHash: batch.bodyHash } },
      live: livePayloads(this.liveMessages(plan, byId)),
      onlineClients,
    });
    if (gapsOpened) this.hooks.onGaps?.(gapsOpened);
    const flipped = await refreshClientsOnline(tx, onlineClients, { locked: true });
    return {
      result,
      news: this.crmEvents(plan, newOps, flipped, byId, gapsOpened),
      answered: Boolean(batch),
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

  /** What a manager should find on the timeline or be told about; price-driven state changes are not. */
  private crmEvents(
    plan: IngestPlan,
    newOps: BalanceOpWrite[],
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

  private liveMessages(plan: IngestPlan, byId: Map<string, LockedAccount>) {
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
