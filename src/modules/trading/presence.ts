import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import { appendEvents } from '../../core/events.js';
import { queueLive } from '../../core/live.js';
import { accountsChanged } from './live-updates.js';
import { clientAudience, clientRefsByIds } from '../clients/index.js';
import { refreshClientsOnline } from './ingest-writes.js';
import { tradingAccounts, tradingGaps } from './schema.js';
import { settleGaps } from './sequence-gaps.js';

/**
 * Presence lives in the database (trading_accounts.online), so a restart keeps it; what a restart cannot
 * tell is whether a session silently died. A session the platform stops reporting for the timeout —
 * no event, no heartbeat — is ended here, as if the platform had sent a logout.
 */
export class PresenceService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeoutSeconds: number,
  ) {}

  async expireSilent(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.timeoutSeconds * 1000);
    return this.db.transaction(async (tx) => {
      // Locked in id order like ingestion locks them, skipping any a batch holds right now (that batch
      // is news from the platform anyway, about to refresh last_seen_at): the two cannot deadlock.
      const due = await tx
        .select({ id: tradingAccounts.id })
        .from(tradingAccounts)
        .where(and(eq(tradingAccounts.online, true), lt(tradingAccounts.lastSeenAt, cutoff)))
        .orderBy(asc(tradingAccounts.id))
        .for('update', { skipLocked: true });
      if (!due.length) return 0;
      const expired = await tx
        .update(tradingAccounts)
        .set({ online: false, onlineSince: null })
        .where(
          inArray(
            tradingAccounts.id,
            due.map((a) => a.id),
          ),
        )
        .returning({
          id: tradingAccounts.id,
          clientId: tradingAccounts.clientId,
          kind: tradingAccounts.kind,
        });
      if (!expired.length) return 0;
      const flipped = await refreshClientsOnline(tx, [
        ...new Set(expired.filter((a) => a.kind === 'live').map((a) => a.clientId)),
      ]);
      const owners = await clientRefsByIds(
        tx,
        expired.map((a) => a.clientId),
      );
      await queueLive(
        tx,
        accountsChanged(
          expired.map((a) => ({
            accountId: a.id,
            clientId: a.clientId,
            audience: clientAudience(owners.get(a.clientId)!),
          })),
        ),
      );
      // Written just before commit, under the event log's lock (see appendEvents).
      await appendEvents(
        tx,
        flipped
          .filter((f) => !f.onlineSince)
          .map((f) => owners.get(f.clientId)!)
          .map((c) => ({
            type: 'trading.client_offline',
            subjectType: 'client',
            subjectId: c.id,
            actorKind: 'system' as const,
            payload: { clientId: c.id, clientName: c.name, reason: 'expired' },
            audience: clientAudience(c),
          })),
      );
      return expired.length;
    });
  }

  /**
   * A gap nobody fills within the wait is declared lost, so ordering moves past it instead of
   * re-reading the same hole with every batch; it stays listed for admins as lost. Each account is
   * locked first (the order ingestion uses), then its gaps, then ordering is re-walked with the lost
   * ranges counted as received.
   */
  async declareLostGaps(waitSeconds = 600): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - waitSeconds * 1000);
    const stale = await this.db
      .selectDistinct({ accountId: tradingGaps.accountId })
      .from(tradingGaps)
      .where(and(isNull(tradingGaps.resolvedAt), lt(tradingGaps.detectedAt, cutoff)))
      .orderBy(asc(tradingGaps.accountId));
    let declared = 0;
    for (const { accountId } of stale)
      declared += await this.db.transaction(async (tx) => {
        const [account] = await tx
          .select({ contiguous: tradingAccounts.seqContiguous, high: tradingAccounts.seqHigh })
          .from(tradingAccounts)
          .where(eq(tradingAccounts.id, accountId))
          .for('update', { skipLocked: true });
        if (!account) return 0; // a batch holds it; the next sweep gets it
        const lost = await tx
          .update(tradingGaps)
          .set({ resolvedAt: now, resolution: 'lost' })
          .where(
            and(
              eq(tradingGaps.accountId, accountId),
              isNull(tradingGaps.resolvedAt),
              lt(tradingGaps.detectedAt, cutoff),
            ),
          )
          .returning({ id: tradingGaps.id });
        const settled = await settleGaps(
          tx,
          accountId,
          { contiguous: Number(account.contiguous), high: Number(account.high) },
          now,
        );
        await tx
          .update(tradingAccounts)
          .set({ seqContiguous: settled.state.contiguous })
          .where(eq(tradingAccounts.id, accountId));
        return lost.length;
      });
    return declared;
  }
}
