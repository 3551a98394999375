import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { Fact, FoldState } from './facts.js';
import {
  reportActiveMonths,
  reportClients,
  reportComplaints,
  reportConversations,
  reportDaily,
  reportFacts,
  reportStaff,
} from './schema.js';

const CHUNK = 1000;
const chunks = <T>(rows: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};

/** Reads the state rows a batch refers to into the fold's maps (those not already there). */
export async function loadState(
  tx: Executor,
  state: FoldState,
  refs: {
    clients?: string[];
    staff?: string[];
    complaints?: string[];
    conversations?: string[];
    active?: string[];
  },
): Promise<void> {
  const missing = (ids: string[] | undefined, known: Map<string, unknown>) =>
    [...new Set(ids ?? [])].filter((id) => !known.has(id));
  for (const ids of chunks(missing(refs.clients, state.clients)))
    for (const r of await tx.select().from(reportClients).where(inArray(reportClients.clientId, ids)))
      state.clients.set(r.clientId, r);
  for (const ids of chunks(missing(refs.staff, state.staff)))
    for (const r of await tx.select().from(reportStaff).where(inArray(reportStaff.staffId, ids)))
      state.staff.set(r.staffId, r.teamId);
  for (const ids of chunks(missing(refs.complaints, state.complaints)))
    for (const r of await tx
      .select()
      .from(reportComplaints)
      .where(inArray(reportComplaints.complaintId, ids)))
      state.complaints.set(r.complaintId, r);
  for (const ids of chunks(missing(refs.conversations, state.conversations)))
    for (const r of await tx
      .select()
      .from(reportConversations)
      .where(inArray(reportConversations.conversationId, ids)))
      state.conversations.set(r.conversationId, r);
  const active = [...new Set(refs.active ?? [])].filter((k) => !state.activeKnown.has(k));
  for (const keys of chunks(active)) {
    const pairs = keys.map((k) => k.split('|') as [string, string]);
    const rows = await tx
      .select({ month: reportActiveMonths.month, clientId: reportActiveMonths.clientId })
      .from(reportActiveMonths)
      .where(
        and(
          inArray(reportActiveMonths.clientId, [...new Set(pairs.map((p) => p[1]))]),
          inArray(reportActiveMonths.month, [...new Set(pairs.map((p) => p[0]))]),
        ),
      );
    for (const r of rows) state.activeKnown.add(`${r.month}|${r.clientId}`);
  }
}

const upsertSet = (cols: string[]) =>
  Object.fromEntries(cols.map((c) => [c, sql.raw(`excluded.${snake(c)}`)])) as Record<string, never>;
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Writes back the state rows the fold touched, then forgets which. */
export async function saveState(tx: Executor, state: FoldState): Promise<void> {
  const t = state.touched;
  const clientRows = [...t.clients].map((id) => state.clients.get(id)!);
  for (const rows of chunks(clientRows, 500))
    await tx
      .insert(reportClients)
      .values(rows)
      .onConflictDoUpdate({
        target: reportClients.clientId,
        set: upsertSet(Object.keys(rows[0]!).filter((k) => k !== 'clientId')),
      });
  const staffRows = [...t.staff].map((id) => ({ staffId: id, teamId: state.staff.get(id) ?? null }));
  for (const rows of chunks(staffRows))
    await tx
      .insert(reportStaff)
      .values(rows)
      .onConflictDoUpdate({ target: reportStaff.staffId, set: { teamId: sql`excluded.team_id` } });
  const convRows = [...t.conversations].map((id) => state.conversations.get(id)!);
  for (const rows of chunks(convRows, 500))
    await tx
      .insert(reportConversations)
      .values(rows)
      .onConflictDoUpdate({
        target: reportConversations.conversationId,
        set: upsertSet(Object.keys(rows[0]!).filter((k) => k !== 'conversationId')),
      });
  const complaintRows = [...t.complaints].map((id) => state.complaints.get(id)!);
  for (const rows of chunks(complaintRows))
    await tx
      .insert(reportComplaints)
      .values(rows)
      .onConflictDoUpdate({
        target: reportComplaints.complaintId,
        set: { answered: sql`excluded.answered` },
      });
  for (const rows of chunks(state.activeAdded))
    await tx.insert(reportActiveMonths).values(rows).onConflictDoNothing();
  state.activeAdded.length = 0;
  t.clients.clear();
  t.staff.clear();
  t.conversations.clear();
  t.complaints.clear();
}

/** The rollup key of a fact: conversations are kept per hour of the week (the heat map). */
export const dailyDetail = (f: Pick<Fact, 'kind' | 'how' | 'detail'>): string =>
  f.kind === 'conversation' ? String(f.how) : (f.detail ?? '');

