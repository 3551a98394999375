import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ManualClock } from '../../src/core/clock.js';
import { conversations, slaPolicies } from '../../src/db/schema.js';
import { SupportSettingsCache } from '../../src/modules/support/index.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { openConversation } from './support-conversations.fixtures.js';

// Tuesday 8 December 2026, 10:00 UTC.
const clock = new ManualClock(new Date('2026-12-08T10:00:00Z'));
let server: TestServer;
let admin: { id: string };
const db = () => server.ctx.database.db;
const dueOf = async (id: string) =>
  (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!.firstResponseDueAt;
const policy = async (name: string) =>
  (await db().select().from(slaPolicies).where(eq(slaPolicies.name, name)))[0]!;

beforeAll(async () => {
  server = await startTestServer({ clock });
  admin = await createStaff(server.ctx, 'admin');
});
afterAll(() => server?.close());

// The clocks keep the policies and calendars per instance (sla/settings-cache.ts): a change must reach
// the next conversation at once, on this instance and on the others.
describe('SLA settings kept per instance', () => {
  it('applies a changed policy and a new default calendar to the next chat at once', async () => {
    // No team yet: around the clock, the Chat policy's 2 minutes.
    const first = await openConversation(server);
    expect(await dueOf(first.id)).toEqual(new Date('2026-12-08T10:02:00Z'));

    const chat = await policy('Chat');
    await server.ctx.routing.policies.update(admin, chat.id, { firstResponseMinutes: 30 });
    const second = await openConversation(server);
    expect(await dueOf(second.id)).toEqual(new Date('2026-12-08T10:30:00Z'));

    // A default team working Tuesdays 13:00–17:00 UTC only: the 30 minutes start at 13:00.
    const team = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: 'Desk', kind: 'support', leadId: null },
    );
    await server.ctx.routing.calendars.put(admin, team.id, {
      timeZone: 'UTC',
      businessHours: { '2': [[780, 1020]] },
      holidays: [],
      languages: ['en'],
      isDefault: true,
    });
    const third = await openConversation(server);
    expect(await dueOf(third.id)).toEqual(new Date('2026-12-08T13:30:00Z'));
  });

  it('drops its copy when another instance says it changed a policy (NOTIFY)', async () => {
    const mine = new SupportSettingsCache();
    await mine.listen(server.ctx.database);
    const email = { channel: 'email', priority: 'normal' } as const;
    expect((await mine.matchPolicy(db(), email))?.firstResponseMinutes).toBe(4 * 60);
    // Another instance: its own write and its own copy; this one hears of it only by the NOTIFY.
    await db().update(slaPolicies).set({ firstResponseMinutes: 90 }).where(eq(slaPolicies.name, 'Email'));
    await new SupportSettingsCache().changed(db());
    await expect.poll(async () => (await mine.matchPolicy(db(), email))?.firstResponseMinutes).toBe(90);
  });
});
