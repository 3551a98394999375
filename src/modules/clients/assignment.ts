import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { settings } from '../../core/schema.js';
import {
  activeTeamLeads,
  availableTeamMembers,
  longestServingAdmin as firstAdmin,
} from '../identity/index.js';
import { assignmentCursors, assignmentRules } from './schema.js';
import { pickWeighted, type Candidate } from './round-robin.js';
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
  const rules = await placementRules(tx);
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
  const lead = teamIds.length ? await teamLeadOf(tx, teamIds) : null;
  return lead ?? longestServingAdmin(tx);
}

/** One weighted round-robin step in a team, serialised per team by a row lock on its cursor. */
export async function pickInTeam(tx: Executor, teamId: string): Promise<string | null> {
  const candidates = await availableTeamMembers(tx, [teamId], MANAGER_ROLES);
  if (!candidates.some((c) => c.capacity > 0)) return null;
  await tx.insert(assignmentCursors).values({ teamId }).onConflictDoNothing();
  const [cursor] = await tx
    .select()
    .from(assignmentCursors)
    .where(eq(assignmentCursors.teamId, teamId))
    .for('update');
  const pick = pickWeighted(candidates, cursor?.weights ?? {});
  if (!pick) return null;
  await tx
    .update(assignmentCursors)
    .set({ weights: pick.weights })
    .where(eq(assignmentCursors.teamId, teamId));
  return pick.chosen;
}

/**
 * `assignManager` for many new clients at once, with the same result as calling it once per client in
 * order inside one transaction (property-tested): rules, the fallback team, candidates and fallbacks are
 * read once, each team's round-robin cursor is locked once (in team-id order, so two batches cannot
 * deadlock) and written once. Which team a client goes to never depends on the cursors — only on who is
 * available — so the teams are settled first and the weighted picks then run in memory, in order.
 */
export async function assignMany(tx: Executor, traitsList: readonly ClientTraits[]): Promise<Assignment[]> {
  if (traitsList.length === 0) return [];
  const rules = await placementRules(tx);
  const fallbackTeamId = await fallbackTeam(tx);
  const teamIds = [
    ...new Set([
      ...rules.filter((r) => r.active).map((r) => r.teamId),
      ...(fallbackTeamId ? [fallbackTeamId] : []),
    ]),
  ];
  const candidates = new Map<string, Candidate[]>();
  if (teamIds.length) {
    for (const r of await availableTeamMembers(tx, teamIds, MANAGER_ROLES)) {
      const list = candidates.get(r.teamId) ?? [];
      list.push({ id: r.id, capacity: r.capacity });
      candidates.set(r.teamId, list);
    }
  }
  const available = (teamId: string) => candidates.get(teamId)?.some((c) => c.capacity > 0) ?? false;

  // 1. Settle where each client goes: a team to pick in, or a fixed person (team lead, admin, nobody).
  type Plan =
    | { pick: { teamId: string; ruleId: string | null; via: 'rule' | 'fallback_team' } }
    | { fixed: Assignment };
  const leadFallbacks = new Map<string, Promise<Assignment | null>>();
  let adminFallback: Promise<Assignment> | undefined;
  const plans: Plan[] = [];
  for (const traits of traitsList) {
    const matched = matchingRules(rules, traits);
    const rule = matched.find((r) => available(r.teamId));
    if (rule) plans.push({ pick: { teamId: rule.teamId, ruleId: rule.id, via: 'rule' } });
    else if (fallbackTeamId && available(fallbackTeamId))
      plans.push({ pick: { teamId: fallbackTeamId, ruleId: null, via: 'fallback_team' } });
    else {
      const ids = [...matched.map((r) => r.teamId), ...(fallbackTeamId ? [fallbackTeamId] : [])];
      const key = ids.join(',');
      if (!leadFallbacks.has(key))
        leadFallbacks.set(key, ids.length ? teamLeadOf(tx, ids) : Promise.resolve(null));
      const lead = await leadFallbacks.get(key)!;
      plans.push({ fixed: lead ?? (await (adminFallback ??= longestServingAdmin(tx))) });
    }
  }

  // 2. Lock the cursors of the teams that pick, in a fixed order, then pick in client order in memory.
  const picking = [...new Set(plans.flatMap((p) => ('pick' in p ? [p.pick.teamId] : [])))].sort();
  const weights = new Map<string, Record<string, number>>();
  if (picking.length) {
    await tx
      .insert(assignmentCursors)
      .values(picking.map((teamId) => ({ teamId })))
      .onConflictDoNothing();
    const cursors = await tx
      .select()
      .from(assignmentCursors)
      .where(inArray(assignmentCursors.teamId, picking))
      .orderBy(asc(assignmentCursors.teamId))
      .for('update');
    for (const c of cursors) weights.set(c.teamId, c.weights);
  }
  const out = plans.map((p): Assignment => {
    if ('fixed' in p) return p.fixed;
    const { teamId, ruleId, via } = p.pick;
    const pick = pickWeighted(candidates.get(teamId)!, weights.get(teamId) ?? {})!;
    weights.set(teamId, pick.weights);
    return { managerId: pick.chosen, teamId, ruleId, via };
  });
  if (picking.length)
    await tx.execute(sql`
      update ${assignmentCursors} set weights = v.weights
      from unnest(${sql.param(picking)}::uuid[], ${sql.param(picking.map((t) => JSON.stringify(weights.get(t) ?? {})))}::jsonb[]) as v(team_id, weights)
      where ${assignmentCursors.teamId} = v.team_id`);
  return out;
}

/** The active lead of the first of these teams that has one. */
async function teamLeadOf(tx: Executor, teamIds: string[]): Promise<Assignment | null> {
  const leads = await activeTeamLeads(tx, teamIds);
  const lead = teamIds.map((t) => leads.find((l) => l.teamId === t)).find(Boolean);
  return lead ? { managerId: lead.id, teamId: lead.teamId, ruleId: null, via: 'team_lead' } : null;
}

async function longestServingAdmin(tx: Executor): Promise<Assignment> {
  const admin = await firstAdmin(tx);
  return admin
    ? { managerId: admin.id, teamId: admin.teamId, ruleId: null, via: 'admin' }
    : { managerId: null, teamId: null, ruleId: null, via: 'none' };
}

async function fallbackTeam(tx: Executor): Promise<string | null> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, ASSIGNMENT_SETTINGS_KEY)).limit(1);
  const value = (row?.value ?? {}) as { fallbackTeamId?: string | null };
  return value.fallbackTeamId ?? null;
}

/** The rules that place a new client (FTD hand-over rules act later, see ftd-handover.ts). */
function placementRules(tx: Executor) {
  return tx
    .select()
    .from(assignmentRules)
    .where(eq(assignmentRules.kind, 'on_create'))
    .orderBy(asc(assignmentRules.position));
}
