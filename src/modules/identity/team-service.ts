import { asc, count, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/connection.js';
import { appendEvents } from '../../core/events.js';
import { conflict, notFound } from '../../core/errors.js';
import { staffUsers, teams } from './schema.js';
import { heldByAnother } from '../../core/taken.js';
import type { teamInput, teamUpdateInput } from './contracts.js';
import type { Actor } from '../../core/actor.js';
import { STAFF_AUDIENCE } from './staff-service.js';

const lead = alias(staffUsers, 'lead');

/** Teams (desks) and their leads. A lead is moved into the team they lead, so team scope follows. */
export class TeamService {
  constructor(private readonly db: Db) {}

  async list() {
    const members = this.db
      .select({ teamId: staffUsers.teamId, n: count().as('n') })
      .from(staffUsers)
      .where(eq(staffUsers.active, true))
      .groupBy(staffUsers.teamId)
      .as('members');
    const rows = await this.db
      .select({
        id: teams.id,
        name: teams.name,
        kind: teams.kind,
        leadId: teams.leadId,
        leadName: lead.name,
        memberCount: sql<number>`coalesce(${members.n}, 0)`.mapWith(Number),
      })
      .from(teams)
      .leftJoin(lead, eq(lead.id, teams.leadId))
      .leftJoin(members, eq(members.teamId, teams.id))
      .orderBy(asc(teams.name));
    return rows;
  }

  async get(id: string) {
    const found = (await this.list()).find((t) => t.id === id);
    if (!found) throw notFound('Team');
    return found;
  }

  async create(actor: Actor, input: z.output<typeof teamInput>) {
    const id = await this.db.transaction(async (tx) => {
      await this.assertNameFree(tx, input.name);
      const [team] = await tx.insert(teams).values({ name: input.name, kind: input.kind }).returning();
      await appendEvents(tx, [
        {
          type: 'team.created',
          subjectType: 'team',
          subjectId: team!.id,
          actorId: actor.id,
          ip: actor.ip,
          payload: { name: input.name, kind: input.kind },
          audience: STAFF_AUDIENCE,
        },
      ]);
      if (input.leadId) await this.setLead(tx, actor, team!.id, input.name, input.leadId);
      return team!.id;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, patch: z.output<typeof teamUpdateInput>) {
    await this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(teams).where(eq(teams.id, id)).for('update').limit(1);
      if (!before) throw notFound('Team');
      if (patch.name && patch.name.toLowerCase() !== before.name.toLowerCase())
        await this.assertNameFree(tx, patch.name, id);
      const { leadId, ...rest } = patch;
      if (Object.keys(rest).some((k) => rest[k as keyof typeof rest] !== undefined)) {
        await tx.update(teams).set(rest).where(eq(teams.id, id));
        await appendEvents(tx, [
          {
            type: 'team.updated',
            subjectType: 'team',
            subjectId: id,
            actorId: actor.id,
            ip: actor.ip,
            payload: rest,
            audience: STAFF_AUDIENCE,
          },
        ]);
      }
      if (leadId !== undefined && leadId !== before.leadId) {
        if (leadId) await this.setLead(tx, actor, id, patch.name ?? before.name, leadId);
        else {
          await tx.update(teams).set({ leadId: null }).where(eq(teams.id, id));
          await appendEvents(tx, [
            {
              type: 'team.lead_removed',
              subjectType: 'team',
              subjectId: id,
              actorId: actor.id,
              ip: actor.ip,
              audience: STAFF_AUDIENCE,
            },
          ]);
        }
      }
    });
    return this.get(id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [team] = await tx.select().from(teams).where(eq(teams.id, id)).for('update').limit(1);
      if (!team) throw notFound('Team');
      const [members] = await tx.select({ n: count() }).from(staffUsers).where(eq(staffUsers.teamId, id));
      if (Number(members?.n ?? 0) > 0)
        throw conflict('team_not_empty', 'Move the members to another team before deleting it');
      await tx.delete(teams).where(eq(teams.id, id));
      await appendEvents(tx, [
        {
          type: 'team.deleted',
          subjectType: 'team',
          subjectId: id,
          actorId: actor.id,
          ip: actor.ip,
          payload: { name: team.name },
          audience: STAFF_AUDIENCE,
        },
      ]);
    });
  }

  private async setLead(
    tx: Executor,
    actor: Actor,
    teamId: string,
    teamName: string,
    leadId: string,
  ): Promise<void> {
    const [person] = await tx.select().from(staffUsers).where(eq(staffUsers.id, leadId)).limit(1);
    if (!person || !person.active)
      throw conflict('lead_not_found', 'The team lead must be an active staff member', 'leadId');
    await tx.update(teams).set({ leadId }).where(eq(teams.id, teamId));
    if (person.teamId !== teamId)
      await tx.update(staffUsers).set({ teamId }).where(eq(staffUsers.id, leadId));
    await appendEvents(tx, [
      {
        type: 'team.lead_assigned',
        subjectType: 'staff',
        subjectId: leadId,
        actorId: actor.id,
        ip: actor.ip,
        payload: { teamId, teamName, leadName: person.name },
        audience: STAFF_AUDIENCE,
        notify: [{ userId: leadId, payload: { teamName } }],
      },
    ]);
  }

  private async assertNameFree(tx: Executor, name: string, exceptId?: string): Promise<void> {
    if (await heldByAnother(tx, teams, teams.id, sql`lower(${teams.name}) = ${name.toLowerCase()}`, exceptId))
      throw conflict('team_name_taken', 'A team with this name already exists', 'name');
  }
}
