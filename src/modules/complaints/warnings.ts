import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { Db, Executor } from '../../db/connection.js';
import type { ComplaintDeadline, WarningLevel } from '../../shared/complaints.js';
import { clientRef } from '../clients/index.js';
import { activeStaffWithPermission, activeTeamLeads } from '../identity/index.js';
import { levelReached, warningTimes } from './calendar.js';
import { appendComplaintEvent, type ComplaintRow } from './events.js';
import { complaints, type WarningsSent } from './schema.js';

/** Complaints handled per run; the rest wait for the next (every 30 s). */
export const WARNING_BATCH = 100;

type Timing = Pick<
  ComplaintRow,
  'receivedAt' | 'acknowledgementDueAt' | 'finalResponseDueAt' | 'acknowledgedAt' | 'finalResponseAt'
> & { warningsSent: WarningsSent };

/** The deadlines not met yet, with their due time. */
export function pendingDeadlines(c: Timing): { kind: ComplaintDeadline; dueAt: Date }[] {
  if (c.finalResponseAt) return [];
  const out: { kind: ComplaintDeadline; dueAt: Date }[] = [];
  if (!c.acknowledgedAt) out.push({ kind: 'acknowledgement', dueAt: c.acknowledgementDueAt });
  out.push({ kind: 'final_response', dueAt: c.finalResponseDueAt });
  return out;
}

/** When the next warning not yet sent is due (null: nothing left to warn about). */
export function nextWarningAt(c: Timing): Date | null {
  let next: number | null = null;
  for (const d of pendingDeadlines(c)) {
    const sent = c.warningsSent[d.kind] ?? 0;
    const w = warningTimes(c.receivedAt, d.dueAt).find((t) => t.level > sent);
    if (w && (next === null || w.at.getTime() < next)) next = w.at.getTime();
  }
  return next === null ? null : new Date(next);
}

/**
 * Warnings at 50, 80 and 100 % of each open deadline: the team lead of the client's team (and the
 * handler) are notified; at 100 % compliance too (holders of complaints.oversee), and they stand in when
 * the team has no lead. Idempotent: the levels sent are recorded on the row, under its lock (SKIP
 * LOCKED, so instances split the work), and a run that finds a deadline past several levels sends the
 * highest one only.
 */
export class ComplaintWarnings {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(complaints)
        .where(
          and(
            isNotNull(complaints.nextWarningAt),
            lte(complaints.nextWarningAt, now),
            eq(complaints.status, 'open'),
          ),
        )
        .orderBy(asc(complaints.nextWarningAt))
        .limit(WARNING_BATCH)
        .for('update', { skipLocked: true });
      let sent = 0;
      for (const c of rows) sent += await this.handle(tx, c, now);
      return sent;
    });
  }

  private async handle(tx: Executor, c: ComplaintRow, now: Date): Promise<number> {
    const warned: WarningsSent = { ...c.warningsSent };
    const notices: { kind: ComplaintDeadline; level: WarningLevel; dueAt: Date }[] = [];
    for (const d of pendingDeadlines(c)) {
      const reached = levelReached(c.receivedAt, d.dueAt, now);
      if (reached > (warned[d.kind] ?? 0)) {
        notices.push({ kind: d.kind, level: reached as WarningLevel, dueAt: d.dueAt });
        warned[d.kind] = reached;
      }
    }
    const client = await clientRef(tx, c.clientId);
    if (notices.length) {
      const leads = client.teamId ? (await activeTeamLeads(tx, [client.teamId])).map((l) => l.id) : [];
      const compliance = await activeStaffWithPermission(tx, 'complaints.oversee');
      for (const n of notices) {
        const to = [...leads, ...(c.handlerId ? [c.handlerId] : [])];
        if (n.level === 100 || !leads.length) to.push(...compliance);
        await appendComplaintEvent(
          tx,
          'complaints.deadline_warning',
          c,
          client,
          null,
          { deadline: n.kind, level: n.level, dueAt: n.dueAt.toISOString() },
          to,
        );
      }
    }
    await tx
      .update(complaints)
      .set({ warningsSent: warned, nextWarningAt: nextWarningAt({ ...c, warningsSent: warned }) })
      .where(eq(complaints.id, c.id));
    return notices.length;
  }
}
