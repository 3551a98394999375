import { and, gte, isNull, lt, or } from 'drizzle-orm';
import type { Viewer } from '../../core/events.js';
import type { Db } from '../../db/connection.js';
import type { ComplaintReport } from '../../shared/contracts/complaints.js';
import { addMonths, startOfLocalDay } from './calendar.js';
import { registerOrder, registerSelect, registerWhere, toSummary } from './reads.js';
import { complaints } from './schema.js';
import type { ComplaintSettings } from './settings.js';

const countBy = (values: string[]) => {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

/**
 * The monthly regulator report, generated from the register: the month's local days in the policy's
 * time zone; complaints received in it, closed in it (within the deadline or late), open at its start
 * and end, late acknowledgements, counts by category, product and outcome, redress per currency, the
 * mean days to close, and the rows (received or closed in the month). Under the viewer's record scope.
 */
export class ComplaintReports {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    private readonly settings: ComplaintSettings,
  ) {}

  async monthly(viewer: Viewer, month: string): Promise<ComplaintReport> {
    const policy = await this.settings.get();
    const now = this.clock.now();
    const m = month || now.toISOString().slice(0, 7);
    const from = startOfLocalDay(`${m}-01`, policy.timeZone);
    const to = startOfLocalDay(addMonths(`${m}-01`, 1), policy.timeZone);
    const scope = registerWhere(viewer, {}, now);
    const rows = await registerSelect(this.db)
      .where(
        and(
          scope,
          lt(complaints.receivedAt, to),
          or(isNull(complaints.finalResponseAt), gte(complaints.finalResponseAt, from)),
        ),
      )
      .orderBy(...registerOrder({ sort: 'receivedAt', order: 'asc' }));
    const inMonth = (d: Date | null) => !!d && d >= from && d < to;
    const received = rows.filter((r) => inMonth(r.c.receivedAt));
    const closed = rows.filter((r) => inMonth(r.c.finalResponseAt));
    const openAt = (t: Date) =>
      rows.filter((r) => r.c.receivedAt < t && (!r.c.finalResponseAt || r.c.finalResponseAt >= t)).length;
    const late = closed.filter((r) => r.c.finalResponseAt! > r.c.finalResponseDueAt);
    const redress = new Map<string, { amount: number; count: number }>();
    for (const r of closed)
      if (r.c.redressAmount && r.c.redressCurrency) {
        const e = redress.get(r.c.redressCurrency) ?? { amount: 0, count: 0 };
        e.amount += r.c.redressAmount;
        e.count += 1;
        redress.set(r.c.redressCurrency, e);
      }
    const days = closed.map((r) => (r.c.finalResponseAt!.getTime() - r.c.receivedAt.getTime()) / 86_400_000);
    return {
      month: m,
      firmCode: policy.firmCode,
      jurisdiction: policy.jurisdiction,
      timeZone: policy.timeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      received: received.length,
      openAtStart: openAt(from),
      openAtEnd: openAt(to),
      closed: closed.length,
      closedWithinDeadline: closed.length - late.length,
      closedLate: late.length,
      acknowledgedLate: received.filter(
        (r) => (r.c.acknowledgedAt ?? now) > r.c.acknowledgementDueAt && (r.c.acknowledgedAt ?? now) < to,
      ).length,
      averageDaysToClose: days.length
        ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10
        : null,
      byCategory: countBy(received.map((r) => r.c.category)),
      byProduct: countBy(received.map((r) => r.c.product)),
      byOutcome: countBy(closed.map((r) => r.c.outcome ?? 'none')),
      redress: [...redress].map(([currency, e]) => ({ currency, ...e })),
      items: rows
        .filter((r) => inMonth(r.c.receivedAt) || inMonth(r.c.finalResponseAt))
        .map((r) => toSummary(r, now)),
    };
  }
}
