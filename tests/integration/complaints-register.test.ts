import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { events, notifications } from '../../src/db/schema.js';
import { parseCsv } from '../../src/modules/clients/csv.js';
import { signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { complaintFields, deskTeam, traderOfTeam } from './complaints.fixtures.js';

// Warnings under a manual clock, the register's CSV export and the monthly report.
let server: TestServer;
let desk: Awaited<ReturnType<typeof deskTeam>>;
let compliance: Awaited<ReturnType<typeof signedIn>>;
const clock = new ManualClock(new Date('2026-11-02T10:00:00Z')); // Monday
const db = () => server.ctx.database.db;
const noticesOf = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, 'complaints.deadline_warning')))
    .orderBy(notifications.createdAt);

beforeAll(async () => {
  server = await startTestServer({ clock });
  desk = await deskTeam(server);
  compliance = await signedIn(server, 'compliance');
  const { api: admin } = await signedInAdmin(server);
  // CySEC: acknowledge within 5 working days, answer within 2 months.
  const put = await admin.call('PUT', '/api/complaints/settings', {
    firmCode: 'ACME',
    jurisdiction: 'cysec',
    holidays: ['2026-11-04'],
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
});
afterAll(() => server?.close());

describe('complaint deadline warnings', () => {
  it('reach the team lead at 50 and 80 %, compliance too at 100 %, each once', async () => {
    const trader = await traderOfTeam(server, desk.team.id, 'en');
    const filed = await trader.api.call('POST', '/api/portal/complaints', complaintFields());
    expect(filed.status).toBe(201);
    const c = filed.body;
    expect(c.reference).toBe('ACME-2026-000001');
    // Mon 2 Nov 2026 in Nicosia; Wed 4 Nov is a holiday → the 5th working day is Tue 10 Nov, whose
    // end is 22:00 UTC (EET).
    expect(c.acknowledgementDueAt).toBe('2026-11-10T22:00:00.000Z');
    // 2 months → Sat 2 Jan 2027 → the business day before it, Fri 1 Jan (not a holiday in this list).
    expect(c.finalResponseDueAt).toBe('2027-01-01T22:00:00.000Z');
    const job = server.ctx.complaints.warnings;
    const received = new Date(c.receivedAt).getTime();
    const due = new Date(c.finalResponseDueAt).getTime();
    const at = (share: number) => new Date(received + Math.ceil((due - received) * share));

    expect(await job.run()).toBe(0);
    clock.advance(at(0.5).getTime() - clock.now().getTime());
    expect(await job.run()).toBe(1);
    expect(await job.run()).toBe(0); // idempotent
    let lead = await noticesOf(desk.leadUser.id);
    expect(lead.map((n) => n.payload.level)).toEqual([50]);
    expect(lead[0]!.payload).toMatchObject({ reference: c.reference, deadline: 'final_response' });
    expect(await noticesOf(compliance.user.id)).toHaveLength(0);

    clock.advance(at(0.8).getTime() - clock.now().getTime());
    expect(await job.run()).toBe(1);
    clock.advance(due - clock.now().getTime());
    expect(await job.run()).toBe(1);
    expect(await job.run()).toBe(0);
    lead = await noticesOf(desk.leadUser.id);
    expect(lead.map((n) => n.payload.level)).toEqual([50, 80, 100]);
    expect((await noticesOf(compliance.user.id)).map((n) => n.payload.level)).toEqual([100]);
    // The register shows it late; the detail says which warnings went out.
    await desk.relogin();
    clock.advance(60_000);
    const detail = await desk.lead.call('GET', `/api/complaints/${c.id}`);
    expect(detail.body.late).toBe(true);
    expect(detail.body.deadlines).toEqual([
      expect.objectContaining({ kind: 'acknowledgement', warned: 0 }),
      expect.objectContaining({ kind: 'final_response', warned: 100 }),
    ]);
    const overdue = await desk.lead.call('GET', '/api/complaints?overdue=true');
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('a complaint answered in time gets no more warnings', async () => {
    const trader = await traderOfTeam(server, desk.team.id, 'id');
    const filed = await trader.api.call('POST', '/api/portal/complaints', complaintFields());
    await desk.relogin();
    const sent = await desk.agent.call('POST', `/api/complaints/${filed.body.id}/final-response`, {
      outcome: 'upheld',
      redressAmount: 125_000,
      redressCurrency: 'USD',
      body: 'Penarikan Anda telah dibayarkan.',
    });
    expect(sent.status).toBe(204);
    clock.advance(90 * 86_400_000);
    await server.ctx.complaints.warnings.run();
    const any = await db()
      .select()
      .from(events)
      .where(and(eq(events.subjectId, filed.body.id), eq(events.type, 'complaints.deadline_warning')));
    expect(any).toHaveLength(0);
  });
});

describe('the complaint register: CSV export and monthly report', () => {
  it('exports with the register filters, audited, cells neutralised, UTF-8 with BOM', async () => {
    await desk.relogin();
    const trader = await traderOfTeam(server, desk.team.id, 'en');
    const filed = await trader.api.call(
      'POST',
      '/api/portal/complaints',
      complaintFields({ account: '=HYPERLINK("x")' }),
    );
    expect(filed.status).toBe(201);
    const res = await desk.lead.call('GET', `/api/complaints/export.csv?clientId=${trader.clientId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['x-row-count']).toBe('1');
    expect(res.headers['x-truncated']).toBe('false');
    expect(res.raw.charCodeAt(0)).toBe(0xfeff);
    const { rows } = parseCsv(res.raw);
    expect(rows[0]![0]).toBe('reference');
    const account = rows[0]!.indexOf('account');
    expect(rows[1]![0]).toBe(filed.body.reference);
    expect(rows[1]![account]).toBe(`'=HYPERLINK("x")`);
    expect(rows[1]![rows[0]!.indexOf('amount_at_stake')]).toBe('1250.00');
    const audit = await db().select().from(events).where(eq(events.type, 'complaints.exported'));
    expect(audit.at(-1)!.payload).toMatchObject({
      rowCount: 1,
      truncated: false,
      filters: { clientId: trader.clientId },
    });
    // Another team's lead exports nothing of it.
    const other = await deskTeam(server);
    const theirs = await other.lead.call('GET', `/api/complaints/export.csv?clientId=${trader.clientId}`);
    expect(theirs.headers['x-row-count']).toBe('0');
  });

  it('the monthly report counts what was received, closed in time or late, redress per currency', async () => {
    await compliance.api.login(compliance.user.email, compliance.user.password);
    const res = await compliance.api.call('GET', '/api/complaints/report?month=2026-11');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      month: '2026-11',
      firmCode: 'ACME',
      jurisdiction: 'cysec',
      timeZone: 'Asia/Nicosia',
    });
    // November: the first complaint, still open (late) at the month's end.
    expect(r).toMatchObject({ received: 1, closed: 0, openAtStart: 0, openAtEnd: 1 });
    expect(r.byCategory).toEqual([{ key: 'withdrawal', count: 1 }]);
    // January (Nicosia time): the second was received and answered in time on 2 January.
    const feb = await compliance.api.call('GET', '/api/complaints/report?month=2027-01');
    expect(feb.body.received).toBe(1);
    expect(feb.body.closed).toBe(1);
    expect(feb.body.closedLate).toBe(0);
    expect(feb.body.redress).toEqual([{ currency: 'USD', amount: 125_000, count: 1 }]);
    expect(feb.body.byOutcome).toEqual([{ key: 'upheld', count: 1 }]);
    const ids = r.items.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      await db()
        .select()
        .from(events)
        .where(inArray(events.type, ['complaints.settings_updated'])),
    ).toHaveLength(1);
  });
});
