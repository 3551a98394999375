import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Rollups } from '../../src/modules/reports/index.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { logEvent, logMetric, newConversation } from './reports.fixtures.js';

// Property: whatever the raw records and however the incremental job batches them, the rollups it keeps
// equal the ones a rebuild from scratch computes (every report table, row for row).
let server: TestServer;
const db = () => server.ctx.database.db;
// Filled in beforeAll (real staff and teams: support metrics and conversations refer to them).
const STAFF: string[] = ['', '', ''];
const TEAMS: string[] = ['', ''];

beforeAll(async () => {
  server = await startTestServer();
  for (const i of [0, 1]) {
    const team = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: `T${i}`, kind: 'sales', leadId: null },
    );
    TEAMS[i] = team.id;
  }
  for (const i of [0, 1, 2])
    STAFF[i] = (await createStaff(server.ctx, 'sales_manager', { teamId: TEAMS[i % 2] })).id;
});
afterAll(async () => {
  await server?.close();
});

const T0 = Date.parse('2026-02-01T00:00:00Z');
const when = fc.integer({ min: 0, max: 60 * 24 * 60 }).map((m) => new Date(T0 + m * 60_000));
/** One of a list (read when a value is drawn, so the lists filled in beforeAll count). */
const pick = <T>(xs: readonly T[]) => fc.integer({ min: 0, max: xs.length - 1 }).map((i) => xs[i]!);

const command = fc.oneof(
  fc.record({
    t: fc.constant('create' as const),
    at: when,
    staff: pick(STAFF),
    team: fc.option(pick(TEAMS)),
    source: pick(['google', 'fb', 'office']),
  }),
  fc.record({ t: fc.constant('status' as const), at: when, client: fc.nat(), to: pick(['demo', 'live']) }),
  fc.record({
    t: fc.constant('reassign' as const),
    at: when,
    client: fc.nat(),
    staff: pick(STAFF),
    reason: pick(['manual', 'ftd_handover']),
  }),
  fc.record({
    t: fc.constant('money' as const),
    at: when,
    client: fc.nat(),
    type: pick(['payment.ftd', 'payment.executed', 'withdrawal.paid', 'payment.refunded']),
    amount: fc.integer({ min: 1, max: 100_000 }),
  }),
  fc.record({ t: fc.constant('activity' as const), at: when, client: fc.nat() }),
  fc.record({ t: fc.constant('comment' as const), at: when, client: fc.nat(), staff: pick(STAFF) }),
  fc.record({
    t: fc.constant('nps' as const),
    at: when,
    client: fc.nat(),
    score: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    t: fc.constant('complaint' as const),
    at: when,
    client: fc.nat(),
    n: fc.integer({ min: 0, max: 2 }),
    answer: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('metric' as const),
    at: when,
    conv: fc.integer({ min: 0, max: 2 }),
    kind: pick([
      'first_response',
      'reply',
      'resolution',
      'reopen',
      'csat',
      'handoff',
      'bot_resolved',
      'sla_breach',
    ]),
    cal: fc.integer({ min: 0, max: 10 * 86_400_000 }),
    bus: fc.integer({ min: 0, max: 86_400_000 }),
    agent: fc.option(pick(STAFF)),
    detail: pick(['first_response', 'next_response', 'resolution']),
    score: fc.integer({ min: 1, max: 5 }),
  }),
);

async function snapshot() {
  const q = async (text: string) =>
    ((await db().execute(sql.raw(text))) as unknown as { rows: unknown[] }).rows;
  return {
    facts: await q(
      `select src, src_id, seq, kind, at, day, how, client_id, client_name, conversation_id, staff_id, team_id, channel, language, country, source, campaign, n, amount, cal_ms, bus_ms, score, detail, bucket_c, bucket_b from report_facts order by src, src_id, seq`,
    ),
    daily: await q(
      `select * from report_daily order by kind, day, staff_key, team_key, channel, language, country, source, campaign, detail`,
    ),
    hist: await q(`select * from report_hist order by kind, measure, day, bucket`),
    clients: await q(`select * from report_clients order by client_id`),
    active: await q(`select * from report_active_months order by month, client_id`),
    staff: await q(`select * from report_staff order by staff_id`),
    conversations: await q(`select * from report_conversations order by conversation_id`),
    complaints: await q(`select * from report_complaints order by complaint_id`),
  };
}

