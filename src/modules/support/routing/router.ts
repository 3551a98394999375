import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import type { Executor } from '../../../db/connection.js';
import type { SupportChannel } from '../../../shared/support.js';
import { SYSTEM_ACTOR, type SupportActor } from '../conversations/actor.js';
import type { ConversationRow } from '../hooks.js';
import { conversations, supportAgents, supportTeams } from '../schema.js';
import { defaultSupportTeam } from '../sla/team-calendar.js';

/** The conversation service's assign, as routing uses it (the wiring passes `conversations.assign`). */
export interface AssignPort {
  assign(
    tx: Executor,
    id: string,
    assigneeId: string | null,
    actor: SupportActor,
    opts?: { teamId?: string | null; queued?: boolean },
  ): Promise<ConversationRow>;
}

/**
 * Channels routed to an agent and counted against the agent's capacity: live chat, cabinet tickets and
 * callback requests (a promised call is the agent's to make, in the customer's language). Email goes
 * to the team without an agent: an inbox of mail is not a concurrent load.
 */
export const CAPACITY_CHANNELS: readonly SupportChannel[] = ['chat', 'cabinet', 'callback'];
/** Statuses whose conversations count as an agent's load. */
const LOAD_STATUSES = ['open', 'pending'] as const;
/** Queued conversations looked at per offer. */
const OFFER_BATCH = 50;
/** One queue offer at a time (see offerQueued); a key of its own among the app's advisory locks. */
const QUEUE_LOCK_KEY = 7_280_020;

/**
 * Takes the queue's transaction-scoped lock (re-entrant within the transaction). Taken after the
 * conversations a caller holds and before any agent row, like every routing lock (see Router).
 */
