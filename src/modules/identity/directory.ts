import { and, asc, eq, inArray } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.js';
import { ROLE_PERMISSIONS, ROLES, type Permission } from './permissions.js';
import { staffUsers, teams } from './schema.js';

/**
 * The staff directory other modules read through the identity face: names, managers of a team, team
 * leads, the admin of last resort. Staff rows are identity's; nothing outside this module names them.
 */

/** What others may know of a staff member. */
export interface StaffRef {
  id: string;
  name: string;
  teamId: string | null;
  role: string;
  active: boolean;
}

const staffRef = {
  id: staffUsers.id,
  name: staffUsers.name,
  teamId: staffUsers.teamId,
  role: staffUsers.role,
  active: staffUsers.active,
};

/**
 * Staff names as a relation (`id`, `name`) another module's query may left-join, for a name shown or
 * sorted by in the same round-trip (the client list sorts by manager). Give each use in one query its
 * own alias.
 */
export const staffNames = <A extends string = 'staff_names'>(alias: A = 'staff_names' as A) =>
  new QueryBuilder().select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).as(alias);

/** Staff members by id (any that exist, active or not), in one query. */
export async function staffByIds(db: Executor, ids: readonly string[]): Promise<StaffRef[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  return db.select(staffRef).from(staffUsers).where(inArray(staffUsers.id, unique));
}

/** One staff member by id, or undefined. */
export async function staffById(db: Executor, id: string): Promise<StaffRef | undefined> {
  const [row] = await staffByIds(db, [id]);
  return row;
}

/** id → name for these staff ids, in one query (a missing id is absent from the map). */
export async function staffNamesByIds(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await staffByIds(db, ids)).map((s) => [s.id, s.name]));
}

/**
 * The members of these teams who may receive new clients now: active, not absent, in one of `roles`;
 * ordered by id (round-robin depends on a stable order).
 */
export async function availableTeamMembers(
  db: Executor,
  teamIds: readonly string[],
  roles: readonly string[],
): Promise<{ id: string; teamId: string; capacity: number }[]> {
  if (!teamIds.length) return [];
  const rows = await db
    .select({ id: staffUsers.id, capacity: staffUsers.capacity, teamId: staffUsers.teamId })
    .from(staffUsers)
    .where(
      and(
        inArray(staffUsers.teamId, [...teamIds]),
        eq(staffUsers.active, true),
        eq(staffUsers.absent, false),
        inArray(staffUsers.role, [...roles]),
      ),
    )
    .orderBy(asc(staffUsers.id));
  return rows.map((r) => ({ ...r, teamId: r.teamId! }));
}

/** The active leads of these teams (a team without one, or with an inactive one, is absent). */
export async function activeTeamLeads(
  db: Executor,
  teamIds: readonly string[],
): Promise<{ id: string; teamId: string }[]> {
  if (!teamIds.length) return [];
  return db
    .select({ id: staffUsers.id, teamId: teams.id })
    .from(teams)
    .innerJoin(staffUsers, eq(staffUsers.id, teams.leadId))
    .where(and(inArray(teams.id, [...teamIds]), eq(staffUsers.active, true)));
}

/** The active admin who joined first (ties by id), or undefined when there is none. */
export async function longestServingAdmin(
  db: Executor,
): Promise<{ id: string; teamId: string | null } | undefined> {
  const [admin] = await db
    .select({ id: staffUsers.id, teamId: staffUsers.teamId })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true)))
    .orderBy(asc(staffUsers.createdAt), asc(staffUsers.id))
    .limit(1);
  return admin;
}

/** What the notification mailer needs to know of its recipients: address, name, their email wishes. */
export interface MailRecipient {
  id: string;
  email: string;
  name: string;
  /** Switched email notifications on in their profile. */
  wants: boolean;
  /** Notification types they muted. */
  muted: string[];
  active: boolean;
  /** Their workspace language (profile), for mail written in it. */
  locale: string;
}

/** Mail recipients by staff id, in one query. */
export async function mailRecipients(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, MailRecipient>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      wants: staffUsers.emailNotifications,
      muted: staffUsers.mutedNotifications,
      active: staffUsers.active,
      locale: staffUsers.locale,
    })
    .from(staffUsers)
    .where(inArray(staffUsers.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Team names as a relation (`id`, `name`) another module's query may left-join. */
export const teamNames = <A extends string = 'team_names'>(alias: A = 'team_names' as A) =>
  new QueryBuilder().select({ id: teams.id, name: teams.name }).from(teams).as(alias);

/** Whether a team with this id exists. */
export async function teamExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, id)).limit(1);
  return row !== undefined;
}

/** Active staff whose role holds this permission (finance for `payments.execute`), ordered by id. */
export async function activeStaffWithPermission(db: Executor, permission: Permission): Promise<string[]> {
  const roles = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
  const rows = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(inArray(staffUsers.role, roles), eq(staffUsers.active, true)))
    .orderBy(asc(staffUsers.id));
  return rows.map((r) => r.id);
}
