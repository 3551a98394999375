import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { events, mailOutbox } from '../../src/core/schema.js';
import { surveyAnswers } from '../../src/db/schema.js';
import type { NewClient } from '../../src/modules/clients/index.js';
import {
  ApiClient,
  createStaff,
  signedIn,
  signedInAdmin,
  startTestServer,
  type TestServer,
} from '../support/server.js';
import { signedInTrader } from './support-conversations.fixtures.js';

// NPS: a campaign to a segment by email (signed link to the public page) and in the cabinet, one answer
// per trader per campaign, the score per segment and week, comments only for the manager's own clients.
let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
let managerA: Awaited<ReturnType<typeof signedIn>>;
let managerB: Awaited<ReturnType<typeof signedIn>>;
let n = 0;
const db = () => server.ctx.database.db;

const client = (managerId: string, over: Partial<NewClient> = {}) =>
  db().transaction((tx) =>
    server.ctx.clients.createInTx(
      tx,
      {
        name: `Trader ${++n}`,
        email: `nps.${n}.${Date.now()}@mail.test`,
        phone: null,
        country: 'CY',
        language: 'ru',
        source: 'office',
        ...over,
      },
      { actor: null, managerId, kind: 'registration' },
    ),
  );

/** The answer link mailed to this address (the outbox keeps mail without SMTP). */
async function linkFor(email: string): Promise<string> {
  const [mail] = await db().select().from(mailOutbox).where(eq(mailOutbox.to, email));
  const m = /\/surveys\/nps\/(nps1_[A-Za-z0-9_-]+)/.exec(mail!.text ?? '');
  return `/surveys/nps/${m![1]}`;
}

const form = (path: string, body: Record<string, string>) =>
  server.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(body).toString(),
  });

let ids: { a1: string; a2: string; b1: string; emails: string[] };

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
  managerA = await signedIn(server, 'sales_manager');
  managerB = await signedIn(server, 'retention_manager');
  const a1 = await client(managerA.user.id);
  const a2 = await client(managerA.user.id, { language: 'ar' });
  const b1 = await client(managerB.user.id, { country: 'AE', language: 'ar' });
  ids = { a1: a1.id, a2: a2.id, b1: b1.id, emails: [a1.email!, a2.email!, b1.email!] };
});
afterAll(() => server?.close());

