import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintLetters, events, mailOutbox, notifications } from '../../src/db/schema.js';
import { ApiClient, signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { complaintFields, deskTeam, traderOfTeam } from './complaints.fixtures.js';
import { openConversation } from './support-conversations.fixtures.js';

let server: TestServer;
let desk: Awaited<ReturnType<typeof deskTeam>>;
let compliance: Awaited<ReturnType<typeof signedIn>>;
const db = () => server.ctx.database.db;
const mailsTo = (to: string) => db().select().from(mailOutbox).where(eq(mailOutbox.to, to));

beforeAll(async () => {
  server = await startTestServer({ clock: undefined });
  desk = await deskTeam(server);
  compliance = await signedIn(server, 'compliance');
});
afterAll(() => server?.close());

async function linkedConversation(teamId: string | null = desk.team.id) {
  const trader = await traderOfTeam(server, teamId);
  const conv = await openConversation(server, { clientId: trader.clientId, channel: 'chat' });
  return { trader, conv };
}

describe('complaints: raised by staff from a conversation', () => {
  it('gets a reference, deadlines, the acknowledgement mail; notes, escalation, final response letter', async () => {
    const { trader, conv } = await linkedConversation();
    const raised = await desk.agent.call('POST', '/api/complaints', {
      conversationId: conv.id,
      ...complaintFields(),
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const c = raised.body;
    const year = new Date().getUTCFullYear();
    expect(c.reference).toMatch(new RegExp(`^BD-${year}-\\d{6}$`));
    expect(c).toMatchObject({
      status: 'open',
      level: 'agent',
      source: 'staff',
      jurisdiction: 'fca',
      language: 'ru',
    });
    expect(new Date(c.finalResponseDueAt).getTime()).toBeGreaterThan(
      new Date(c.acknowledgementDueAt).getTime(),
    );
    expect(c.acknowledgedAt).not.toBeNull();
    // The inbox shows it as a complaint.
    const inbox = await desk.agent.call('GET', `/api/support/conversations/${conv.id}`);
    expect(inbox.body.kind).toBe('complaint');
    // The acknowledgement in the client's language, with the reference.
    const ack = (await mailsTo(trader.email)).find((m) => m.subject.includes(c.reference));
    expect(ack!.subject).toBe(`Мы получили вашу жалобу ${c.reference}`);
    expect(ack!.text).toContain('Ваша жалоба зарегистрирована');
    // Raising it again is refused.
    const again = await desk.agent.call('POST', '/api/complaints', {
      conversationId: conv.id,
      ...complaintFields(),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'already_complaint',
      field: 'conversationId',
      complaintId: c.id,
    });

    expect(
      (await desk.agent.call('POST', `/api/complaints/${c.id}/notes`, { body: 'Bank says sent' })).status,
    ).toBe(204);
    expect(
      (await desk.agent.call('POST', `/api/complaints/${c.id}/escalate`, { reason: 'Needs a lead' })).status,
    ).toBe(204);
    // An agent may not take it to compliance; the team lead may.
    const agentUp = await desk.agent.call('POST', `/api/complaints/${c.id}/escalate`, { reason: 'more' });
    expect(agentUp.status).toBe(403);
    expect(agentUp.body).toMatchObject({ code: 'escalation_not_allowed', field: 'level' });
    expect(
      (await desk.lead.call('POST', `/api/complaints/${c.id}/escalate`, { reason: 'Redress above limit' }))
        .status,
    ).toBe(204);
    const top = await desk.lead.call('POST', `/api/complaints/${c.id}/escalate`, { reason: 'again' });
    expect(top.body.code).toBe('escalation_top');
    // Compliance were told of the escalation to them.
    const told = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, compliance.user.id), eq(notifications.type, 'complaints.escalated')),
      );
    expect(told).toHaveLength(1);

    const sent = await compliance.api.call('POST', `/api/complaints/${c.id}/final-response`, {
      outcome: 'partially_upheld',
      redressAmount: 2_500,
      redressCurrency: 'USD',
      body: 'Мы рассмотрели вашу жалобу.\n\nЗадержка произошла по вине банка; мы возмещаем комиссию.',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(204);
    const detail = await compliance.api.call('GET', `/api/complaints/${c.id}`);
    expect(detail.body).toMatchObject({
      status: 'responded',
      level: 'compliance',
      outcome: 'partially_upheld',
      redressAmount: 2_500,
      redressCurrency: 'USD',
      late: false,
    });
    expect(detail.body.notes.map((n: { body: string }) => n.body)).toEqual(['Bank says sent']);
    expect(detail.body.escalations.map((e: { toLevel: string; byName: string }) => e.toLevel)).toEqual([
      'team_lead',
      'compliance',
    ]);
    expect(detail.body.escalations[0].byName).toBe(desk.agentUser.name);
    expect(detail.body.letter).toMatchObject({ language: 'ru', mailedTo: trader.email });
    const pdf = await compliance.api.call('GET', detail.body.letter.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.startsWith('%PDF-')).toBe(true);
    const mails = await mailsTo(trader.email);
    const final = mails.find((m) => m.subject === `Окончательный ответ на вашу жалобу ${c.reference}`);
    // The mail carries the very letter the cabinet keeps, as a PDF attachment.
    expect(final?.attachments).toEqual([
      {
        filename: `${c.reference}-final-response.pdf`,
        contentType: 'application/pdf',
        content: expect.any(String),
      },
    ]);
    const [kept] = await db().select().from(complaintLetters).where(eq(complaintLetters.complaintId, c.id));
    expect(Buffer.from(final!.attachments![0]!.content, 'base64').equals(kept!.pdf)).toBe(true);
    // The trader downloads the same letter from the cabinet; nobody answers twice.
    const mine = await trader.api.call('GET', '/api/portal/complaints');
    expect(mine.body.items[0]).toMatchObject({ reference: c.reference, status: 'responded' });
    expect((await trader.api.call('GET', mine.body.items[0].letterUrl)).status).toBe(200);
    const twice = await compliance.api.call('POST', `/api/complaints/${c.id}/final-response`, {
      outcome: 'upheld',
      body: 'again',
    });
    expect(twice.status).toBe(409);
    // The audit trail has every step, in order.
    const trail = await db().select().from(events).where(eq(events.subjectId, c.id)).orderBy(events.id);
    expect(trail.map((e) => e.type)).toEqual([
      'complaints.created',
      'complaints.acknowledged',
      'complaints.note_added',
      'complaints.escalated',
      'complaints.escalated',
      'complaints.final_response_sent',
    ]);
  });
});

describe('complaints: filed by the trader in the cabinet', () => {
  it('opens a cabinet ticket of kind complaint, lists it with its deadlines; concurrent filings get 1, 2, 3… without gaps', async () => {
    const trader = await traderOfTeam(server, desk.team.id, 'en');
    const filed = await trader.api.call(
      'POST',
      '/api/portal/complaints',
      complaintFields({ category: 'execution' }),
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ status: 'open', category: 'execution', letterUrl: null });
    const seq = (ref: string) => Number(ref.split('-')[2]);
    const first = seq(filed.body.reference);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => trader.api.call('POST', '/api/portal/complaints', complaintFields())),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(201));
    const numbers = burst.map((r) => seq(r.body.reference)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => first + 1 + i));
    const list = await trader.api.call('GET', '/api/portal/complaints');
    expect(list.body.items).toHaveLength(9);
    // Staff of the team see them in the register; the ticket is in the inbox as a complaint.
    const reg = await desk.lead.call(
      'GET',
      `/api/complaints?clientId=${trader.clientId}&sort=reference&order=asc`,
    );
    expect(reg.status).toBe(200);
    expect(reg.body.total).toBe(9);
    expect(reg.body.items[0].reference).toBe(filed.body.reference);
    expect(reg.body.items[0].source).toBe('cabinet');
    const conv = await desk.agent.call(
      'GET',
      `/api/support/conversations/${reg.body.items[0].conversationId}`,
    );
    expect(conv.body).toMatchObject({ kind: 'complaint', channel: 'cabinet' });
  });
});