export async function lockQueue(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${QUEUE_LOCK_KEY})`);
}

type AgentRow = typeof supportAgents.$inferSelect;

/**
 * Load-aware round-robin. A new chat goes to its language's team (support_teams.languages), else the
 * default team; within the team to the online agent speaking the language with the least load relative
 * to capacity, ties to the one assigned longest ago; with no such speaker free, to any online team
 * agent with room; else it waits in the team's queue (queued_at), offered oldest first when room frees.
 *
 * Locks, in this order: the conversations concerned, then the queue lock (offers only), then the
 * queued conversations (SKIP LOCKED), then the chosen agent's support_agents row FOR UPDATE, and only
 * then that agent's load is counted — so no agent ever exceeds capacity, and a chat waits only on
 * routers giving a chat to the same agent (see pick). A router waits on one agent row at most, with
 * nothing but full agents' rows held, so a deadlock needs two racing resolutions; the whole
 * transaction is retried then (db/retry.ts).
 */
export class Router {
  constructor(
    private readonly clock: Clock,
    private readonly port: AssignPort,
  ) {}

  /** hooks.onOpened: sets the team and assigns (or queues) a chat or cabinet ticket. */
  readonly routeNew = async (tx: Executor, conv: ConversationRow): Promise<void> => {
    await this.route(tx, conv, conv.teamId ?? (await this.teamFor(tx, conv.language)));
  };

  /** To `teamId`: an email to the team only; a chat to a free agent there, else into its queue. */
  private async route(tx: Executor, conv: ConversationRow, teamId: string | null): Promise<void> {
    if (!CAPACITY_CHANNELS.includes(conv.channel)) {
      if (teamId !== conv.teamId) await this.port.assign(tx, conv.id, null, SYSTEM_ACTOR, { teamId });
      return;
    }
    const agent = await this.pick(tx, teamId, conv.language);
    if (agent) await this.give(tx, conv.id, agent, teamId);
    else await this.port.assign(tx, conv.id, null, SYSTEM_ACTOR, { teamId, queued: true });
  }

  /**
   * The customer's language became known from their first message (an email says nothing of it): a
   * conversation still waiting for a person — an email at its team, a chat in the queue — moves to the
   * team serving that language and is offered to its speakers — if it is still at the team chosen
   * without a language. One a person holds stays theirs; a chat
   * the bot is answering is not routed yet (it is neither assigned nor queued).
   */
  readonly languageDetected = async (tx: Executor, conv: ConversationRow): Promise<void> => {
    if (conv.assigneeId || (conv.channel !== 'email' && !conv.queuedAt)) return;
    // Only from the team routing chose without a language (the default): a team someone picked by
    // hand in the meantime stays.
    if (conv.teamId !== (await this.teamFor(tx, null))) return;
    const teamId = await this.teamFor(tx, conv.language);
    if (teamId === conv.teamId) return;
    await this.route(tx, conv, teamId);
  };

  /** hooks.onStatus: a chat resolved or closed frees its agent's room, a queued one reopened may fit: offer the queue. */
  readonly freed = async (tx: Executor, conv: ConversationRow): Promise<void> => {
    // A queued chat back to open (a pending one handed back, then answered by the customer): offer it.
    if (conv.status === 'open' && !conv.assigneeId && conv.queuedAt) {
      await this.offerQueued(tx);
      return;
    }
    if (conv.status !== 'resolved' && conv.status !== 'closed') return;
    if (!conv.assigneeId || !CAPACITY_CHANNELS.includes(conv.channel)) return;
    await this.offerQueued(tx);
  };

  /**
   * hooks.onAssigned: a chat taken from an agent by hand frees their room (offer the queue); one
   * unassigned by hand goes back to the queue rather than sit unseen (its place kept if it had one).
   */
  readonly reassigned = async (
    tx: Executor,
    conv: ConversationRow,
    previous: string | null,
  ): Promise<void> => {
    if (!previous || !CAPACITY_CHANNELS.includes(conv.channel) || conv.status !== 'open') return;
    if (!conv.assigneeId && !conv.queuedAt)
      await this.port.assign(tx, conv.id, null, SYSTEM_ACTOR, { teamId: conv.teamId, queued: true });
    await this.offerQueued(tx);
  };

  /**
   * Offers queued conversations, oldest first, to agents with room; returns how many were assigned.
   * Called when room frees, when an agent comes online or gets more capacity, and by a periodic job.
   */
  async offerQueued(tx: Executor): Promise<number> {
    // Offers queue on this lock, so one never skips (below) the rows another offer is assigning: the
    // oldest goes first. SKIP LOCKED then passes over only chats a person is changing right now; the
    // next offer or the periodic job gets them.
    await lockQueue(tx);
    const queued = await tx
      .select()
      .from(conversations)
      .where(
        and(
          isNotNull(conversations.queuedAt),
          isNull(conversations.assigneeId),
          eq(conversations.status, 'open'),
          inArray(conversations.channel, [...CAPACITY_CHANNELS]),
        ),
      )
      .orderBy(asc(conversations.queuedAt), asc(conversations.number))
      .limit(OFFER_BATCH)
      .for('update', { skipLocked: true });
    let assigned = 0;
    for (const conv of queued) {
      const agent = await this.pick(tx, conv.teamId, conv.language);
      if (!agent) continue;
      await this.give(tx, conv.id, agent, conv.teamId);
      assigned++;
    }
    return assigned;
  }

  /** The team serving a language (the default team first when several do), else the default team. */
  async teamFor(tx: Executor, language: string | null): Promise<string | null> {
    if (language) {
      // "pt-br" is served by a team listing "pt-br", else by one listing "pt".
      const base = baseLanguage(language);
      const [row] = await tx
        .select({ teamId: supportTeams.teamId })
        .from(supportTeams)
        .where(
          sql`(${language} = any(${supportTeams.languages}) or ${base} = any(${supportTeams.languages}))`,
        )
        .orderBy(
          sql`(${language} = any(${supportTeams.languages})) desc`,
          sql`${supportTeams.isDefault} desc`,
          asc(supportTeams.teamId),
        )
        .limit(1);
      if (row) return row.teamId;
    }
    return (await defaultSupportTeam(tx))?.teamId ?? null;
  }

  /**
   * The best online agent with room (speakers of the language first), its row locked. Candidates are
   * ranked from an unlocked read; then only the chosen agent's row is locked and its load counted
   * again under that lock, so capacity holds under concurrent arrivals while chats routed at the same
   * moment to different agents do not wait on each other. SKIP LOCKED first spreads concurrent arrivals
   * over the next-best agents; only when every candidate with room is being assigned right now does
   * this wait, on the best one.
   */
  async pick(tx: Executor, teamId: string | null, language: string | null): Promise<AgentRow | undefined> {
    const online = and(
      eq(supportAgents.status, 'online'),
      teamId ? sql`${teamId}::uuid = any(${supportAgents.teamIds})` : undefined,
    );
    const agents = await tx.select().from(supportAgents).where(online);
    if (!agents.length) return undefined;
    const load = await loadOf(
      tx,
      agents.map((a) => a.staffId),
    );
    const free = agents.filter((a) => (load.get(a.staffId) ?? 0) < a.capacity);
    const speakers = language
      ? free.filter((a) => a.languages.includes(language) || a.languages.includes(baseLanguage(language)))
      : free;
    const ranked = rank(speakers.length ? speakers : free, load);
    for (const skipLocked of [true, false]) {
      const tried = new Set<string>();
      for (;;) {
        const left = ranked.filter((id) => !tried.has(id));
        if (!left.length) break;
        // One row: the first of `left` (in rank order) that is still online and, on the first pass,
        // not locked by another router. The WHERE is checked again on the row's latest version.
        const [row] = await tx
          .select()
          .from(supportAgents)
          .where(and(online, inArray(supportAgents.staffId, skipLocked ? left : left.slice(0, 1))))
          .orderBy(sql`array_position(${sql.param(left)}::uuid[], ${supportAgents.staffId})`)
          .limit(1)
          .for('update', skipLocked ? { skipLocked: true } : undefined);
        if (!row && skipLocked) break; // every one left is locked by another router, or offline
        if (!row) {
          tried.add(left[0]!); // gone offline meanwhile
          continue;
        }
        // Counted under the lock: a chat another transaction gave this agent has committed by now.
        const now = (await loadOf(tx, [row.staffId])).get(row.staffId) ?? 0;
        if (now < row.capacity) return row;
        tried.add(row.staffId);
        if (!skipLocked) tried.add(left[0]!);
      }
    }
    return undefined;
  }

  private async give(tx: Executor, id: string, agent: AgentRow, teamId: string | null): Promise<void> {
    await this.port.assign(tx, id, agent.staffId, SYSTEM_ACTOR, { teamId });
    await tx
      .update(supportAgents)
      .set({ lastAssignedAt: this.clock.now() })
      .where(eq(supportAgents.staffId, agent.staffId));
  }
}

/** Least load relative to capacity first, ties to the one assigned longest ago, then by id. */
function rank(agents: AgentRow[], load: Map<string, number>): string[] {
  const share = (a: AgentRow) => (load.get(a.staffId) ?? 0) / a.capacity;
  return agents
    .sort(
      (a, b) =>
        share(a) - share(b) ||
        (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0) ||
        a.staffId.localeCompare(b.staffId),
    )
    .map((a) => a.staffId);
}

/** The language without its region: "pt-br" → "pt". */
const baseLanguage = (language: string) => language.split('-')[0]!;

/** Each agent's conversations counting against capacity (chat and cabinet, open or pending). */
export async function loadOf(tx: Executor, staffIds: string[]): Promise<Map<string, number>> {
  if (!staffIds.length) return new Map();
  const rows = await tx
    .select({ id: conversations.assigneeId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        inArray(conversations.assigneeId, staffIds),
        inArray(conversations.status, [...LOAD_STATUSES]),
        inArray(conversations.channel, [...CAPACITY_CHANNELS]),
      ),
    )
    .groupBy(conversations.assigneeId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}
