import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { events } from '../../src/db/schema.js';
import { signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';

// The desk's settings — SLA policies, agents' skills and capacity, team calendars — leave an audit
// trail: who changed what, in the same transaction; a refused change leaves none.
let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
let agent: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
  agent = await signedIn(server, 'support_agent');
});
afterAll(() => server?.close());

async function trailOf(subjectId: string) {
  const rows = await server.ctx.database.db
    .select()
    .from(events)
    .where(eq(events.type, 'support.settings_changed'));
  return rows
    .filter((e) => e.subjectId === subjectId)
    .map((e) => ({
      ...(e.payload as { area: string; action: string; changes: object }),
      actorId: e.actorId,
    }));
}

describe('support settings audit', () => {
  it('records who created, changed and deleted an SLA policy, with the changed fields only', async () => {
    const created = await admin.api.call('POST', '/api/support/sla-policies', {
      name: 'Audit VIP',
      channel: 'email',
      firstResponseMinutes: 30,
      businessHoursOnly: true,
      sortOrder: 3,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(
      (await admin.api.call('PATCH', `/api/support/sla-policies/${id}`, { firstResponseMinutes: 20 })).status,
    ).toBe(200);
    // Refused: an agent may not change it, and a bad patch writes nothing — neither leaves a trail.
    expect(
      (await agent.api.call('PATCH', `/api/support/sla-policies/${id}`, { enabled: false })).status,
    ).toBe(403);
    expect(
      (await admin.api.call('PATCH', `/api/support/sla-policies/${id}`, { firstResponseMinutes: null }))
        .status,
    ).toBe(400);
    expect((await admin.api.call('DELETE', `/api/support/sla-policies/${id}`)).status).toBe(204);

    const trail = await trailOf(id);
    expect(trail.map((t) => [t.area, t.action, t.actorId])).toEqual([
      ['sla_policy', 'created', admin.admin.id],
      ['sla_policy', 'updated', admin.admin.id],
      ['sla_policy', 'deleted', admin.admin.id],
    ]);
    expect(trail[0]!.changes).toMatchObject({ name: 'Audit VIP', firstResponseMinutes: 30 });
    expect(trail[1]!.changes).toEqual({ firstResponseMinutes: { from: 30, to: 20 } });
  });

  it("records an agent's teams, languages and capacity and a team calendar, by the admin who set them", async () => {
    const team = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: 'Audit desk', kind: 'support', leadId: null },
    );
    const cal = await admin.api.call('PUT', `/api/support/teams/${team.id}/calendar`, {
      timeZone: 'Asia/Jakarta',
      languages: ['id'],
      holidays: ['2026-12-25'],
      isDefault: false,
    });
    expect(cal.status).toBe(200);
    const set = await admin.api.call('PUT', `/api/support/agents/${agent.user.id}`, {
      teamIds: [team.id],
      languages: ['id', 'en'],
      capacity: 4,
    });
    expect(set.status).toBe(200);
    // An unknown time zone is refused before anything is written.
    const bad = await admin.api.call('PUT', `/api/support/teams/${team.id}/calendar`, {
      timeZone: 'Mars/Olympus',
      languages: [],
    });
    expect(bad.status).toBe(400);

    const calendar = await trailOf(team.id);
    expect(calendar).toHaveLength(1);
    expect(calendar[0]).toMatchObject({
      area: 'team_calendar',
      action: 'updated',
      actorId: admin.admin.id,
      changes: { timeZone: 'Asia/Jakarta', languages: ['id'], holidays: ['2026-12-25'] },
    });
    const skills = await trailOf(agent.user.id);
    expect(skills.at(-1)).toMatchObject({
      area: 'agent',
      actorId: admin.admin.id,
      changes: { teamIds: [team.id], languages: ['id', 'en'], capacity: 4 },
    });
  });
});