/** The same key in SQL, for the rebuild's GROUP BY (must match dailyDetail). */
const DAILY_DETAIL_SQL = sql`case when ${reportFacts.kind} = 'conversation' then ${reportFacts.how}::text else coalesce(${reportFacts.detail}, '') end`;

/** Inserts facts (a fact already there is skipped) and adds the inserted ones to the daily rollup. */
export async function writeFacts(
  tx: Executor,
  facts: readonly Fact[],
  maintainDaily: boolean,
): Promise<number> {
  let inserted = 0;
  for (const rows of chunks(facts, 500)) {
    const done = await tx
      .insert(reportFacts)
      .values(rows)
      .onConflictDoNothing()
      .returning({ src: reportFacts.src, srcId: reportFacts.srcId, seq: reportFacts.seq });
    inserted += done.length;
    if (!maintainDaily || !done.length) continue;
    const written = new Set(done.map((d) => `${d.src}|${d.srcId}|${d.seq}`));
    await addToDaily(
      tx,
      rows.filter((f) => written.has(`${f.src}|${f.srcId}|${f.seq}`)),
    );
  }
  return inserted;
}

type DailyRow = typeof reportDaily.$inferInsert & {
  n: number;
  amount: number;
  calMs: number;
  busMs: number;
  score: number;
};

async function addToDaily(tx: Executor, facts: readonly Fact[]): Promise<void> {
  const sums = new Map<string, DailyRow>();
  for (const f of facts) {
    const row: DailyRow = {
      day: f.day,
      kind: f.kind,
      staffKey: f.staffId ?? '',
      teamKey: f.teamId ?? '',
      channel: f.channel ?? '',
      language: f.language ?? '',
      country: f.country ?? '',
      source: f.source ?? '',
      campaign: f.campaign ?? '',
      detail: dailyDetail(f),
      n: 0,
      amount: 0,
      calMs: 0,
      busMs: 0,
      score: 0,
    };
    const key = [
      row.day,
      row.kind,
      row.staffKey,
      row.teamKey,
      row.channel,
      row.language,
      row.country,
      row.source,
      row.campaign,
      row.detail,
    ].join('\u0000');
    const s = sums.get(key) ?? row;
    s.n += f.n;
    s.amount += f.amount ?? 0;
    s.calMs += f.calMs ?? 0;
    s.busMs += f.busMs ?? 0;
    s.score += f.score ?? 0;
    sums.set(key, s);
  }
  const d = reportDaily;
  for (const rows of chunks([...sums.values()], 500))
    await tx
      .insert(d)
      .values(rows)
      .onConflictDoUpdate({
        target: [
          d.kind,
          d.day,
          d.staffKey,
          d.teamKey,
          d.channel,
          d.language,
          d.country,
          d.source,
          d.campaign,
          d.detail,
        ],
        set: {
          n: sql`${d.n} + excluded.n`,
          amount: sql`${d.amount} + excluded.amount`,
          calMs: sql`${d.calMs} + excluded.cal_ms`,
          busMs: sql`${d.busMs} + excluded.bus_ms`,
          score: sql`${d.score} + excluded.score`,
        },
      });
}

/** The rebuild's way to the same rollup: one GROUP BY over all facts. */
export async function dailyFromFacts(tx: Executor): Promise<void> {
  const f = reportFacts;
  await tx.execute(sql`
    insert into report_daily (day, kind, staff_key, team_key, channel, language, country, source, campaign, detail,
                              n, amount, cal_ms, bus_ms, score)
    select ${f.day}, ${f.kind}, coalesce(${f.staffId}::text, ''), coalesce(${f.teamId}::text, ''),
           coalesce(${f.channel}, ''), coalesce(${f.language}, ''), coalesce(${f.country}, ''),
           coalesce(${f.source}, ''), coalesce(${f.campaign}, ''), ${DAILY_DETAIL_SQL},
           sum(${f.n}), coalesce(sum(${f.amount}), 0), coalesce(sum(${f.calMs}), 0),
           coalesce(sum(${f.busMs}), 0), coalesce(sum(${f.score}), 0)
      from ${f}
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`);
}

/** Which of these support metric ids were already folded (each metric leaves at least one fact). */
export async function foldedMetricIds(tx: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .selectDistinct({ srcId: reportFacts.srcId })
    .from(reportFacts)
    .where(and(eq(reportFacts.src, 'm'), inArray(reportFacts.srcId, [...ids])));
  return new Set(rows.map((r) => r.srcId));
}
