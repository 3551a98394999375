import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { conversations, events as eventLog, notifications } from '../../src/db/schema.js';
import { createStaff, signedIn, startTestServer, type TestServer } from '../support/server.js';
import { customerSays, openConversation } from './support-conversations.fixtures.js';

// Sentiment flags on the support desk: every customer message is scored in its language (detected when
// the visitor gave none); a very negative one raises the priority with an event; a run of three negative
// messages notifies the team's lead once.
let server: TestServer;
let agent: Awaited<ReturnType<typeof signedIn>>;
let lead: Awaited<ReturnType<typeof createStaff>>;
let teamId: string;
const db = () => server.ctx.database.db;
const rowOf = async (id: string) =>
  (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;
const eventsOf = (type: string, conversationId: string) =>
  db()
    .select()
    .from(eventLog)
    .where(and(eq(eventLog.type, type), eq(eventLog.subjectId, conversationId)));

beforeAll(async () => {
  server = await startTestServer();
  agent = await signedIn(server, 'support_agent');
  lead = await createStaff(server.ctx, 'team_lead');
  const team = await server.ctx.teams.create(
    { id: null, ip: null },
    { name: 'Care desk', kind: 'support', leadId: lead.id },
  );
  teamId = team.id;
});
afterAll(() => server?.close());

describe('sentiment of customer messages', () => {
  it('scores and flags each message and shows it in the inbox and the conversation', async () => {
    const conv = await openConversation(server, { language: 'en' });
    await customerSays(server, conv.id, 'Hello, when will my withdrawal arrive?');
    let row = await rowOf(conv.id);
    expect(row.sentimentFlag).toBeNull();
    expect(row.sentimentScore).toBe(0);
    await customerSays(server, conv.id, 'The spread was bad today.');
    row = await rowOf(conv.id);
    expect(row.sentimentFlag).toBe('negative');
    expect(row.sentimentScore).toBeLessThan(0);
    const page = await agent.api.call('GET', `/api/support/conversations/${conv.id}/messages?after=0`);
    expect(page.status).toBe(200);
    const flags = page.body.items.map((m: { sentimentFlag: string | null }) => m.sentimentFlag);
    expect(flags).toEqual([null, 'negative']);
    const list = await agent.api.call('GET', '/api/support/conversations?view=all');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const item = list.body.items.find((i: { id: string }) => i.id === conv.id);
    expect(item).toMatchObject({ sentimentFlag: 'negative' });
    const detail = await agent.api.call('GET', `/api/support/conversations/${conv.id}`);
    expect(detail.body.sentimentFlag).toBe('negative');
  });

  it("leaves agents' replies and internal notes unscored", async () => {
    const conv = await openConversation(server);
    const reply = await agent.api.call('POST', `/api/support/conversations/${conv.id}/messages`, {
      body: 'Sorry, this is terrible, we are fixing it',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.sentimentFlag).toBeNull();
    expect((await rowOf(conv.id)).sentimentFlag).toBeNull();
  });

  it('raises the priority of a very negative message, with its event, and never lowers it', async () => {
    const conv = await openConversation(server, { language: 'ru' });
    expect(conv.priority).toBe('normal');
    await customerSays(server, conv.id, 'Вы мошенники! Верните мои деньги, это обман!!!');
    const row = await rowOf(conv.id);
    expect(row.sentimentFlag).toBe('very_negative');
    expect(row.priority).toBe('high');
    const updated = await eventsOf('support.conversation_updated', conv.id);
    expect(updated).toHaveLength(1);
    expect(updated[0]!.payload).toMatchObject({ changes: { priority: { from: 'normal', to: 'high' } } });
    expect(updated[0]!.actorId).toBeNull();

    const urgent = await openConversation(server, { language: 'en', priority: 'urgent' });
    await customerSays(server, urgent.id, 'You are SCAMMERS, give me back my money!!!');
    expect((await rowOf(urgent.id)).priority).toBe('urgent');
    expect(await eventsOf('support.conversation_updated', urgent.id)).toHaveLength(0);
  });

  it('detects the language when the visitor gave none and scores with its lexicon', async () => {
    const conv = await openConversation(server, { language: null });
    await customerSays(
      server,
      conv.id,
      'Saya sangat kecewa dengan pelayanan kalian, penarikan dana saya belum diproses',
    );
    const row = await rowOf(conv.id);
    expect(row.language).toBe('id');
    expect(row.sentimentFlag).not.toBeNull();
    // A language the visitor chose is kept, even when the text reads otherwise.
    const chosen = await openConversation(server, { language: 'ar' });
    await customerSays(server, chosen.id, 'Hello there, how are you doing today my friend');
    expect((await rowOf(chosen.id)).language).toBe('ar');
  });

  it('notifies the team lead once when three negative messages come in a row', async () => {
    const conv = await openConversation(server, { language: 'en', teamId });
    // Routing may have put it elsewhere; the team is what the lead is looked up by.
    await db().update(conversations).set({ teamId }).where(eq(conversations.id, conv.id));
    await customerSays(server, conv.id, 'This is bad.');
    await customerSays(server, conv.id, 'Still a problem, terrible.');
    await customerSays(server, conv.id, 'Thanks for the update');
    // The positive one broke the run: counting starts again.
    expect((await rowOf(conv.id)).negativeRun).toBe(0);
    await customerSays(server, conv.id, 'Awful service.');
    await customerSays(server, conv.id, 'Useless, I am angry.');
    expect(await eventsOf('support.negative_run', conv.id)).toHaveLength(0);
    await customerSays(server, conv.id, 'Worst broker ever.');
    await customerSays(server, conv.id, 'Horrible.');
    const runs = await eventsOf('support.negative_run', conv.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.payload).toMatchObject({ run: 3 });
    const toLead = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, lead.id), eq(notifications.eventId, runs[0]!.id)));
    expect(toLead).toHaveLength(1);
    expect((await rowOf(conv.id)).negativeRun).toBe(4);
  });
});