it('rebuilt rollups equal the incrementally maintained ones', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(command, { minLength: 5, maxLength: 40 }),
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 50 }),
      async (commands, cuts, batch) => {
        const clients: string[] = [];
        const complaints = [randomUUID(), randomUUID(), randomUUID()];
        const convs = [];
        for (const [ch, lang] of [
          ['chat', 'en'],
          ['email', 'ru'],
          ['chat', null],
        ] as const)
          convs.push(await newConversation(db(), ch, lang, TEAMS[0]));
        const ofClient = (i: number) => clients[i % Math.max(1, clients.length)];
        let next = 0;
        for (const [i, c] of commands.entries()) {
          const client = ofClient((c as { client?: number }).client ?? 0);
          const on = { subjectType: 'client', subjectId: client };
          const base = { clientName: '', clientId: client };
          if (c.t === 'create') {
            const id = randomUUID();
            clients.push(id);
            await logEvent(
              db(),
              'client.created',
              c.at,
              {
                name: 'n',
                clientName: 'n',
                kind: 'manual',
                status: 'lead',
                source: c.source,
                country: 'GB',
                managerId: c.staff,
                assignedVia: null,
                ...(c.team ? { teamId: c.team } : {}),
              },
              { subjectType: 'client', subjectId: id },
            );
          } else if (c.t === 'metric') {
            const conv = convs[c.conv]!;
            await logMetric(db(), conv, c.kind, c.at, {
              cal: c.cal,
              bus: c.bus,
              agentId: c.agent,
              detail: c.kind === 'sla_breach' ? c.detail : 'asked',
              score: c.score,
            });
          } else if (!client) continue;
          else if (c.t === 'status')
            await logEvent(
              db(),
              'client.status_changed',
              c.at,
              { from: '', to: c.to, trigger: 't', clientName: '' },
              on,
            );
          else if (c.t === 'reassign')
            await logEvent(
              db(),
              'client.reassigned',
              c.at,
              { from: null, to: c.staff, toName: '', reason: c.reason, ...base },
              on,
            );
          else if (c.t === 'money')
            await logEvent(
              db(),
              c.type,
              c.at,
              {
                ...base,
                requestId: 'r',
                direction: c.type === 'withdrawal.paid' ? 'withdrawal' : 'deposit',
                login: '1',
                status: 's',
                amount: c.amount,
                currency: 'USD',
                systemName: 's',
                baseAmount: c.amount,
                accountAmount: c.amount,
              },
              on,
            );
          else if (c.t === 'activity')
            await logEvent(db(), 'trading.client_online', c.at, {
              ...base,
              accountId: 'a',
              login: '1',
              currency: 'USD',
              since: '',
            });
          else if (c.t === 'comment')
            await logEvent(
              db(),
              'client.comment_added',
              c.at,
              { body: 'b', mentions: [], clientName: '' },
              { ...on, actorId: c.staff },
            );
          else if (c.t === 'nps')
            await logEvent(db(), 'survey.answered', c.at, {
              ...base,
              campaignId: 'c',
              campaignName: 'c',
              score: c.score,
              channel: 'email',
            });
          else if (c.t === 'complaint') {
            const id = complaints[c.n]!;
            const type = c.answer ? 'complaints.final_response_sent' : 'complaints.created';
            await logEvent(db(), type, c.at, {
              ...base,
              complaintId: id,
              reference: 'r',
              finalResponseDueAt: new Date(c.at.getTime() + 3 * 86_400_000).toISOString(),
            });
          }
          // The job runs between writes at arbitrary points, in batches of arbitrary size.
          if (i === next) {
            await new Rollups(db(), server.clock, { batch }).catchUp();
            next += cuts[i % cuts.length]!;
          }
        }
        await new Rollups(db(), server.clock, { batch }).catchUp();
        const incremental = await snapshot();
        await new Rollups(db(), server.clock, { batch: 1 + (batch % 17) }).rebuild();
        expect(await snapshot()).toEqual(incremental);
      },
    ),
    { numRuns: 20 },
  );
}, 120_000);
