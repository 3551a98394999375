import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { mailOutbox, staffUsers } from '../../src/db/schema.js';
import { ReportDigest, dueDigests, type DigestSource } from '../../src/modules/reports/digest.js';
import { DEFAULT_DIGEST } from '../../src/modules/reports/digest-settings.js';
import { ApiClient, signedIn, signedInAdmin, type TestServer, startTestServer } from '../support/server.js';
import { customerSays, openConversation } from './support-conversations.fixtures.js';

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
const board = async (api = admin.api) => {
  const res = await api.call('GET', '/api/reports/wallboard');
  expect(res.status).toBe(200);
  return res.body as {
    waiting: number;
    longestWaitSec: number;
    agentsOnline: number;
    todayFrtSec: number | null;
    todayCsat: number | null;
  };
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
});
afterAll(() => server?.close());

describe('the wallboard', () => {
  it('counts a waiting chat and its wait, agents online, then today’s first response once answered', async () => {
    expect(await board()).toEqual({
      waiting: 0,
      longestWaitSec: 0,
      agentsOnline: 0,
      todayFrtSec: null,
      todayCsat: null,
    });
    const agent = await signedIn(server, 'support_agent');
    expect((await agent.api.call('PUT', '/api/support/me/status', { status: 'online' })).status).toBe(200);
    const conv = await openConversation(server);
    await customerSays(server, conv.id, 'Where is my withdrawal?');
    server.clock.advance(90_000);
    expect(await board()).toMatchObject({ waiting: 1, longestWaitSec: 90, agentsOnline: 1 });

    const reply = await admin.api.call('POST', `/api/support/conversations/${conv.id}/messages`, {
      body: 'It left today, you will have it tomorrow',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    const after = await board();
    expect(after).toMatchObject({ waiting: 0, longestWaitSec: 0, agentsOnline: 1, todayFrtSec: 90 });
  });

  it('needs a session (401); the whole desk with reports.all, else the viewer’s own team', async () => {
    const anonymous = new ApiClient(server.app);
    expect((await anonymous.call('GET', '/api/reports/wallboard')).status).toBe(401);
    const conv = await openConversation(server);
    await customerSays(server, conv.id, 'Hello?');
    expect((await board()).waiting).toBe(1);
    const finance = await signedIn(server, 'finance');
    expect((await board(finance.api)).waiting).toBe(1);
    const manager = await signedIn(server, 'sales_manager');
    expect(await board(manager.api)).toMatchObject({ waiting: 0, agentsOnline: 0 });
    const team = await admin.api.call('POST', '/api/teams', { name: 'Desk Wallboard', kind: 'sales' });
    expect(team.status).toBe(201);
    const lead = await signedIn(server, 'team_lead', { teamId: team.body.id });
    expect(await board(lead.api)).toMatchObject({ waiting: 0, agentsOnline: 0 });
  });
});

describe('the digest', () => {
  const source: DigestSource = {
    sections: async (viewer, range, role) => [
      {
        title: 'Sales',
        dashboard: 'sales',
        lines: [{ label: 'Leads', value: `${role}:${viewer.scope}:${range.from}`, previous: '3' }],
      },
    ],
  };
  const digest = () =>
    new ReportDigest({
      database: server.ctx.database,
      clock: server.clock,
      mailer: server.ctx.mailer,
      source,
      baseUrl: 'http://desk.test',
    });
  const digestMails = () =>
    server.ctx.database.db.select().from(mailOutbox).where(like(mailOutbox.subject, '%report digest%'));

  it('is due after its hour, once a day, weekly on its weekday', () => {
    const monday7 = new Date('2026-12-07T07:00:00Z');
    expect(dueDigests(DEFAULT_DIGEST, new Date('2026-12-07T05:59:00Z'))).toEqual([]);
    expect(dueDigests(DEFAULT_DIGEST, monday7)).toEqual(['daily', 'weekly']);
    const sent = {
      ...DEFAULT_DIGEST,
      lastDailyAt: '2026-12-07T06:00:00.000Z',
      lastWeeklyAt: '2026-12-07T06:00:01.000Z',
    };
    expect(dueDigests(sent, monday7)).toEqual([]);
    expect(dueDigests(sent, new Date('2026-12-08T06:30:00Z'))).toEqual(['daily']);
  });

  it('mails each role set to the period its figures under its scope, once, and follows the admin settings', async () => {
    const settings = await admin.api.call('GET', '/api/reports/digest-settings');
    expect(settings.status).toBe(200);
    expect(settings.body.roles).toEqual(DEFAULT_DIGEST.roles);
    const put = await admin.api.call('PUT', '/api/reports/digest-settings', {
      roles: {
        admin: 'daily',
        team_lead: 'off',
        sales_manager: 'off',
        retention_manager: 'off',
        support_agent: 'off',
        finance: 'daily',
        compliance: 'weekly',
      },
      hourUtc: 0,
      weekday: 3,
    });
    expect(put.status).toBe(200);
    const bad = await admin.api.call('PUT', '/api/reports/digest-settings', {
      roles: { ...DEFAULT_DIGEST.roles, admin: 'hourly' },
      hourUtc: 25,
      weekday: 3,
    });
    expect(bad.status).toBe(400);
    const lead = await signedIn(server, 'team_lead');
    expect((await lead.api.call('GET', '/api/reports/digest-settings')).status).toBe(403);

    const finance = await signedIn(server, 'finance');
    const before = (await digestMails()).length;
    const queued = await digest().tick();
    // Every active admin (this file made one) and the finance user; compliance is weekly, not today.
    const mails = (await digestMails()).slice(before);
    expect(queued).toBe(mails.length);
    const toFinance = mails.find((m) => m.to === finance.user.email);
    expect(toFinance?.subject).toMatch(/^Daily report digest/);
    expect(toFinance?.text).toContain('Leads: finance:all:');
    expect(mails.find((m) => m.to === admin.admin.email)).toBeDefined();
    // The same day again: nothing more.
    expect(await digest().tick()).toBe(0);
    const [row] = await server.ctx.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, finance.user.email));
    expect(row).toBeDefined();
  });

  it('sends now through the route with the dashboards’ own figures (Admin → Report digest)', async () => {
    const before = (await digestMails()).length;
    const sent = await admin.api.call('POST', '/api/reports/digest/send', { period: 'daily' });
    expect(sent.status).toBe(200);
    expect(sent.body.queued).toBeGreaterThan(0);
    const mails = (await digestMails()).slice(before);
    const mine = mails.find((m) => m.to === admin.admin.email);
    expect(mine?.text).toMatch(/Sales\n {2}Leads: \d+/);
    expect(mine?.text).toContain('First response (median)');
    expect((await admin.api.call('POST', '/api/reports/digest/send', { period: 'hourly' })).status).toBe(400);
  });

  it('is written in each recipient’s workspace language, Arabic right to left', async () => {
    const russian = await signedIn(server, 'finance');
    const arabic = await signedIn(server, 'finance');
    const db = server.ctx.database.db;
    await db.update(staffUsers).set({ locale: 'ru' }).where(eq(staffUsers.id, russian.user.id));
    await db.update(staffUsers).set({ locale: 'ar' }).where(eq(staffUsers.id, arabic.user.id));
    const sent = await admin.api.call('POST', '/api/reports/digest/send', { period: 'daily' });
    expect(sent.status).toBe(200);
    const mailTo = async (email: string) =>
      (await db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).at(-1)!;
    const ru = await mailTo(russian.user.email);
    expect(ru.subject).toMatch(/^Ежедневная сводка отчётов, \d{4}-\d{2}-\d{2}/);
    expect(ru.text).toMatch(/Продажи\n {2}Депозиты: /);
    expect(ru.text).not.toContain('Deposits');
    const ar = await mailTo(arabic.user.email);
    expect(ar.subject).toMatch(/^ملخص التقارير اليومي/);
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.html).toContain('صافي الإيداعات');
  });
});
