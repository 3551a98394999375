import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events as eventLog } from '../../src/db/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { botDesk, botVisitor, metricsOf, notesOf, rowOf, sessionOf } from './support-bot.fixtures.js';

let server: TestServer;
let desk: Awaited<ReturnType<typeof botDesk>>;

beforeAll(async () => {
  server = await startTestServer();
  desk = await botDesk(server);
});
afterAll(() => server?.close());

describe('the FAQ bot takes a new chat', () => {
  it('keeps it from agents and the SLA clocks, and answers "вы робот?" honestly, offering a person', async () => {
    const v = await botVisitor(server);
    await v.say('Здравствуйте');
    const greeting = await v.last();
    expect(greeting).toMatchObject({ authorKind: 'bot', bot: { kind: 'greeting' } });
    expect(greeting.body).toContain('бот, а не человек');
    expect(greeting.body).toContain('Связаться с человеком');
    await v.say('вы робот?');
    const honest = await v.last();
    expect(honest).toMatchObject({ authorKind: 'bot', bot: { kind: 'robot' } });
    expect(honest.body).toMatch(/^Да, я бот/);
    const row = await rowOf(server, v.conversationId);
    // Not routed, no SLA, nobody waiting: the bot answered.
    expect(row).toMatchObject({
      assigneeId: null,
      queuedAt: null,
      slaPolicyId: null,
      firstResponseDueAt: null,
    });
    expect(row.waitingSince).toBeNull();
    expect(await sessionOf(server, v.conversationId)).toMatchObject({ state: 'active' });
  });

  it('answers the robot question in Arabic, Indonesian and English too (the message’s language decides)', async () => {
    const v = await botVisitor(server, { language: 'en' });
    await v.say('هل أنت روبوت؟');
    expect(await v.last()).toMatchObject({
      bot: { kind: 'robot' },
      body: expect.stringMatching(/^نعم، أنا روبوت/),
    });
    await v.say('apakah kamu robot?');
    expect((await v.last()).body).toMatch(/^Ya, saya bot/);
    await v.say('Are you a robot?');
    expect((await v.last()).body).toMatch(/^Yes, I am a bot/);
  });
});

