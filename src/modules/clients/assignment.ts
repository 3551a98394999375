import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { settings } from '../../core/schema.js';
import { staffUsers, teams } from '../identity/schema.js';
import { assignmentCursors, assignmentRules } from './schema.js';
import { pickWeighted } from './round-robin.js';
import { matchingRules, type ClientTraits } from './rules.js';

/** Roles that own clients and take part in round-robin. */
export const MANAGER_ROLES = ['sales_manager', 'retention_manager'] as const;
export const ASSIGNMENT_SETTINGS_KEY = 'clients.assignment';

export interface Assignment {
  managerId: string | null;
  teamId: string | null;
  ruleId: string | null;
  /** How the manager was found, for the timeline. */
  via: 'rule' | 'fallback_team' | 'team_lead' | 'admin' | 'none';
}

/**
 * Chooses the responsible manager for a new client inside the creating transaction: the first matching
 * rule whose team has an available manager (weighted round-robin by capacity), else the fallback team,
 * else a team lead of a matched team, else the longest-serving active admin — never nobody while anyone
 * active exists.
 */
export async function assignManager(tx: Executor, traits: ClientTraits): Promise<Assignment> {
  const rules = await tx.select().from(assignmentRules).orderBy(asc(assignmentRules.position));
  const matched = matchingRules(rules, traits);
  for (const rule of matched) {
    const managerId = await pickInTeam(tx, rule.teamId);
    if (managerId) return { managerId, teamId: rule.teamId, ruleId: rule.id, via: 'rule' };
  }
  const fallbackTeamId = await fallbackTeam(tx);
  if (fallbackTeamId) {
    const managerId = await pickInTeam(tx, fallbackTeamId);
    if (managerId) return { managerId, teamId: fallbackTeamId, ruleId: null, via: 'fallback_team' };
  }
  const teamIds = [...matched.map((r) => r.teamId), ...(fallbackTeamId ? [fallbackTeamId] : [])];
  if (teamIds.length) {
    const leads = await tx
      .select({ id: staffUsers.id, teamId: teams.id })
      .from(teams)
      .innerJoin(staffUsers, eq(staffUsers.id, teams.leadId))
      .where(and(inArray(teams.id, teamIds), eq(staffUsers.active, true)));
    const lead = teamIds.map((t) => leads.find((l) => l.teamId === t)).find(Boolean);
    if (lead) return { managerId: lead.id, teamId: lead.teamId, ruleId: null, via: 'team_lead' };
  }
  const [admin] = await tx
    .select({ id: staffUsers.id, teamId: staffUsers.teamId })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true)))
    .orderBy(asc(staffUsers.createdAt), asc(staffUsers.id))
    .limit(1);
  if (admin) return { managerId: admin.id, teamId: admin.teamId, ruleId: null, via: 'admin' };
  return { managerId: null, teamId: null, ruleId: null, via: 'none' };
}

/** One weighted round-robin step in a team, serialised per team by a row lock on its cursor. */
async function pickInTeam(tx: Executor, teamId: string): Promise<string | null> {
  const candidates = await tx
    .select({ id: staffUsers.id, capacity: staffUsers.capacity })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.teamId, teamId),
        eq(staffUsers.active, true),
        eq(staffUsers.absent, false),
        inArray(staffUsers.role, [...MANAGER_ROLES]),
      ),
    )
    .orderBy(asc(staffUsers.id));
  if (!candidates.some((c) => c.capacity > 0)) return null;
  await tx.insert(assignmentCursors).values({ teamId }).onConflictDoNothing();
  const [cursor] = await tx
    .select()
    .from(assignmentCursors)
    .where(eq(assignmentCursors.teamId, teamId))
    .for('update');
  const pick = pickWeighted(candidates, cursor?.weights ?? {});
  if (!pick) return null;
  await tx.update(assignmentCursors).set({ weights: pick.weights }).where(eq(assignmentCursors.teamId, teamId));
  return pick.chosen;
}

async function fallbackTeam(tx: Executor): Promise<string | null> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, ASSIGNMENT_SETTINGS_KEY)).limit(1);
  const value = (row?.value ?? {}) as { fallbackTeamId?: string | null };
  return value.fallbackTeamId ?? null;
}
