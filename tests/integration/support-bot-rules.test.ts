import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { events as eventLog } from '../../src/db/schema.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';
import { botDesk, botVisitor, metricsOf, rowOf, sessionOf } from './support-bot.fixtures.js';

let server: TestServer;
let desk: Awaited<ReturnType<typeof botDesk>>;

// Monday 7 December 2026, 20:00 UTC: after hours for a Moscow team working 09:00–18:00 on weekdays.
const MONDAY_EVENING = new Date('2026-12-07T20:00:00Z');
const WEEKDAYS = Object.fromEntries(
  ['1', '2', '3', '4', '5'].map((d) => [d, [[540, 1080]] as [number, number][]]),
);

beforeAll(async () => {
  server = await startTestServer({ clock: new ManualClock(MONDAY_EVENING) });
  desk = await botDesk(server, { hours: WEEKDAYS, timeZone: 'Europe/Moscow' });
});
afterAll(() => server?.close());

describe('outside business hours', () => {
  it('says when people are back and takes the message: queued for the team, the clock waiting for the morning', async () => {
    const v = await botVisitor(server);
    await v.say('Хочу поговорить с живым человеком');
    const last = await v.last();
    expect(last.bot?.kind).toBe('away');
    // 20:00 UTC is 23:00 in Moscow; the team is back on Tuesday at 09:00 Moscow time.
    expect(last.body).toContain('Сейчас наша команда не работает');
    expect(last.body).toMatch(/вторник.*09:00/);
    expect(last.body).toContain('и по email');
    const row = await rowOf(server, v.conversationId);
    expect(row.teamId).toBe(desk.team.id);
    // The first response is due 2 business minutes after 09:00 Moscow (06:00 UTC) on Tuesday.
    expect(row.firstResponseDueAt?.toISOString()).toBe('2026-12-08T06:02:00.000Z');
    expect(await sessionOf(server, v.conversationId)).toMatchObject({
      state: 'handed_over',
      handoverReason: 'asked',
    });
  });

  it('answers "are you a robot?" at night as by day', async () => {
    const v = await botVisitor(server, { language: 'ar' });
    await v.say('هل أنت روبوت؟');
    expect((await v.last()).bot?.kind).toBe('robot');
  });
});

describe('an upset visitor', () => {
  it('goes to people at once, in each language', async () => {
    for (const [language, text] of [
      ['en', 'This is a scam, you stole my money!!!'],
      ['ru', 'Вы мошенники, верните мои деньги немедленно!'],
      ['id', 'Kalian penipu! Kembalikan uang saya!'],
      ['ar', 'أنتم لصوص! أعيدوا أموالي!'],
    ] as const) {
      const v = await botVisitor(server, { language });
      await v.say(text);
      expect(await sessionOf(server, v.conversationId)).toMatchObject({
        state: 'handed_over',
        handoverReason: 'angry',
      });
      expect(await metricsOf(server, v.conversationId, 'handoff')).toMatchObject([{ detail: 'angry' }]);
    }
  });
});

describe('the sweep', () => {
  it('hands over a visitor message the bot never answered', async () => {
    const v = await botVisitor(server, { language: 'en' });
    await v.say('hello');
    // A message stored without the bot's turn (as if the process died between the two).
    const conv = await rowOf(server, v.conversationId);
    await server.ctx.database.db.transaction((tx) =>
      server.ctx.conversations.addMessage(tx, conv.id, { authorKind: 'customer', body: 'anyone there?' }),
    );
    server.clock.advance(3 * 60_000);
    const swept = await server.ctx.bot.sweep();
    expect(swept.handedOver).toBeGreaterThanOrEqual(1);
    expect(await sessionOf(server, v.conversationId)).toMatchObject({
      state: 'handed_over',
      handoverReason: 'unsure',
    });
  });
});

describe('settings', () => {
  it('are read by the desk and changed only by settings admins, with an audit event', async () => {
    const read = await desk.agent.api.call('GET', '/api/support/bot/settings');
    expect(read).toMatchObject({ status: 200, body: { enabled: true, threshold: 60 } });
    const refused = await desk.agent.api.call('PUT', '/api/support/bot/settings', { enabled: false });
    expect(refused.status).toBe(403);
    const manager = await signedIn(server, 'sales_manager');
    expect((await manager.api.call('GET', '/api/support/bot/settings')).status).toBe(403);
    expect((await desk.agent.api.call('GET', '/api/support/bot/settings')).body.enabled).toBe(true);
    const changed = await desk.admin.api.call('PUT', '/api/support/bot/settings', { threshold: 75 });
    expect(changed).toMatchObject({ status: 200, body: { enabled: true, threshold: 75 } });
    const audit = await server.ctx.database.db
      .select()
      .from(eventLog)
      .where(eq(eventLog.type, 'support.settings_changed'));
    expect(audit.map((e) => e.payload)).toContainEqual({
      area: 'bot',
      action: 'updated',
      id: null,
      changes: { threshold: 75 },
    });
    await desk.admin.api.call('PUT', '/api/support/bot/settings', { threshold: 60 });
  });

  it('refuse bad input with the field, and change nothing', async () => {
    for (const [body, field] of [
      [{ threshold: 101 }, 'threshold'],
      [{ threshold: 50.5 }, 'threshold'],
      [{ enabled: 'yes' }, 'enabled'],
      [{}, 'enabled'],
      [{ enabled: true, extra: 1 }, null],
    ] as const) {
      const res = await desk.admin.api.call('PUT', '/api/support/bot/settings', body);
      expect(res.status).toBe(400);
      if (field) expect(res.body.field).toBe(field);
    }
    expect((await desk.admin.api.call('GET', '/api/support/bot/settings')).body).toEqual({
      enabled: true,
      threshold: 60,
    });
  });

  it('"Talk to a person" is the visitor’s own chat only', async () => {
    const v = await botVisitor(server, { language: 'en' });
    await v.say('hello');
    const other = await botVisitor(server, { language: 'en' });
    await other.say('hello');
    const theirs = await other.call('POST', '/api/support/widget/handover', {
      conversationId: v.conversationId,
    });
    expect(theirs.status).toBe(404);
    const made = await other.call('POST', '/api/support/widget/handover', {
      conversationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(made.status).toBe(404);
    const bad = await other.call('POST', '/api/support/widget/handover', { conversationId: 'nope' });
    expect(bad).toMatchObject({ status: 400, body: { field: 'conversationId' } });
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/api/support/widget/handover',
      payload: { conversationId: v.conversationId },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await sessionOf(server, v.conversationId)).toMatchObject({ state: 'active' });
    expect((await rowOf(server, v.conversationId)).assigneeId).toBeNull();
  });
});