describe('complaints: bad input and wrong roles', () => {
  it('answers 4xx naming the field', async () => {
    const { conv } = await linkedConversation();
    const post = (body: unknown) => desk.agent.call('POST', '/api/complaints', body);
    const cases: [Record<string, unknown>, string][] = [
      [{ conversationId: conv.id, ...complaintFields({ category: undefined }) }, 'category'],
      [{ conversationId: conv.id, ...complaintFields({ category: 'nonsense' }) }, 'category'],
      [{ conversationId: conv.id, ...complaintFields({ amountAtStake: -1 }) }, 'amountAtStake'],
      [{ conversationId: conv.id, ...complaintFields({ amountAtStake: 1.5 }) }, 'amountAtStake'],
      [{ conversationId: conv.id, ...complaintFields({ currency: 'XYZ' }) }, 'currency'],
      [{ conversationId: conv.id, ...complaintFields({ desiredOutcome: '  ' }) }, 'desiredOutcome'],
      [{ conversationId: conv.id, ...complaintFields({ account: 'x'.repeat(41) }) }, 'account'],
      [{ conversationId: 'nope', ...complaintFields() }, 'conversationId'],
      [{ conversationId: conv.id, ...complaintFields({ receivedAt: '2199-01-01T00:00:00Z' }) }, 'receivedAt'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field, JSON.stringify(res.body)).toBe(field);
    }
    const unlinked = await openConversation(server, {});
    const res = await post({ conversationId: unlinked.id, ...complaintFields() });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'conversation_unlinked', field: 'conversationId' });
    const missing = await post({
      conversationId: '00000000-0000-4000-8000-000000000000',
      ...complaintFields(),
    });
    expect(missing.status).toBe(404);

    const raised = await post({ conversationId: conv.id, ...complaintFields() });
    const rejected = await desk.agent.call('POST', `/api/complaints/${raised.body.id}/final-response`, {
      outcome: 'rejected',
      redressAmount: 100,
      redressCurrency: 'USD',
      body: 'No.',
    });
    expect(rejected.status).toBe(400);
    expect(rejected.body).toMatchObject({ code: 'redress_on_rejected', field: 'redressAmount' });
    expect((await desk.lead.call('GET', '/api/complaints/report?month=2026-13')).body.field).toBe('month');
    const { api: admin } = await signedInAdmin(server);
    const badCode = await admin.call('PUT', '/api/complaints/settings', {
      firmCode: 'bad code!',
      jurisdiction: 'fca',
      holidays: [],
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.field).toBe('firmCode');
    const badZone = await admin.call('PUT', '/api/complaints/settings', {
      firmCode: 'BD',
      jurisdiction: 'asic',
      timeZone: 'Mars/Olympus',
      holidays: [],
    });
    expect(badZone.body).toMatchObject({ code: 'time_zone_unknown', field: 'timeZone' });
  });

  it('refuses roles without the permission and hides complaints outside the record scope', async () => {
    const { conv, trader } = await linkedConversation();
    const raised = await desk.agent.call('POST', '/api/complaints', {
      conversationId: conv.id,
      ...complaintFields(),
    });
    const id = raised.body.id as string;
    const sales = await signedIn(server, 'sales_manager');
    expect(
      (await sales.api.call('POST', '/api/complaints', { conversationId: conv.id, ...complaintFields() }))
        .status,
    ).toBe(403);
    expect((await sales.api.call('GET', `/api/complaints/${id}`)).status).toBe(403);
    // An agent handles complaints but does not read the register, export it or change the policy.
    expect((await desk.agent.call('GET', '/api/complaints')).status).toBe(403);
    expect((await desk.agent.call('GET', '/api/complaints/export.csv')).status).toBe(403);
    const policy = { firmCode: 'XX', jurisdiction: 'cysec', holidays: [] };
    expect((await desk.lead.call('PUT', '/api/complaints/settings', policy)).status).toBe(403);
    // A team lead of another team: the complaint does not exist for them.
    const other = await deskTeam(server);
    expect((await other.lead.call('GET', `/api/complaints/${id}`)).status).toBe(404);
    expect((await other.lead.call('POST', `/api/complaints/${id}/notes`, { body: 'x' })).status).toBe(404);
    const theirs = await other.lead.call('GET', `/api/complaints?clientId=${trader.clientId}`);
    expect(theirs.body.total).toBe(0);
    // The trader without a session, and another trader for the letter.
    expect((await new ApiClient(server.app).call('GET', '/api/portal/complaints')).status).toBe(401);
    const stranger = await traderOfTeam(server, null);
    expect((await stranger.api.call('GET', `/api/portal/complaints/${id}/letter.pdf`)).status).toBe(404);
  });
});
