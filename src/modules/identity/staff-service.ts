import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/connection.js';
import { pageOffset } from '../../core/paging.js';
import { appendEvents, type NewEvent, type Viewer } from '../../core/events.js';
import { conflict, notFound } from '../../core/errors.js';
import { changedFields } from '../../core/changes.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import type { Actor } from '../../core/actor.js';
import type { SessionStore } from './sessions.js';
import { staffUsers, teams } from './schema.js';
import { heldByAnother } from '../../core/taken.js';
import { hashPassword } from './passwords.js';
import { isRole, permissionsOf, ROLE_SCOPE, type Role } from './permissions.js';
import { staffCreateInput, type staffListQuery, type staffUpdateInput, type StaffView } from './contracts.js';

/** A signed-in person acting on their own account. */
export interface SelfActor extends Actor {
  id: string;
}

type StaffRow = typeof staffUsers.$inferSelect;

export const STAFF_AUDIENCE = { permissions: ['staff.read'] };

/** Staff accounts: create, change, deactivate, list. Every change is an audited domain event. */
export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionStore,
    private readonly mailer: Mailer,
    private readonly baseUrl: string,
  ) {}

  /** The visibility identity of an active staff member, or null if unknown or deactivated. */
  async viewerOf(userId: string, db: Executor = this.db): Promise<(Viewer & { role: Role }) | null> {
    const [u] = await db.select().from(staffUsers).where(eq(staffUsers.id, userId)).limit(1);
    if (!u || !u.active || !isRole(u.role)) return null;
    return {
      id: u.id,
      teamId: u.teamId,
      role: u.role,
      scope: ROLE_SCOPE[u.role],
      permissions: permissionsOf(u.role),
      mutedNotifications: u.mutedNotifications,
    };
  }

  async list(q: z.output<typeof staffListQuery>): Promise<{ items: StaffView[]; total: number }> {
    const filters: SQL[] = [];
    if (q.search) {
      const like = `%${q.search.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
      filters.push(or(ilike(staffUsers.name, like), ilike(staffUsers.email, like)) as SQL);
    }
    if (q.role) filters.push(eq(staffUsers.role, q.role));
    if (q.teamId) filters.push(eq(staffUsers.teamId, q.teamId));
    if (q.active !== undefined) filters.push(eq(staffUsers.active, q.active));
    const where = filters.length ? and(...filters) : undefined;
    const sortColumn = {
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      team: teams.name,
      createdAt: staffUsers.createdAt,
      lastLoginAt: staffUsers.lastLoginAt,
    }[q.sort];
    const direction = q.order === 'asc' ? asc : desc;
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ u: staffUsers, teamName: teams.name })
        .from(staffUsers)
        .leftJoin(teams, eq(teams.id, staffUsers.teamId))
        .where(where)
        .orderBy(direction(sortColumn), asc(staffUsers.id))
        .limit(q.pageSize)
        .offset(pageOffset(q)),
      this.db.select({ n: count() }).from(staffUsers).where(where),
    ]);
    return { items: rows.map((r) => toView(r.u, r.teamName)), total: Number(total?.n ?? 0) };
  }

  async get(id: string): Promise<StaffView> {
    const [row] = await this.db
      .select({ u: staffUsers, teamName: teams.name })
      .from(staffUsers)
      .leftJoin(teams, eq(teams.id, staffUsers.teamId))
      .where(eq(staffUsers.id, id))
      .limit(1);
    if (!row) throw notFound('Staff member');
    return toView(row.u, row.teamName);
  }

  /** Takes the input shape so in-process callers (seeding, tests) get the same defaults as the API. */
  async create(actor: Actor, raw: z.input<typeof staffCreateInput>): Promise<StaffView> {
    const input = staffCreateInput.parse(raw);
    const passwordHash = await hashPassword(input.password);
    const id = await this.db.transaction(async (tx) => {
      await this.assertEmailFree(tx, input.email);
      const team = input.teamId ? await this.teamOrFail(tx, input.teamId) : null;
      const [user] = await tx
        .insert(staffUsers)
        .values({
          name: input.name,
          email: input.email,
          passwordHash,
          role: input.role,
          teamId: input.teamId,
          languages: input.languages,
          active: input.active,
          capacity: input.capacity,
          absent: input.absent,
        })
        .returning();
      const u = user!;
      const joined =
        team?.leadId && team.leadId !== u.id ? [joinedTeamNote(team.leadId, u.name, team.name)] : [];
      await appendEvents(tx, [
        {
          type: 'staff.created',
          subjectType: 'staff',
          subjectId: u.id,
          actorId: actor.id,
          ip: actor.ip,
          payload: { name: u.name, email: u.email, role: u.role, teamId: u.teamId, staffName: u.name },
          audience: { ...STAFF_AUDIENCE, users: [u.id] },
          notify: joined,
        },
      ]);
      await this.mailer.queue(tx, {
        to: u.email,
        subject: 'Your BrokerDesk account',
        text:
          `Hello ${u.name},\n\nA BrokerDesk staff account was created for you.\n` +
          `Sign in at ${this.baseUrl}/login with this email address; your administrator will tell you the initial password.\n`,
      });
      return u.id;
    });
    // Mail waits in the outbox if this fails (database away); housekeeping flushes it later.
    void this.mailer.flush().catch(() => {});
    return this.get(id);
  }

  async update(actor: Actor, id: string, patch: z.output<typeof staffUpdateInput>): Promise<StaffView> {
    await this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(staffUsers).where(eq(staffUsers.id, id)).for('update').limit(1);
      if (!before) throw notFound('Staff member');
      if (patch.email && patch.email !== before.email) await this.assertEmailFree(tx, patch.email, id);
      const team = patch.teamId ? await this.teamOrFail(tx, patch.teamId) : null;
      await this.guardAdminLockout(tx, actor, before, patch);

      const changes = changedFields(before, patch);
      if (Object.keys(changes).length === 0) return;
      await tx
        .update(staffUsers)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(staffUsers.id, id));

      const deactivated = patch.active === false && before.active;
      if (deactivated) await this.sessions.endAllOf(tx, id);
      const notify: NonNullable<NewEvent['notify']> = [];
      if (patch.role && patch.role !== before.role && !deactivated)
        notify.push({ userId: id, type: 'staff.role_changed', payload: { role: patch.role } });
      if (team?.leadId && patch.teamId !== before.teamId && team.leadId !== id)
        notify.push(joinedTeamNote(team.leadId, patch.name ?? before.name, team.name));
      await appendEvents(tx, [
        {
          type: deactivated ? 'staff.deactivated' : 'staff.updated',
          subjectType: 'staff',
          subjectId: id,
          actorId: actor.id,
          ip: actor.ip,
          payload: { changes, staffName: before.name },
          audience: { ...STAFF_AUDIENCE, users: [id] },
          notify,
        },
      ]);
    });
    return this.get(id);
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      const updated = await tx
        .update(staffUsers)
        .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
        .where(eq(staffUsers.id, id))
        .returning({ id: staffUsers.id });
      if (updated.length === 0) throw notFound('Staff member');
      const ended = await this.sessions.endAllOf(tx, id);
      await appendEvents(tx, [
        {
          type: 'staff.password_reset',
          subjectType: 'staff',
          subjectId: id,
          actorId: actor.id,
          ip: actor.ip,
          payload: { sessionsEnded: ended },
          audience: STAFF_AUDIENCE,
        },
      ]);
    });
  }

  /** Removes a member's second factor (lost phone); they enrol again at their next login if required. */
  async resetMfa(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const updated = await tx
        .update(staffUsers)
        .set({
          mfaSecret: null,
          mfaPendingSecret: null,
          mfaLastStep: null,
          recoveryCodes: [],
          updatedAt: new Date(),
        })
        .where(eq(staffUsers.id, id))
        .returning({ id: staffUsers.id });
      if (updated.length === 0) throw notFound('Staff member');
      await this.sessions.endAllOf(tx, id);
      await appendEvents(tx, [
        {
          type: 'staff.mfa_reset',
          subjectType: 'staff',
          subjectId: id,
          actorId: actor.id,
          ip: actor.ip,
          audience: STAFF_AUDIENCE,
        },
      ]);
    });
  }

  private async assertEmailFree(tx: Executor, email: string, exceptId?: string): Promise<void> {
    if (
      await heldByAnother(
        tx,
        staffUsers,
        staffUsers.id,
        sql`lower(${staffUsers.email}) = ${email.toLowerCase()}`,
        exceptId,
      )
    )
      throw conflict('email_taken', 'A staff member with this email already exists', 'email');
  }

  private async teamOrFail(tx: Executor, teamId: string) {
    const [team] = await tx.select().from(teams).where(eq(teams.id, teamId)).limit(1);
    if (!team) throw conflict('team_not_found', 'The selected team does not exist', 'teamId');
    return team;
  }

  /** Nobody may lock themselves out, and the broker always keeps one active admin. */
  private async guardAdminLockout(
    tx: Executor,
    actor: Actor,
    before: StaffRow,
    patch: z.output<typeof staffUpdateInput>,
  ): Promise<void> {
    const losesAdmin =
      before.role === 'admin' &&
      before.active &&
      (patch.active === false || (patch.role && patch.role !== 'admin'));
    if (!losesAdmin) return;
    if (before.id === actor.id)
      throw conflict(
        'cannot_demote_self',
        'You cannot remove your own admin access',
        patch.active === false ? 'active' : 'role',
      );
    const [admins] = await tx
      .select({ n: count() })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true)));
    if (Number(admins?.n ?? 0) <= 1)
      throw conflict('last_admin', 'The last active admin cannot be removed', 'role');
  }
}

const joinedTeamNote = (leadId: string, staffName: string, teamName: string) => ({
  userId: leadId,
  type: 'staff.joined_team' as const,
  payload: { staffName, teamName },
});

export function toView(u: StaffRow, teamName: string | null): StaffView {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role as Role,
    teamId: u.teamId,
    teamName,
    languages: u.languages,
    active: u.active,
    absent: u.absent,
    capacity: u.capacity,
    mfaEnabled: u.mfaSecret !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
