import { asc, eq, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { appendEvents, type EventPayload, type EventType } from '../../core/events.js';
import { AppError, notFound } from '../../core/errors.js';
import { settings } from '../../core/schema.js';
import { teamExists, teamNames } from '../identity/index.js';
import type { Actor } from '../../core/actor.js';
import { ASSIGNMENT_SETTINGS_KEY } from './assignment.js';
import type { assignmentRuleInput } from './contracts.js';
import { assignmentRules } from './schema.js';

const SETTINGS_AUDIENCE = { permissions: ['settings.write'] };

/** A rule as the form sends it; without `kind` it places new clients (`on_create`). */
type RuleInput = Omit<z.output<typeof assignmentRuleInput>, 'kind'> & {
  kind?: z.output<typeof assignmentRuleInput>['kind'];
};

/** Admin set-up of how new clients are placed: the assignment rules in order, and the fallback team. */
export class AssignmentRules {
  constructor(private readonly db: Db) {}

  async rules() {
    const teams = teamNames('teams');
    const rows = await this.db
      .select({ r: assignmentRules, teamName: teams.name })
      .from(assignmentRules)
      .leftJoin(teams, eq(teams.id, assignmentRules.teamId))
      .orderBy(asc(assignmentRules.position));
    const [fallback] = await this.db
      .select()
      .from(settings)
      .where(eq(settings.key, ASSIGNMENT_SETTINGS_KEY))
      .limit(1);
    return {
      items: rows.map(({ r, teamName }) => ({
        id: r.id,
        position: r.position,
        name: r.name,
        countries: r.countries,
        languages: r.languages,
        sources: r.sources,
        teamId: r.teamId,
        teamName,
        active: r.active,
        kind: r.kind,
      })),
      fallbackTeamId: ((fallback?.value ?? {}) as { fallbackTeamId?: string | null }).fallbackTeamId ?? null,
    };
  }

  async createRule(actor: Actor, input: RuleInput) {
    await this.assertTeam(input.teamId);
    await this.db.transaction(async (tx) => {
      const [last] = await tx.select({ n: max(assignmentRules.position) }).from(assignmentRules);
      const [rule] = await tx
        .insert(assignmentRules)
        .values({ ...input, kind: input.kind ?? 'on_create', position: (last?.n ?? 0) + 1 })
        .returning();
      await appendEvents(tx, [this.event('assignment.rule_created', actor, rule!.id, input)]);
    });
    return this.rules();
  }

  async updateRule(actor: Actor, id: string, input: RuleInput) {
    await this.assertTeam(input.teamId);
    await this.db.transaction(async (tx) => {
      const done = await tx.update(assignmentRules).set(input).where(eq(assignmentRules.id, id)).returning();
      if (!done.length) throw notFound('Rule');
      await appendEvents(tx, [this.event('assignment.rule_updated', actor, id, input)]);
    });
    return this.rules();
  }

  async deleteRule(actor: Actor, id: string) {
    await this.db.transaction(async (tx) => {
      const done = await tx.delete(assignmentRules).where(eq(assignmentRules.id, id)).returning();
      if (!done.length) throw notFound('Rule');
      await appendEvents(tx, [this.event('assignment.rule_deleted', actor, id, { name: done[0]!.name })]);
    });
    return this.rules();
  }

  /** Rewrites positions in the given order; every rule must be named exactly once. */
  async reorderRules(actor: Actor, ids: string[]) {
    await this.db.transaction(async (tx) => {
      const all = await tx.select({ id: assignmentRules.id }).from(assignmentRules);
      if (
        all.length !== ids.length ||
        new Set(ids).size !== ids.length ||
        !all.every((r) => ids.includes(r.id))
      )
        throw new AppError(400, 'incomplete_order', 'List every rule exactly once', 'ids');
      for (const [i, id] of ids.entries())
        await tx
          .update(assignmentRules)
          .set({ position: i + 1 })
          .where(eq(assignmentRules.id, id));
      await appendEvents(tx, [this.event('assignment.rules_reordered', actor, null, { ids })]);
    });
    return this.rules();
  }

  async setFallbackTeam(actor: Actor, teamId: string | null) {
    if (teamId) await this.assertTeam(teamId);
    await this.db.transaction(async (tx) => {
      const value = { fallbackTeamId: teamId };
      await tx
        .insert(settings)
        .values({ key: ASSIGNMENT_SETTINGS_KEY, value, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value, updatedBy: actor.id, updatedAt: sql`now()` },
        });
      await appendEvents(tx, [this.event('assignment.fallback_changed', actor, null, value)]);
    });
    return this.rules();
  }

  private async assertTeam(teamId: string) {
    if (!(await teamExists(this.db, teamId)))
      throw new AppError(400, 'team_not_found', 'The selected team does not exist', 'teamId');
  }

  private event<T extends EventType>(
    type: T,
    actor: Actor,
    subjectId: string | null,
    payload: EventPayload<T>,
  ) {
    return {
      type,
      subjectType: 'assignment_rule',
      subjectId,
      actorId: actor.id,
      ip: actor.ip,
      payload,
      audience: SETTINGS_AUDIENCE,
    };
  }
}