describe('NPS campaigns', () => {
  let campaignId: string;

  it('sends a campaign to its segment by email, each trader with their own link', async () => {
    const res = await admin.api.call('POST', '/api/surveys/campaigns', {
      name: 'Q4 NPS',
      segment: { managerIds: [managerA.user.id, managerB.user.id] },
      channels: ['email', 'cabinet'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ recipients: 3, answers: 0, nps: null });
    campaignId = res.body.id;
    const links = await Promise.all(ids.emails.map(linkFor));
    expect(new Set(links).size).toBe(3);
    const sent = await db().select().from(events).where(eq(events.type, 'survey.campaign_sent'));
    expect(sent).toHaveLength(1);
  });

  it('takes one answer per trader from the emailed page, in the trader’s language', async () => {
    const link = await linkFor(ids.emails[1]!); // the Arabic-speaking trader
    const page = await server.app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('ما مدى احتمال');
    const first = await form(link, { score: '10', comment: 'Fast withdrawals' });
    expect(first.statusCode).toBe(200);
    const again = await form(link, { score: '0', comment: 'changed my mind' });
    expect(again.statusCode).toBe(200);
    const rows = await db()
      .select()
      .from(surveyAnswers)
      .where(and(eq(surveyAnswers.campaignId, campaignId), eq(surveyAnswers.clientId, ids.a2)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 10, comment: 'Fast withdrawals', channel: 'email' });
    expect((await server.app.inject({ method: 'GET', url: link })).body).toContain('شكرا');
    const timeline = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, 'survey.answered'), eq(events.subjectId, ids.a2)));
    expect(timeline).toHaveLength(1);
    // A forged token is refused.
    const forged = await form('/surveys/nps/nps1_forgedforgedforgedforged', { score: '9' });
    expect(forged.statusCode).toBe(404);
  });

  it('computes NPS per segment and per week, and shows comments only within record scope', async () => {
    await form(await linkFor(ids.emails[0]!), { score: '3', comment: 'Spreads too wide' });
    await form(await linkFor(ids.emails[2]!), { score: '8', comment: 'B client comment' });
    const res = await admin.api.call('GET', `/api/surveys/results?campaignId=${campaignId}&by=country`);
    expect(res.status).toBe(200);
    // One promoter (10), one passive (8), one detractor (3): NPS 0.
    expect(res.body.overall).toMatchObject({ answers: 3, promoters: 1, passives: 1, detractors: 1, nps: 0 });
    const cy = res.body.groups.find((g: { key: string }) => g.key === 'CY');
    expect(cy).toMatchObject({ answers: 2, nps: 0 });
    expect(res.body.groups.find((g: { key: string }) => g.key === 'AE')).toMatchObject({
      nps: 0,
      answers: 1,
    });
    expect(res.body.trend).toHaveLength(1);
    expect(res.body.trend[0]).toMatchObject({ answers: 3, nps: 0 });
    const byManager = await managerA.api.call(
      'GET',
      `/api/surveys/results?campaignId=${campaignId}&by=manager`,
    );
    expect(byManager.body.groups.find((g: { key: string }) => g.key === managerA.user.id)).toMatchObject({
      answers: 2,
      nps: 0,
    });

    const mineA = await managerA.api.call('GET', `/api/surveys/comments?campaignId=${campaignId}`);
    expect(mineA.status).toBe(200);
    expect(mineA.body.items.map((c: { comment: string }) => c.comment).sort()).toEqual([
      'Fast withdrawals',
      'Spreads too wide',
    ]);
    const mineB = await managerB.api.call('GET', `/api/surveys/comments?campaignId=${campaignId}`);
    expect(mineB.body.items.map((c: { comment: string }) => c.comment)).toEqual(['B client comment']);
    const all = await admin.api.call('GET', `/api/surveys/comments?campaignId=${campaignId}`);
    expect(all.body.items).toHaveLength(3);
    const list = await managerA.api.call('GET', '/api/surveys/campaigns');
    expect(list.body.items.find((c: { id: string }) => c.id === campaignId)).toMatchObject({
      answers: 3,
      nps: 0,
    });
  });

  it('asks a trader in the cabinet until they answer, once', async () => {
    const trader = await signedInTrader(server);
    const created = await admin.api.call('POST', '/api/surveys/campaigns', {
      name: 'Cabinet only',
      segment: { countries: ['id'], statuses: ['lead', 'demo', 'live'] },
      channels: ['cabinet'],
    });
    expect(created.status).toBe(201);
    expect(await db().select().from(mailOutbox).where(like(mailOutbox.text, '%surveys/nps%'))).toHaveLength(
      3,
    );
    const open = await trader.api.call('GET', '/api/portal/surveys');
    expect(open.status).toBe(200);
    expect(open.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, question: expect.stringContaining('merekomendasikan') }),
    ]);
    const first = await trader.api.call('POST', `/api/portal/surveys/${created.body.id}/answer`, {
      score: 9,
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ duplicate: false, score: 9 });
    const again = await trader.api.call('POST', `/api/portal/surveys/${created.body.id}/answer`, {
      score: 1,
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ duplicate: true, score: 9 });
    expect((await trader.api.call('GET', '/api/portal/surveys')).body.items).toEqual([]);
    // Not a recipient of the first campaign: not found.
    const other = await admin.api.call('GET', '/api/surveys/campaigns');
    const q4 = other.body.items.find((c: { name: string }) => c.name === 'Q4 NPS');
    const stranger = await trader.api.call('POST', `/api/portal/surveys/${q4.id}/answer`, { score: 5 });
    expect(stranger.status).toBe(404);
  });

  it('closes a campaign: the cabinet stops asking, links and answers are refused, results stay', async () => {
    const trader = await signedInTrader(server);
    const created = await admin.api.call('POST', '/api/surveys/campaigns', {
      name: 'Closing soon',
      segment: { countries: ['id'], statuses: ['lead', 'demo', 'live'] },
      channels: ['cabinet', 'email'],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(
      (await trader.api.call('GET', '/api/portal/surveys')).body.items.map((c: { id: string }) => c.id),
    ).toContain(id);
    const managerCannot = await managerA.api.call('POST', `/api/surveys/campaigns/${id}/close`);
    expect(managerCannot.status).toBe(403);
    const closed = await admin.api.call('POST', `/api/surveys/campaigns/${id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.closedAt).toBe(server.clock.now().toISOString());
    expect((await admin.api.call('POST', `/api/surveys/campaigns/${id}/close`)).body).toMatchObject({
      code: 'campaign_closed',
    });
    expect(
      (await admin.api.call('POST', '/api/surveys/campaigns/00000000-0000-4000-8000-000000000000/close'))
        .status,
    ).toBe(404);
    // Gone from the cabinet; an answer is refused and nothing is stored.
    expect(
      (await trader.api.call('GET', '/api/portal/surveys')).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(id);
    const late = await trader.api.call('POST', `/api/portal/surveys/${id}/answer`, { score: 8 });
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ code: 'campaign_closed' });
    expect(await db().select().from(surveyAnswers).where(eq(surveyAnswers.campaignId, id))).toEqual([]);
    // The emailed link says so, in the trader's language, and takes nothing either.
    const [mail] = await db()
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, trader.email), like(mailOutbox.text, '%surveys/nps%')));
    const link = /\/surveys\/nps\/(nps1_[A-Za-z0-9_-]+)/.exec(mail!.text)![0];
    expect((await server.app.inject({ method: 'GET', url: link })).body).toContain(
      'Survei ini sudah ditutup',
    );
    expect((await form(link, { score: '9' })).statusCode).toBe(410);
    expect(await db().select().from(surveyAnswers).where(eq(surveyAnswers.campaignId, id))).toEqual([]);
    const closedEvents = await db().select().from(events).where(eq(events.type, 'survey.campaign_closed'));
    expect(closedEvents.map((e) => e.subjectId)).toEqual([id]);
  });

  it('refuses bad input with a code and the field', async () => {
    const empty = await admin.api.call('POST', '/api/surveys/campaigns', {
      name: 'Nobody',
      segment: { countries: ['ZZ'] },
      channels: ['email'],
    });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'segment_empty', field: 'segment' });
    const noChannel = await admin.api.call('POST', '/api/surveys/campaigns', { name: 'x', channels: [] });
    expect(noChannel.status).toBe(400);
    expect(noChannel.body).toMatchObject({ code: 'validation_failed', field: 'channels' });
    const badStatus = await admin.api.call('POST', '/api/surveys/campaigns', {
      name: 'x',
      channels: ['email'],
      segment: { statuses: ['vip'] },
    });
    expect(badStatus.body).toMatchObject({ code: 'validation_failed', field: 'segment.statuses.0' });
    const trader = await signedInTrader(server);
    const list = await admin.api.call('GET', '/api/surveys/campaigns');
    const id = list.body.items[0].id;
    const high = await trader.api.call('POST', `/api/portal/surveys/${id}/answer`, { score: 11 });
    expect(high.status).toBe(400);
    expect(high.body).toMatchObject({ code: 'validation_failed', field: 'score' });
    const badForm = await form(await linkFor(ids.emails[0]!), { score: '42' });
    expect(badForm.statusCode).toBe(400);
  });

  it('keeps campaigns to team leads and admins, and the cabinet to signed-in traders', async () => {
    const create = { name: 'x', segment: {}, channels: ['email'] };
    expect((await managerA.api.call('POST', '/api/surveys/campaigns', create)).status).toBe(403);
    const agent = await signedIn(server, 'support_agent');
    expect((await agent.api.call('POST', '/api/surveys/campaigns', create)).status).toBe(403);
    const lead = await createStaff(server.ctx, 'team_lead');
    const leadApi = new ApiClient(server.app);
    await leadApi.login(lead.email, lead.password);
    expect((await leadApi.call('GET', '/api/surveys/proactive-settings')).status).toBe(200);
    expect((await managerA.api.call('GET', '/api/surveys/proactive-settings')).status).toBe(403);
    const anonymous = new ApiClient(server.app);
    expect((await anonymous.call('GET', '/api/portal/surveys')).status).toBe(401);
    expect((await anonymous.call('GET', '/api/surveys/results')).status).toBe(401);
  });
});
