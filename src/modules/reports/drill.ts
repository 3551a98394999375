import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { DrillMetric, DrillRow } from '../../shared/contracts/reports.js';
import { pageOffset, type Paged, type Paging } from '../../core/paging.js';
import type { ReportAsk } from './figures.js';
import { sliceOf } from './figures.js';
import { staffNamesByIds } from './names.js';
import { activeWhere, cohortWhere, quietWhere } from './retention.js';
import { reportActiveMonths, reportClients, reportFacts } from './schema.js';
import type { FilterSet } from './scope.js';
import { factsWhere } from './scope.js';

/** Which facts a drill-down lists, and what its `key` narrows them by. */
const FACT_DRILLS: Partial<
  Record<DrillMetric, { kinds: string[]; set: FilterSet; key?: 'detail' | 'how' | 'score' }>
> = {
  leads: { kinds: ['lead'], set: 'sales' },
  demos: { kinds: ['demo'], set: 'sales' },
  lives: { kinds: ['live'], set: 'sales' },
  ftd: { kinds: ['ftd'], set: 'sales' },
  deposits: { kinds: ['deposit', 'deposit_reversal'], set: 'sales' },
  withdrawals: { kinds: ['withdrawal'], set: 'sales' },
  calls: { kinds: ['call'], set: 'sales' },
  comments: { kinds: ['comment'], set: 'sales' },
  tasks_done: { kinds: ['task_done'], set: 'sales' },
  conversations: { kinds: ['conversation'], set: 'support', key: 'how' },
  first_response: { kinds: ['first_response'], set: 'support', key: 'detail' },
  next_response: { kinds: ['next_response'], set: 'support', key: 'detail' },
  resolution: { kinds: ['resolution'], set: 'support', key: 'detail' },
  fcr: { kinds: ['fcr'], set: 'support' },
  sla_breaches: { kinds: ['sla_breach'], set: 'support', key: 'detail' },
  csat: { kinds: ['csat'], set: 'support', key: 'score' },
  nps: { kinds: ['nps'], set: 'clientSide', key: 'score' },
  complaints: { kinds: ['complaint'], set: 'clientSide' },
  complaints_late: { kinds: ['complaint_resolved'], set: 'clientSide' },
  bot_resolved: { kinds: ['bot_resolved'], set: 'support' },
  bot_handover: { kinds: ['bot_handover'], set: 'support', key: 'detail' },
};

/** The drill's own narrowing: a breakdown's value, or what the metric always means (late complaints). */
function keyCondition(metric: DrillMetric, key: string | undefined): SQL | undefined {
  const f = reportFacts;
  if (metric === 'complaints_late') return eq(f.detail, 'late');
  if (metric === 'fcr')
    // The first-contact resolutions still standing: a reopen's correction (n = −1) takes its pair out.
    return sql`${f.n} = 1 and not exists (select 1 from report_facts x where x.kind = 'fcr' and x.n = -1 and x.conversation_id = ${f.conversationId})`;
  const how = FACT_DRILLS[metric]?.key;
  if (key === undefined || !how) return undefined;
  if (how === 'detail') return eq(f.detail, key);
  const n = Number(key);
  if (!Number.isInteger(n)) return sql`false`;
  return how === 'how' ? eq(f.how, n) : eq(f.score, n);
}

const iso = (d: Date) => d.toISOString();

export async function drill(
  db: Db,
  metric: DrillMetric,
  ask: ReportAsk,
  key: string | undefined,
  paging: Paging,
  now: Date,
): Promise<Paged<DrillRow>> {
  const spec = FACT_DRILLS[metric];
  const page = spec
    ? await factRows(db, metric, spec, ask, key, paging)
    : await clientRows(db, metric, ask, key, paging, now);
  const names = await staffNamesByIds(
    db,
    page.items.map((r) => r.staffId).filter((s): s is string => s !== null),
  );
  return {
    total: page.total,
    items: page.items.map((r) => ({ ...r, staffName: r.staffId ? (names.get(r.staffId) ?? null) : null })),
  };
}

async function factRows(
  db: Db,
  metric: DrillMetric,
  spec: NonNullable<(typeof FACT_DRILLS)[DrillMetric]>,
  ask: ReportAsk,
  key: string | undefined,
  paging: Paging,
): Promise<Paged<DrillRow>> {
  const f = reportFacts;
  const where = factsWhere(sliceOf(ask, spec.set), spec.kinds, keyCondition(metric, key));
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(f)
      .where(where)
      .orderBy(desc(f.at), desc(f.id))
      .limit(paging.pageSize)
      .offset(pageOffset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(f)
      .where(where),
  ]);
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      id: String(r.id),
      at: iso(r.at),
      kind: r.n < 0 ? `${r.kind}_correction` : r.kind,
      clientId: r.clientId,
      clientName: r.clientName,
      conversationId: r.conversationId,
      staffId: r.staffId,
      staffName: null,
      teamId: r.teamId,
      channel: r.channel,
      language: r.language,
      country: r.country,
      amount: r.amount,
      durationMs: r.calMs,
      businessMs: r.busMs,
      score: r.score,
      detail: r.detail,
    })),
  };
}

/** Retention drills list clients: active in the range, an FTD cohort (key = YYYY-MM), gone quiet. */
async function clientRows(
  db: Db,
  metric: DrillMetric,
  ask: ReportAsk,
  key: string | undefined,
  paging: Paging,
  now: Date,
): Promise<Paged<DrillRow>> {
  const c = reportClients;
  const slice = sliceOf(ask, 'retention');
  const base = db.select({ c }).from(c);
  let where: SQL;
  let query;
  if (metric === 'active_traders') {
    const a = reportActiveMonths;
    const ids = db.selectDistinct({ id: a.clientId }).from(a).where(activeWhere(slice));
    where = sql`${c.clientId} in (${ids})`;
    query = base.where(where);
  } else {
    const monthKey = metric === 'cohort' && key && /^\d{4}-\d{2}$/.test(key) ? key : null;
    where = and(
      metric === 'cohort' ? cohortWhere(slice) : quietWhere(slice, now),
      monthKey ? eq(sql`to_char(${c.ftdAt} at time zone 'UTC', 'YYYY-MM')`, monthKey) : undefined,
    ) as SQL;
    query = base.where(where);
  }
  const [rows, [count]] = await Promise.all([
    query
      .orderBy(asc(sql`coalesce(${c.lastActiveAt}, ${c.ftdAt}, ${c.createdAt})`), asc(c.clientId))
      .limit(paging.pageSize)
      .offset(pageOffset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(c)
      .where(where),
  ]);
  return {
    total: count?.n ?? 0,
    items: rows.map(({ c: r }) => ({
      id: r.clientId,
      at: iso(r.lastActiveAt ?? r.ftdAt ?? r.createdAt),
      kind: metric,
      clientId: r.clientId,
      clientName: r.name,
      conversationId: null,
      staffId: r.staffId,
      staffName: null,
      teamId: r.teamId,
      channel: null,
      language: null,
      country: r.country,
      amount: r.ftdAmount,
      durationMs: null,
      businessMs: null,
      score: null,
      detail: r.ftdAt ? `ftd ${iso(r.ftdAt)}` : null,
    })),
  };
}
