import { asc, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../db/connection.js';
import type { ConversationPriority, SupportChannel } from '../../../shared/support.js';
import { slaPolicies, supportTeams } from '../schema.js';
import { ALWAYS_OPEN, type BusinessCalendar } from './calendar.js';
import type { SlaPolicyRow } from './policies.js';
import { calendarOf, type SupportTeamRow } from './team-calendar.js';

/** A change to SLA policies or team calendars, NOTIFYed so every instance drops its copy. */
export const SUPPORT_SETTINGS_CHANNEL = 'bd_support_settings';
/** A copy is read again after this long whatever happens (a team deleted, a NOTIFY lost). */
export const SETTINGS_TTL_MS = 5_000;

interface Entry<T> {
  at: number;
  rows: T[];
}

/**
 * The SLA policies and support teams (calendars) the clocks read on every message, kept per instance:
 * one read of each small table per SETTINGS_TTL_MS instead of two or three statements a message. A
 * change through SlaPolicies or TeamCalendars drops this instance's copy once written and NOTIFYs the
 * other instances (`changed`). Reads go through the caller's transaction (never a second pool
 * connection), and a read that started before a change is not kept. The answers are those of
 * matchPolicy, calendarFor and a policy by id, computed on the rows in the same order.
 */
export class SupportSettingsCache {
  private version = 0;
  private policies: Entry<SlaPolicyRow> | undefined;
  private teams: Entry<SupportTeamRow> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Subscribes to other instances' changes; a reconnected listener (payload '') drops the copy too. */
  async listen(database: Pick<Database, 'listen'>): Promise<void> {
    await database.listen(SUPPORT_SETTINGS_CHANNEL, () => this.invalidate());
  }

  invalidate(): void {
    this.version += 1;
    this.policies = undefined;
    this.teams = undefined;
  }

  /** After a write to policies or teams: this instance now, the others on the NOTIFY. */
  async changed(db: Executor): Promise<void> {
    this.invalidate();
    await db.execute(sql`select pg_notify(${SUPPORT_SETTINGS_CHANNEL}, '')`);
  }

  /** matchPolicy: the first enabled policy (sort order, age, id) whose channel and priority fit. */
  async matchPolicy(
    tx: Executor,
    conv: { channel: SupportChannel; priority: ConversationPriority },
  ): Promise<SlaPolicyRow | undefined> {
    return (await this.policyRows(tx)).find(
      (p) =>
        p.enabled &&
        (p.channel === null || p.channel === conv.channel) &&
        (p.priority === null || p.priority === conv.priority),
    );
  }

  /** A policy by id, enabled or not. */
  async policy(tx: Executor, id: string): Promise<SlaPolicyRow | undefined> {
    return (await this.policyRows(tx)).find((p) => p.id === id);
  }

  /** calendarFor: the team's calendar, else the default team's, else around the clock in UTC. */
  async calendar(tx: Executor, teamId: string | null): Promise<BusinessCalendar> {
    const teams = await this.teamRows(tx);
    const row =
      (teamId ? teams.find((t) => t.teamId === teamId) : undefined) ?? teams.find((t) => t.isDefault);
    return row ? calendarOf(row) : ALWAYS_OPEN;
  }

  private policyRows(tx: Executor): Promise<SlaPolicyRow[]> {
    return this.cached(
      () => this.policies,
      (e) => (this.policies = e),
      () =>
        tx
          .select()
          .from(slaPolicies)
          .orderBy(asc(slaPolicies.sortOrder), asc(slaPolicies.createdAt), asc(slaPolicies.id)),
    );
  }

  private teamRows(tx: Executor): Promise<SupportTeamRow[]> {
    return this.cached(
      () => this.teams,
      (e) => (this.teams = e),
      () => tx.select().from(supportTeams).orderBy(asc(supportTeams.teamId)),
    );
  }

  private async cached<T>(
    get: () => Entry<T> | undefined,
    set: (e: Entry<T>) => void,
    read: () => Promise<T[]>,
  ): Promise<T[]> {
    const hit = get();
    if (hit && this.now() - hit.at < SETTINGS_TTL_MS) return hit.rows;
    const version = this.version;
    const at = this.now();
    const rows = await read();
    if (version === this.version) set({ at, rows });
    return rows;
  }
}
