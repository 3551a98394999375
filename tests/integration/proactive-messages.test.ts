import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ManualClock } from '../../src/core/clock.js';
import { appendEvent } from '../../src/core/events.js';
import { events, mailOutbox } from '../../src/core/schema.js';
import { proactiveMessages } from '../../src/db/schema.js';
import { SYSTEM_ACTOR } from '../../src/modules/support/index.js';
import { signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { customerSays, openConversation } from './support-conversations.fixtures.js';

// Proactive messages: a follow-up mailed a set delay after a client's conversation is resolved (not
// when it was reopened meanwhile), a templated message to a client whose account alert fired; each on
// the client's timeline as proactive.message_sent.
const clock = new ManualClock(new Date('2026-12-07T09:00:00Z'));
let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
let n = 0;
const db = () => server.ctx.database.db;
const proactive = () => server.ctx.surveys.proactive;

async function aClient(language = 'en') {
  n += 1;
  return db().transaction((tx) =>
    server.ctx.clients.createInTx(
      tx,
      {
        name: `Care ${n}`,
        email: `care.${n}.${Date.now()}@mail.test`,
        phone: null,
        country: 'GB',
        language,
        source: 'office',
      },
      { actor: null, kind: 'registration' },
    ),
  );
}
const mailsTo = (to: string) => db().select().from(mailOutbox).where(eq(mailOutbox.to, to));
const sentOn = (clientId: string) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.type, 'proactive.message_sent'), eq(events.subjectId, clientId)));
const resolve = (id: string) =>
  db().transaction((tx) => server.ctx.conversations.setStatus(tx, id, 'resolved', SYSTEM_ACTOR));

beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server?.close());

describe('follow-up after a resolved conversation', () => {
  it('is mailed after the delay in the client’s language, once, and logged on the timeline', async () => {
    const client = await aClient('ru');
    const conv = await openConversation(server, { clientId: client.id, channel: 'email', language: 'ru' });
    await customerSays(server, conv.id, 'Где мой вывод?');
    await resolve(conv.id);
    expect(await proactive().sendDue()).toBe(0); // not due yet (24 h by default)
    clock.advance(24 * 3_600_000 + 1000);
    expect(await proactive().sendDue()).toBe(1);
    const mails = await mailsTo(client.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(`#${conv.number}`);
    expect(mails[0]!.subject).toContain('Всё ли в порядке');
    const logged = await sentOn(client.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.payload).toMatchObject({ kind: 'follow_up', sourceId: conv.id });
    // Resolving again (after a reopen) does not schedule a second follow-up.
    await customerSays(server, conv.id, 'Спасибо!');
    await resolve(conv.id);
    clock.advance(25 * 3_600_000);
    expect(await proactive().sendDue()).toBe(0);
    expect(await mailsTo(client.email!)).toHaveLength(1);
  });

  it('is dropped when the customer reopened the conversation before it was due', async () => {
    const client = await aClient();
    const conv = await openConversation(server, { clientId: client.id, channel: 'email' });
    await customerSays(server, conv.id, 'Hello');
    await resolve(conv.id);
    await customerSays(server, conv.id, 'Actually it is not fixed');
    clock.advance(25 * 3_600_000);
    await proactive().sendDue();
    expect(await mailsTo(client.email!)).toHaveLength(0);
    expect(await sentOn(client.id)).toHaveLength(0);
    const [row] = await db().select().from(proactiveMessages).where(eq(proactiveMessages.sourceId, conv.id));
    expect(row!.sentAt).not.toBeNull(); // settled, never retried
  });

  it('uses the delay and template from the settings', async () => {
    admin = await signedInAdmin(server); // the clock moved past the earlier session
    const res = await admin.api.call('PUT', '/api/surveys/proactive-settings', {
      followUp: {
        enabled: true,
        delayHours: 2,
        templates: { en: { subject: 'Checking in on #{{number}}', body: 'Hi {{name}}' } },
      },
      alerts: { enabled: true, templates: {} },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.followUp.delayHours).toBe(2);
    // The defaults a language without its own template gets, for the settings screen to show.
    expect(res.body.defaults.followUp.ru.subject).toBe('Всё ли в порядке после обращения #{{number}}?');
    expect(res.body.defaults.alerts.ar.subject).toBe('بخصوص حسابك {{login}}');
    const client = await aClient('en');
    const conv = await openConversation(server, { clientId: client.id, channel: 'email' });
    await customerSays(server, conv.id, 'Hi');
    await resolve(conv.id);
    clock.advance(2 * 3_600_000 + 1000);
    expect(await proactive().sendDue()).toBe(1);
    const [mail] = await mailsTo(client.email!);
    expect(mail!.subject).toBe(`Checking in on #${conv.number}`);
    expect(mail!.text).toBe(`Hi ${client.name}`);
  });

  it('refuses bad settings with the field, and settings to those who are not supervisors', async () => {
    admin = await signedInAdmin(server);
    const bad = await admin.api.call('PUT', '/api/surveys/proactive-settings', {
      followUp: { enabled: true, delayHours: 0, templates: {} },
      alerts: { enabled: true, templates: {} },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', field: 'followUp.delayHours' });
    const badLang = await admin.api.call('PUT', '/api/surveys/proactive-settings', {
      followUp: { enabled: true, delayHours: 3, templates: { xx: { subject: 's', body: 'b' } } },
      alerts: { enabled: true, templates: {} },
    });
    expect(badLang.status).toBe(400);
    const agent = await signedIn(server, 'support_agent');
    expect((await agent.api.call('GET', '/api/surveys/proactive-settings')).status).toBe(403);
  });
});

describe('templated message after an account alert', () => {
  it('mails the client whose alert fired, once per alert, and logs it', async () => {
    const client = await aClient('id');
    // The event trading's alert writer appends when a rule fires (src/modules/trading/alerts).
    await db().transaction((tx) =>
      appendEvent(tx, {
        type: 'trading.alert_raised',
        subjectType: 'client',
        subjectId: client.id,
        payload: {
          alertId: '00000000-0000-4000-8000-000000000001',
          kind: 'low_balance',
          ruleId: '00000000-0000-4000-8000-000000000002',
          ruleName: 'Low balance',
          accountId: '00000000-0000-4000-8000-000000000003',
          login: '700123',
          threshold: 100,
          value: 42,
          currency: 'USD',
          title: 'Low balance',
          taskId: null,
          clientId: client.id,
          clientName: client.name,
        },
      }),
    );
    expect(await proactive().collectAlerts()).toBe(1);
    expect(await proactive().collectAlerts()).toBe(0); // the cursor moved on
    await proactive().sendDue();
    const mails = await mailsTo(client.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Tentang akun Anda 700123');
    expect(mails[0]!.text).toContain('Low balance');
    const logged = await sentOn(client.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.payload).toMatchObject({ kind: 'alert' });
    await proactive().sendDue();
    expect(await mailsTo(client.email!)).toHaveLength(1);
  });
});
