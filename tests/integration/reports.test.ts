import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { signedIn, signedInAdmin, startTestServer, type ApiClient, type TestServer } from '../support/server.js';
import { at, clientEvents, D, H, logEvent, logMetric, newConversation } from './reports.fixtures.js';

// Every metric against a small hand-computed fixture (docs/reports.md has the definitions): raw events and
// support metrics written straight into their tables for one week (Mon 2 – Sun 8 March 2026), folded by the
// rollup job, read over HTTP by management, a team lead and managers (scope), plus bad input and roles.
let server: TestServer;
let admin: ApiClient;
const ids: Record<string, string> = {};
const api: Record<string, ApiClient> = {};
const week = 'from=2026-03-02&to=2026-03-08';
const get = async (who: ApiClient, url: string) => {
  const res = await who.call('GET', url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const fig = (body: { figures: { key: string; value: number | null }[] }, key: string) =>
  body.figures.find((f) => f.key === key)?.value;

beforeAll(async () => {
  server = await startTestServer({ clock: new ManualClock(at('2026-06-30T12:00')) });
  admin = (await signedInAdmin(server)).api;
  const system = { id: null, ip: null };
  const teamA = await server.ctx.teams.create(system, { name: 'Sales A', kind: 'sales', leadId: null });
  const teamB = await server.ctx.teams.create(system, { name: 'Sales B', kind: 'sales', leadId: null });
  const desk = await server.ctx.teams.create(system, { name: 'Desk', kind: 'support', leadId: null });
  Object.assign(ids, { teamA: teamA.id, teamB: teamB.id, desk: desk.id });
  for (const [key, role, teamId] of [
    ['a1', 'sales_manager', teamA.id],
    ['a2', 'sales_manager', teamA.id],
    ['b1', 'retention_manager', teamB.id],
    ['leadA', 'team_lead', teamA.id],
    ['s1', 'support_agent', desk.id],
    ['s2', 'support_agent', desk.id],
  ] as const) {
    const s = await signedIn(server, role, { teamId });
    ids[key] = s.user.id;
    api[key] = s.api;
  }
  const db = server.ctx.database.db;
  const c = clientEvents(db);
  const { a1, a2, b1 } = ids as Record<string, string>;
  // Sales: c1 (A1) lead → demo 2 h → live 24 h → FTD 24 h later (handed to B1 at the FTD), c2 (A2) demo
  // after 4 h, c3 (B1) demo 1 h, live 2 h, FTD 24 h; c4 before the week.
  ids.c4 = await c.created('2026-03-01T10:00', { managerId: a1!, teamId: teamA.id, source: 'google' });
  ids.c1 = await c.created('2026-03-02T10:00', { managerId: a1!, teamId: teamA.id, source: 'google', campaign: 'spring', country: 'GB' });
  await c.status(ids.c1, '2026-03-02T12:00', 'demo');
  await c.status(ids.c1, '2026-03-03T12:00', 'live');
  await c.reassigned(ids.c1, '2026-03-04T12:00', b1!, teamB.id, 'ftd_handover');
  await c.payment('payment.executed', ids.c1, '2026-03-04T12:00', 50_000);
  await c.payment('payment.ftd', ids.c1, '2026-03-04T12:00', 50_000);
  await c.payment('withdrawal.paid', ids.c1, '2026-03-05T12:00', 10_000, 'withdrawal');
  await c.payment('payment.refunded', ids.c1, '2026-03-06T12:00', 5_000);
  ids.c2 = await c.created('2026-03-03T09:00', { managerId: a2!, teamId: teamA.id, source: 'facebook', country: 'DE' });
  await c.status(ids.c2, '2026-03-03T13:00', 'demo');
  ids.c3 = await c.created('2026-03-04T08:00', { managerId: b1!, teamId: teamB.id, source: 'google', country: 'GB' });
  await c.status(ids.c3, '2026-03-04T09:00', 'demo');
  await c.status(ids.c3, '2026-03-04T11:00', 'live');
  await c.payment('payment.executed', ids.c3, '2026-03-05T11:00', 20_000);
  await c.payment('payment.ftd', ids.c3, '2026-03-05T11:00', 20_000);
  for (const t of ['2026-03-02T15:00', '2026-03-03T15:00'])
    await logEvent(db, 'client.comment_added', t, { body: 'x', mentions: [], clientName: '' }, { subjectType: 'client', subjectId: ids.c1, actorId: a1 });
  await logEvent(db, 'client.task_done', '2026-03-03T16:00', { taskId: 't', title: 't', clientName: '' }, { subjectType: 'client', subjectId: ids.c2, actorId: a2 });
  // Trading activity: c1 in March and on 20 April (past FTD + 30 d, before + 60 d), c3 on 6 March only.
  for (const [client, t] of [[ids.c1, '2026-03-10T10:00'], [ids.c1, '2026-04-20T10:00'], [ids.c3, '2026-03-06T10:00']] as const)
    await logEvent(db, 'trading.client_online', t, { clientId: client, clientName: '', accountId: 'a', login: '1', currency: 'USD', since: t });
  // NPS 10, 6, 8; complaints: one answered before its deadline, one after.
  for (const [client, score] of [[ids.c1, 10], [ids.c2, 6], [ids.c3, 8]] as const)
    await logEvent(db, 'survey.answered', '2026-03-05T10:00', { campaignId: 'x', campaignName: 'x', clientId: client, clientName: '', score, channel: 'email' });
  const complaint = (id: string, client: string, created: string, due: string, answered: string) => [
    logEvent(db, 'complaints.created', created, { complaintId: id, reference: id, clientId: client, clientName: '', conversationId: id, source: 'x', category: 'x', acknowledgementDueAt: due, finalResponseDueAt: at(due).toISOString() }),
    logEvent(db, 'complaints.final_response_sent', answered, { complaintId: id, reference: id, clientId: client, clientName: '', outcome: 'upheld', redressAmount: null, redressCurrency: null, letterId: 'l', mailedTo: null }),
  ];
  for (const p of complaint('11111111-1111-4111-8111-111111111111', ids.c1, '2026-03-02T10:00', '2026-03-05T10:00', '2026-03-04T10:00')) await p;
  for (const p of complaint('22222222-2222-4222-8222-222222222222', ids.c3, '2026-03-03T10:00', '2026-03-04T10:00', '2026-03-06T10:00')) await p;
  // Support: k1 answered in 1 min and resolved (FCR, CSAT 5); k2 breached its first response (2 h calendar,
  // 1 h business), one more reply, resolved (CSAT 3); k3 answered outside business hours (0 business ms),
  // resolved then reopened (FCR taken back, CSAT 4); k4 handed over by the bot, k5 resolved by it.
  const { s1, s2 } = ids as Record<string, string>;
  const k1 = await newConversation(db, 'chat', 'en', desk.id);
  const k2 = await newConversation(db, 'email', 'ru', desk.id);
  const k3 = await newConversation(db, 'chat', 'en', desk.id);
  const k4 = await newConversation(db, 'chat', 'en', desk.id);
  const k5 = await newConversation(db, 'chat', 'en', desk.id);
  for (const [k, t] of [[k1, '2026-03-02T09:00'], [k2, '2026-03-03T10:00'], [k3, '2026-03-02T09:30']] as const)
    await logEvent(db, 'support.conversation_opened', t, { conversationId: k.id, number: k.number, channel: k.channel, subject: null, clientId: null, clientName: null, actorName: null });
  await logMetric(db, k1, 'first_response', '2026-03-02T09:01', { cal: 60_000, bus: 60_000, agentId: s1 });
  await logMetric(db, k1, 'resolution', '2026-03-02T09:10', { cal: 600_000, bus: 300_000, agentId: s1 });
  await logMetric(db, k1, 'csat', '2026-03-02T09:20', { score: 5, agentId: s1 });
  await logMetric(db, k2, 'sla_breach', '2026-03-03T11:00', { cal: 0, agentId: s1, detail: 'first_response' });
  await logMetric(db, k2, 'first_response', '2026-03-03T12:00', { cal: 2 * H, bus: H, agentId: s1 });
  await logMetric(db, k2, 'reply', '2026-03-03T13:00', { cal: 120_000, bus: 120_000, agentId: s1 });
  await logMetric(db, k2, 'resolution', '2026-03-04T10:00', { cal: D, bus: 8 * H, agentId: s1 });
  await logMetric(db, k2, 'csat', '2026-03-04T11:00', { score: 3, agentId: s1 });
  await logMetric(db, k3, 'first_response', '2026-03-02T09:33', { cal: 180_000, bus: 0, agentId: s2 });
  await logMetric(db, k3, 'resolution', '2026-03-02T09:45', { cal: 900_000, bus: 0, agentId: s2 });
  await logMetric(db, k3, 'csat', '2026-03-02T10:00', { score: 4, agentId: s2 });
  await logMetric(db, k3, 'reopen', '2026-03-05T10:00', { agentId: s2 });
  await logMetric(db, k4, 'handoff', '2026-03-05T10:00', { detail: 'asked' });
  await logMetric(db, k5, 'bot_resolved', '2026-03-05T11:00', { cal: 30_000 });
  await server.ctx.reports.rollups.catchUp();
});

afterAll(async () => {
  await server?.close();
});

describe('sales', () => {
  it('counts leads, the funnel with step times, FTD per manager and team, money and activity', async () => {
    const s = await get(admin, `/api/reports/sales?${week}`);
    expect(fig(s, 'leads')).toBe(3);
    expect(fig(s, 'ftd_count')).toBe(2);
    expect(fig(s, 'ftd_amount')).toBe(70_000);
    expect(fig(s, 'deposits')).toBe(70_000);
    expect(fig(s, 'withdrawals')).toBe(10_000);
    expect(fig(s, 'net_deposits')).toBe(55_000);
    expect(fig(s, 'comments')).toBe(2);
    expect(fig(s, 'tasks_done')).toBe(1);
    const [lead, demo, live, ftd] = s.funnel;
    expect([lead.count, demo.count, live.count, ftd.count]).toEqual([3, 3, 2, 2]);
    expect(demo.conversion).toBe(1);
    expect(live.conversion).toBeCloseTo(2 / 3);
    // demo after 1 h, 2 h, 4 h: nearest-rank median is the 2nd, p90 the 3rd.
    expect(demo.duration).toEqual({ count: 3, avgMs: Math.round((7 * H) / 3), medianMs: 2 * H, p90Ms: 4 * H });
    expect(live.duration).toEqual({ count: 2, avgMs: 13 * H, medianMs: 2 * H, p90Ms: 24 * H });
    expect(ftd.duration).toEqual({ count: 2, avgMs: 24 * H, medianMs: 24 * H, p90Ms: 24 * H });
    const a1 = s.managers.find((m: { staffId: string }) => m.staffId === ids.a1);
    // The FTD counts for the sales manager even though retention took the trader over at it.
    expect(a1).toMatchObject({ leads: 1, ftdCount: 1, ftdAmount: 50_000, deposits: 0, comments: 2 });
    const b1 = s.managers.find((m: { staffId: string }) => m.staffId === ids.b1);
    expect(b1).toMatchObject({ leads: 1, ftdCount: 1, ftdAmount: 20_000, deposits: 70_000 });
    expect(s.teams.find((t: { teamId: string }) => t.teamId === ids.teamA)).toMatchObject({ ftdCount: 1, ftdAmount: 50_000 });
    expect(s.leadsBy.source).toEqual([
      { key: 'google', label: 'google', count: 2, amount: null, drill: 'leads' },
      { key: 'facebook', label: 'facebook', count: 1, amount: null, drill: 'leads' },
    ]);
    const filtered = await get(admin, `/api/reports/sales?${week}&country=GB&compare=previous`);
    expect(fig(filtered, 'leads')).toBe(2);
    expect(filtered.figures.find((f: { key: string }) => f.key === 'leads').previous).toBe(0);
  });
});

describe('support', () => {
  it('measures response and resolution times in calendar and business time, FCR, SLA, CSAT, NPS, bot, volume', async () => {
    const s = await get(admin, `/api/reports/support?${week}`);
    expect(s.times.firstResponse.calendar).toEqual({ count: 3, avgMs: 2_480_000, medianMs: 180_000, p90Ms: 2 * H });
    expect(s.times.firstResponse.business).toEqual({ count: 3, avgMs: 1_220_000, medianMs: 60_000, p90Ms: H });
    expect(s.times.nextResponse.calendar).toEqual({ count: 1, avgMs: 120_000, medianMs: 120_000, p90Ms: 120_000 });
    expect(s.times.resolution.calendar).toEqual({ count: 3, avgMs: 29_300_000, medianMs: 900_000, p90Ms: D });
    expect(s.times.resolution.business).toEqual({ count: 3, avgMs: 9_700_000, medianMs: 300_000, p90Ms: 8 * H });
    expect(s.fcr).toEqual({ resolved: 3, firstContact: 1, rate: 1 / 3 });
    expect(s.sla[0]).toEqual({ target: 'first_response', measured: 3, breached: 1, attainment: 2 / 3 });
    expect(s.csat).toMatchObject({ count: 3, average: 4, satisfied: 2 / 3 });
    expect(s.csat.distribution.map((b: { count: number }) => b.count)).toEqual([0, 0, 1, 1, 1]);
    expect(s.nps).toMatchObject({ count: 3, score: 0, promoters: 1, passives: 1, detractors: 1 });
    expect(s.complaints).toMatchObject({ count: 2, resolved: 2, onTime: 1, late: 1 });
    expect(s.complaints.resolution).toEqual({ count: 2, avgMs: 2.5 * D, medianMs: 2 * D, p90Ms: 3 * D });
    expect(s.bot).toMatchObject({ resolved: 1, handedOver: 1, resolvedRate: 0.5, handoverRate: 0.5 });
    expect(s.volume.byChannel.map((b: { key: string; count: number }) => [b.key, b.count])).toEqual([['chat', 2], ['email', 1]]);
    expect(s.volume.byLanguage.map((b: { key: string; count: number }) => [b.key, b.count])).toEqual([['en', 2], ['ru', 1]]);
    expect(s.volume.heatmap).toEqual([{ weekday: 0, hour: 9, count: 2 }, { weekday: 1, hour: 10, count: 1 }]);
    const agent = s.agents.find((a: { staffId: string }) => a.staffId === ids.s1);
    expect(agent).toMatchObject({ firstResponses: 2, frtMedianMs: 60_000, frtBusinessMedianMs: 60_000, replies: 1, resolutions: 2, fcrRate: 0.5, csatCount: 2, csatAverage: 4 });
  });

  it('drills the FCR down to the one still standing, and CSAT by score', async () => {
    const fcr = await get(admin, `/api/reports/drill/fcr?${week}`);
    expect(fcr.total).toBe(1);
    const low = await get(admin, `/api/reports/drill/csat?${week}&key=3`);
    expect(low.items.map((r: { score: number }) => r.score)).toEqual([3]);
  });

  it('shows an agent only their own figures', async () => {
    const s = await get(api.s2!, `/api/reports/support?${week}`);
    expect(s.times.firstResponse.calendar.count).toBe(1);
    expect(s.agents.map((a: { staffId: string }) => a.staffId)).toEqual([ids.s2]);
  });
});

describe('retention', () => {
  it('counts active traders, the FTD cohort after 30/60/90 days and the traders gone quiet', async () => {
    const r = await get(admin, `/api/reports/retention?${week}`);
    expect(fig(r, 'active_traders')).toBe(2);
    expect(fig(r, 'ftd_clients')).toBe(2);
    expect(r.cohorts).toEqual([{ month: '2026-03', ftdClients: 2, d30: 1, d60: 0, d90: 0, r30: 0.5, r60: 0, r90: 0 }]);
    expect(r.goneQuiet).toEqual({ count: 2, quietDays: 30 });
    const quiet = await get(admin, `/api/reports/drill/gone_quiet?${week}`);
    expect(quiet.items.map((i: { clientId: string }) => i.clientId).sort()).toEqual([ids.c1, ids.c3].sort());
  });
});

describe('scope', () => {
  it('a manager sees their own numbers and rows, a team lead the team, never another team', async () => {
    const a1 = await get(api.a1!, `/api/reports/sales?${week}`);
    expect(fig(a1, 'leads')).toBe(1);
    expect(fig(a1, 'ftd_amount')).toBe(50_000);
    expect(fig(a1, 'deposits')).toBe(0);
    expect(a1.managers.map((m: { staffId: string }) => m.staffId)).toEqual([ids.a1]);
    const rows = await get(api.a1!, `/api/reports/drill/leads?${week}`);
    expect(rows.items.map((r: { clientId: string }) => r.clientId)).toEqual([ids.c1]);
    // Filtering by another manager's id gives nothing, not their numbers.
    const other = await get(api.a1!, `/api/reports/drill/ftd?${week}&staffId=${ids.b1}`);
    expect(other.total).toBe(0);
    const lead = await get(api.leadA!, `/api/reports/sales?${week}`);
    expect(fig(lead, 'leads')).toBe(2);
    expect(fig(lead, 'ftd_count')).toBe(1);
    const leadRows = await get(api.leadA!, `/api/reports/drill/deposits?${week}`);
    expect(leadRows.total).toBe(0); // c1's deposit came after the hand-over to team B
    const b1 = await get(api.b1!, `/api/reports/drill/ftd?${week}`);
    expect(b1.items.map((r: { clientId: string }) => r.clientId)).toEqual([ids.c3]);
  });
});

describe('input, roles and export', () => {
  it('refuses bad input with a code and the field', async () => {
    const bad = await admin.call('GET', '/api/reports/sales?from=2026-13-01&to=2026-03-08');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', field: 'from' });
    const backwards = await admin.call('GET', '/api/reports/sales?from=2026-03-08&to=2026-03-01');
    expect(backwards.body).toMatchObject({ code: 'validation_failed', field: 'to' });
    const metric = await admin.call('GET', `/api/reports/drill/nope?${week}`);
    expect(metric.body).toMatchObject({ code: 'validation_failed', field: 'metric' });
    const unknown = await admin.call('GET', `/api/reports/sales?${week}&colour=red`);
    expect(unknown.status).toBe(400);
  });

  it('keeps the rollups to admins (403) and exports CSV with formula escaping and an audit event', async () => {
    expect((await api.a1!.call('POST', '/api/reports/rollups/rebuild')).status).toBe(403);
    expect((await api.leadA!.call('GET', '/api/reports/rollups')).status).toBe(403);
    expect((await new (admin.constructor as typeof ApiClient)(server.app).call('GET', `/api/reports/sales?${week}`)).status).toBe(401);
    await logEvent(server.ctx.database.db, 'client.created', '2026-03-07T10:00', { name: '=HYPERLINK("x")', clientName: '=HYPERLINK("x")', kind: 'manual', status: 'lead', source: '+cmd', country: null, managerId: ids.a1, assignedVia: null }, { subjectType: 'client', subjectId: '33333333-3333-4333-8333-333333333333' });
    await server.ctx.reports.rollups.catchUp();
    const csv = await api.a1!.call('GET', `/api/reports/drill/leads/export.csv?${week}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.raw).toContain(`'=HYPERLINK`);
    expect(csv.raw).not.toMatch(/,=HYPERLINK/);
    expect(csv.headers['x-row-count']).toBe('2');
    const audit = await get(admin, '/api/audit?type=reports.exported');
    expect(JSON.stringify(audit)).toContain('drill:leads');
    const dash = await admin.call('GET', `/api/reports/support/export.csv?${week}`);
    expect(dash.raw).toContain('fcr_rate');
  });

  it('rebuilds to the same numbers', async () => {
    const before = await get(admin, `/api/reports/support?${week}`);
    const sales = await get(admin, `/api/reports/sales?${week}`);
    const res = await admin.call('POST', '/api/reports/rollups/rebuild');
    expect(res.status).toBe(200);
    expect(res.body.facts).toBeGreaterThan(30);
    const after = await get(admin, `/api/reports/support?${week}`);
    expect({ ...after, period: null }).toEqual({ ...before, period: null });
    expect({ ...(await get(admin, `/api/reports/sales?${week}`)), period: null }).toEqual({ ...sales, period: null });
  });
});