describe('handover', () => {
  it('on "Talk to a person": the agent gets the chat with the whole transcript, the clocks start then', async () => {
    const v = await botVisitor(server);
    await v.say('Здравствуйте');
    await v.say('вы робот?');
    const before = await rowOf(server, v.conversationId);
    server.clock.advance(60_000);
    const res = await v.call('POST', '/api/support/widget/handover', { conversationId: v.conversationId });
    expect(res.status).toBe(204);
    const row = await rowOf(server, v.conversationId);
    expect(row.assigneeId).toBe(desk.agent.user.id);
    // First response is due from the handover, not from the chat's creation.
    expect(row.firstResponseDueAt!.getTime() - server.clock.now().getTime()).toBe(2 * 60_000);
    expect(row.createdAt).toEqual(before.createdAt);
    // The bot's goodbye does not count as an answer: the visitor waits for people from now.
    expect(row.waitingSince).toEqual(server.clock.now());
    const last = await v.last();
    expect(last).toMatchObject({ authorKind: 'bot', bot: { kind: 'handover' } });
    expect(last.body).toContain('Передаю вас сотруднику');
    // The agent's thread: the visitor's and the bot's messages, and a note with the transcript.
    const thread = await desk.agent.api.call(
      'GET',
      `/api/support/conversations/${v.conversationId}/messages?after=0`,
    );
    expect(thread.status).toBe(200);
    const note = thread.body.items.find((m: { visibility: string }) => m.visibility === 'internal');
    expect(note.body).toContain('the visitor asked for a person');
    expect(note.body).toContain('Visitor (Olga): вы робот?');
    expect(note.body).toContain('Bot: Да, я бот');
    expect(await sessionOf(server, v.conversationId)).toMatchObject({
      state: 'handed_over',
      handoverReason: 'asked',
    });
    expect(await metricsOf(server, v.conversationId, 'handoff')).toMatchObject([{ detail: 'asked' }]);
    const evts = await server.ctx.database.db
      .select()
      .from(eventLog)
      .where(eq(eventLog.type, 'support.bot_handed_over'));
    expect(
      evts.some((e) => (e.payload as { conversationId: string }).conversationId === v.conversationId),
    ).toBe(true);
    // From now on people answer: the bot says nothing more.
    await v.say('алло?');
    expect(await v.last()).toMatchObject({ authorKind: 'customer', body: 'алло?' });
    // A second press is harmless.
    expect(
      (await v.call('POST', '/api/support/widget/handover', { conversationId: v.conversationId })).status,
    ).toBe(204);
    expect(await notesOf(server, v.conversationId)).toHaveLength(1);
    // The first response is measured from the handover: the bot's minute is not the agent's.
    server.clock.advance(30_000);
    const reply = await desk.agent.api.call(
      'POST',
      `/api/support/conversations/${v.conversationId}/messages`,
      {
        body: 'Здравствуйте, я помогу',
        visibility: 'public',
      },
    );
    expect(reply.status).toBe(201);
    expect(await metricsOf(server, v.conversationId, 'first_response')).toMatchObject([
      { calendarMs: 30_000, agentId: desk.agent.user.id },
    ]);
  });

  it('when the visitor asks in words, in any of the four languages', async () => {
    for (const [language, text] of [
      ['ru', 'Соедините с оператором'],
      ['en', 'I want to talk to a person'],
      ['id', 'Saya mau bicara dengan petugas'],
      ['ar', 'أريد التحدث مع موظف'],
    ] as const) {
      const v = await botVisitor(server, { language });
      await v.say(text);
      expect((await v.last()).bot?.kind).toBe('handover');
      expect(await sessionOf(server, v.conversationId)).toMatchObject({ handoverReason: 'asked' });
      expect((await rowOf(server, v.conversationId)).assigneeId).toBe(desk.agent.user.id);
    }
  });

  it('when no article answers: unsure', async () => {
    const v = await botVisitor(server, { language: 'en' });
    await v.say('Can you recommend which stock will double next week?');
    const last = await v.last();
    expect(last.bot?.kind).toBe('handover');
    expect(last.body).toContain('not sure');
    expect(await sessionOf(server, v.conversationId)).toMatchObject({ handoverReason: 'unsure' });
    expect(await metricsOf(server, v.conversationId, 'handoff')).toMatchObject([{ detail: 'unsure' }]);
  });

  it('after two answers that did not help', async () => {
    const v = await botVisitor(server, { language: 'en' });
    await v.say('hello');
    await v.say("no, that didn't help");
    expect((await v.last()).bot?.kind).toBe('clarify');
    expect(await sessionOf(server, v.conversationId)).toMatchObject({ state: 'active', failedAnswers: 1 });
    await v.say('not helpful');
    expect((await v.last()).bot?.kind).toBe('handover');
    expect(await sessionOf(server, v.conversationId)).toMatchObject({
      handoverReason: 'failed',
      failedAnswers: 2,
    });
  });
});

describe('turned off', () => {
  it('routes a new chat to the agent at once, as before', async () => {
    expect((await desk.admin.api.call('PUT', '/api/support/bot/settings', { enabled: false })).status).toBe(
      200,
    );
    try {
      const v = await botVisitor(server);
      await v.say('вы робот?');
      expect(await v.last()).toMatchObject({ authorKind: 'customer' });
      expect((await rowOf(server, v.conversationId)).assigneeId).toBe(desk.agent.user.id);
      expect(await sessionOf(server, v.conversationId)).toBeUndefined();
      const res = await v.call('POST', '/api/support/widget/handover', { conversationId: v.conversationId });
      expect(res).toMatchObject({ status: 409, body: { code: 'bot_not_in_chat', field: 'conversationId' } });
    } finally {
      await desk.admin.api.call('PUT', '/api/support/bot/settings', { enabled: true });
    }
  });
});
