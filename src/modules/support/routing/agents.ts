import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { appendEvent } from '../../../core/events.js';
import { badRequest, notFound } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { AgentView } from '../../../shared/contracts/support.js';
import type { AgentStatus } from '../../../shared/support.js';
import { activeStaffWithPermission, staffById, staffNamesByIds, teamExists } from '../../identity/index.js';
import { recordSettingsChange, type SettingsActor } from '../audit.js';
import { SYSTEM_ACTOR } from '../conversations/actor.js';
import { SUPPORT_AUDIENCE } from '../notify.js';
import { conversations, supportAgents } from '../schema.js';
import { loadOf, lockQueue, type AssignPort, type Router } from './router.js';

type AgentRow = typeof supportAgents.$inferSelect;

export interface AgentSettings {
  teamIds: string[];
  languages: string[];
  capacity: number;
}

/**
 * Agents: every active staff member with support.handle, with their routing settings (a missing
 * support_agents row reads as the defaults: offline, no teams, capacity 5). Changes that free room —
 * coming online, more capacity — offer the queue; going offline hands the agent's open chats back.
 */
export class SupportAgents {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly router: Router,
    private readonly port: AssignPort,
  ) {}

  async list(): Promise<AgentView[]> {
    const ids = await activeStaffWithPermission(this.db, 'support.handle');
    if (!ids.length) return [];
    const [names, rows, load] = await Promise.all([
      staffNamesByIds(this.db, ids),
      this.db.select().from(supportAgents).where(inArray(supportAgents.staffId, ids)),
      loadOf(this.db, ids),
    ]);
    const byId = new Map(rows.map((r) => [r.staffId, r]));
    return ids
      .map((id) => toView(id, names.get(id) ?? '', byId.get(id), load.get(id) ?? 0, this.clock.now()))
      .sort((a, b) => a.name.localeCompare(b.name) || a.staffId.localeCompare(b.staffId));
  }

  async get(staffId: string): Promise<AgentView> {
    const view = (await this.list()).find((a) => a.staffId === staffId);
    if (!view) throw notFound('Agent');
    return view;
  }

  /** An admin sets an agent's teams, languages and capacity. */
  async update(actor: SettingsActor, staffId: string, input: AgentSettings): Promise<AgentView> {
    const agents = new Set(await activeStaffWithPermission(this.db, 'support.handle'));
    if (!agents.has(staffId)) throw notFound('Agent');
    const teamIds = [...new Set(input.teamIds)];
    for (const [i, id] of teamIds.entries())
      if (!(await teamExists(this.db, id))) throw badRequest('team_unknown', 'No such team', `teamIds.${i}`);
    await this.db.transaction(async (tx) => {
      const before = await this.lockAgents(tx, staffId);
      await tx
        .insert(supportAgents)
        .values({ staffId, teamIds, languages: [...new Set(input.languages)], capacity: input.capacity })
        .onConflictDoUpdate({
          target: supportAgents.staffId,
          set: {
            teamIds,
            languages: [...new Set(input.languages)],
            capacity: input.capacity,
            updatedAt: this.clock.now(),
          },
        });
      await recordSettingsChange(tx, actor, 'agent', before ? 'updated' : 'created', staffId, {
        teamIds,
        languages: [...new Set(input.languages)],
        capacity: input.capacity,
      });
      // More room, or new teams: the queue may have something for them now.
      if (!before || input.capacity > before.capacity || teamIds.some((t) => !before.teamIds.includes(t)))
        await this.router.offerQueued(tx);
    });
    return this.get(staffId);
  }

  /** The agent's own availability. Offline hands their open chats back to the queue. */
  async setStatus(staffId: string, status: AgentStatus): Promise<AgentView> {
    const staff = await staffById(this.db, staffId);
    if (!staff) throw notFound('Agent');
    await this.db.transaction(async (tx) => {
      // Conversations before agents (the router's lock order): the chats this may hand back first.
      const handBack =
        status === 'offline'
          ? await tx
              .select()
              .from(conversations)
              .where(
                and(
                  eq(conversations.assigneeId, staffId),
                  eq(conversations.channel, 'chat'),
                  inArray(conversations.status, ['open', 'pending']),
                ),
              )
              .orderBy(asc(conversations.id))
              .for('update')
          : [];
      const before = await this.lockAgents(tx, staffId);
      const from = before?.status ?? 'offline';
      if (from === status) return;
      const now = this.clock.now();
      await tx
        .insert(supportAgents)
        .values({ staffId, status, statusChangedAt: now })
        .onConflictDoUpdate({
          target: supportAgents.staffId,
          set: { status, statusChangedAt: now, updatedAt: now },
        });
      await appendEvent(tx, {
        type: 'support.agent_status_changed',
        subjectType: 'staff',
        subjectId: staffId,
        actorId: staffId,
        actorKind: 'staff',
        payload: { staffId, name: staff.name, from, to: status },
        audience: SUPPORT_AUDIENCE,
      });
      for (const conv of handBack)
        await this.port.assign(tx, conv.id, null, SYSTEM_ACTOR, { teamId: conv.teamId, queued: true });
      if (status === 'online' || handBack.length) await this.router.offerQueued(tx);
    });
    return this.get(staffId);
  }

  /**
   * Locks every agent's row in staff-id order: a superset of what any router call locks (in the same
   * order), so the offer that follows never waits on a row another router holds while holding one of
   * ours. Status and settings changes are rare; the desk has tens of agents, not thousands.
   */
  private async lockAgents(tx: Executor, staffId: string): Promise<AgentRow | undefined> {
    // The queue lock before agent rows, as in every offer: this transaction offers the queue next.
    await lockQueue(tx);
    const rows = await tx.select().from(supportAgents).orderBy(asc(supportAgents.staffId)).for('update');
    return rows.find((r) => r.staffId === staffId);
  }
}

function toView(
  staffId: string,
  name: string,
  row: AgentRow | undefined,
  load: number,
  now: Date,
): AgentView {
  return {
    staffId,
    name,
    teamIds: row?.teamIds ?? [],
    languages: row?.languages ?? [],
    status: row?.status ?? 'offline',
    capacity: row?.capacity ?? 5,
    load,
    statusChangedAt: (row?.statusChangedAt ?? now).toISOString(),
  };
}
