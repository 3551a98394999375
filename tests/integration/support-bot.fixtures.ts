import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { supportBotSessions } from '../../src/modules/support/bot/schema.js';
import { conversationMessages, conversations, supportMetrics } from '../../src/modules/support/schema.js';
import { signedIn, signedInAdmin, type TestServer } from '../support/server.js';
import { asVisitor, cmid, newVisitor } from './support-widget.fixtures.js';

/** The desk with the bot on (threshold given), a team answering `languages` and one online agent. */
export async function botDesk(
  server: TestServer,
  opts: {
    languages?: string[];
    threshold?: number;
    hours?: Record<string, [number, number][]>;
    timeZone?: string;
  } = {},
) {
  const admin = await signedInAdmin(server);
  const on = await admin.api.call('PUT', '/api/support/bot/settings', {
    enabled: true,
    threshold: opts.threshold ?? 60,
  });
  expect(on.status).toBe(200);
  const team = await server.ctx.teams.create(
    { id: null, ip: null },
    { name: `Support ${cmid()}`, kind: 'support', leadId: null },
  );
  const languages = opts.languages ?? ['en', 'ru', 'id', 'ar'];
  const cal = await admin.api.call('PUT', `/api/support/teams/${team.id}/calendar`, {
    timeZone: opts.timeZone ?? 'UTC',
    languages,
    isDefault: true,
    ...(opts.hours && { businessHours: opts.hours }),
  });
  expect(cal.status).toBe(200);
  const agent = await signedIn(server, 'support_agent', { teamId: team.id });
  const set = await admin.api.call('PUT', `/api/support/agents/${agent.user.id}`, {
    teamIds: [team.id],
    languages,
    capacity: 10,
  });
  expect(set.status).toBe(200);
  expect((await agent.api.call('PUT', '/api/support/me/status', { status: 'online' })).status).toBe(200);
  return { admin, team, agent };
}

/** A widget visitor writing over HTTP: each send returns once the bot's reply is stored. */
export async function botVisitor(server: TestServer, form: Record<string, unknown> = {}) {
  const { token, api } = await newVisitor(server, {
    name: 'Olga',
    email: 'olga@example.test',
    language: 'ru',
    ...form,
  });
  const call = asVisitor(api, token);
  let conversationId: string | undefined;
  return {
    token,
    call,
    get conversationId() {
      return conversationId!;
    },
    async say(body: string) {
      const res = await call('POST', '/api/support/widget/messages', {
        ...(conversationId && { conversationId }),
        body,
        clientMessageId: cmid(),
      });
      expect(res.status).toBe(201);
      conversationId = res.body.conversationId as string;
      return res.body;
    },
    /** The public messages as the widget reads them. */
    async messages() {
      const res = await call('GET', `/api/support/widget/messages?conversationId=${conversationId}&after=0`);
      expect(res.status).toBe(200);
      return res.body.items as {
        seq: number;
        authorKind: string;
        body: string;
        bot?: { kind: string; article?: { title: string; url: string } | null };
      }[];
    },
    async last() {
      const items = await this.messages();
      return items[items.length - 1]!;
    },
  };
}

export const rowOf = async (server: TestServer, id: string) =>
  (await server.ctx.database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;

export const sessionOf = async (server: TestServer, id: string) =>
  (
    await server.ctx.database.db
      .select()
      .from(supportBotSessions)
      .where(eq(supportBotSessions.conversationId, id))
  )[0];

export const metricsOf = (server: TestServer, id: string, kind: string) =>
  server.ctx.database.db
    .select()
    .from(supportMetrics)
    .where(and(eq(supportMetrics.conversationId, id), eq(supportMetrics.kind, kind as 'handoff')));

export const notesOf = (server: TestServer, id: string) =>
  server.ctx.database.db
    .select()
    .from(conversationMessages)
    .where(and(eq(conversationMessages.conversationId, id), eq(conversationMessages.visibility, 'internal')));
