import { and, asc, eq, sql } from 'drizzle-orm';
import { changedFields } from '../../../core/changes.js';
import type { Clock } from '../../../core/clock.js';
import { badRequest, notFound } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { ConversationPriority, SupportChannel } from '../../../shared/support.js';
import { recordSettingsChange, type SettingsActor } from '../audit.js';
import { slaPolicies } from '../schema.js';
import type { SupportSettingsCache } from './settings-cache.js';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

export interface SlaPolicyInput {
  name: string;
  channel: SupportChannel | null;
  priority: ConversationPriority | null;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHoursOnly: boolean;
  warnBeforeMinutes: number;
  sortOrder: number;
  enabled: boolean;
}

/**
 * Seeded once when the desk has no policy at all: a chat is answered in minutes, a cabinet ticket
 * within a working day, an email within half of one; all in business hours. Admins change them.
 */
export const DEFAULT_POLICIES: SlaPolicyInput[] = [
  {
    name: 'Chat',
    channel: 'chat',
    priority: null,
    firstResponseMinutes: 2,
    nextResponseMinutes: 5,
    resolutionMinutes: 8 * 60,
    businessHoursOnly: true,
    warnBeforeMinutes: 1,
    sortOrder: 10,
    enabled: true,
  },
  {
    name: 'Email',
    channel: 'email',
    priority: null,
    firstResponseMinutes: 4 * 60,
    nextResponseMinutes: 8 * 60,
    resolutionMinutes: 3 * 8 * 60,
    businessHoursOnly: true,
    warnBeforeMinutes: 30,
    sortOrder: 20,
    enabled: true,
  },
  {
    name: 'Cabinet ticket',
    channel: 'cabinet',
    priority: null,
    firstResponseMinutes: 8 * 60,
    nextResponseMinutes: 8 * 60,
    resolutionMinutes: 5 * 8 * 60,
    businessHoursOnly: true,
    warnBeforeMinutes: 60,
    sortOrder: 30,
    enabled: true,
  },
  {
    // A callback request is resolved by the call that reaches the customer (telephony closes it).
    name: 'Callback request',
    channel: 'callback',
    priority: null,
    firstResponseMinutes: null,
    nextResponseMinutes: null,
    resolutionMinutes: 4 * 60,
    businessHoursOnly: true,
    warnBeforeMinutes: 30,
    sortOrder: 40,
    enabled: true,
  },
];

/** The first enabled policy (by sort order, then age) whose channel and priority fit (null = any). */
export async function matchPolicy(
  tx: Executor,
  conv: { channel: SupportChannel; priority: ConversationPriority },
): Promise<SlaPolicyRow | undefined> {
  const [row] = await tx
    .select()
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.enabled, true),
        sql`(${slaPolicies.channel} is null or ${slaPolicies.channel} = ${conv.channel})`,
        sql`(${slaPolicies.priority} is null or ${slaPolicies.priority} = ${conv.priority})`,
      ),
    )
    .orderBy(asc(slaPolicies.sortOrder), asc(slaPolicies.createdAt), asc(slaPolicies.id))
    .limit(1);
  return row;
}

function check(input: Partial<SlaPolicyInput>): void {
  const targets = [input.firstResponseMinutes, input.nextResponseMinutes, input.resolutionMinutes];
  if (targets.every((t) => t === null))
    throw badRequest('sla_no_target', 'Give at least one target', 'firstResponseMinutes');
}

/** SLA policies: the admin's list, and the seeding of the defaults. */
export class SlaPolicies {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Told of every change (the clocks' copy of the policies). */
    private readonly settings?: Pick<SupportSettingsCache, 'changed'>,
  ) {}

  list(): Promise<SlaPolicyRow[]> {
    return this.db.select().from(slaPolicies).orderBy(asc(slaPolicies.sortOrder), asc(slaPolicies.createdAt));
  }

  async create(actor: SettingsActor, input: SlaPolicyInput): Promise<SlaPolicyRow> {
    check(input);
    const now = this.clock.now();
    const created = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(slaPolicies)
        .values({ ...input, createdAt: now, updatedAt: now })
        .returning();
      await recordSettingsChange(tx, actor, 'sla_policy', 'created', row!.id, { ...input });
      return row!;
    });
    await this.settings?.changed(this.db);
    return created;
  }

  async update(actor: SettingsActor, id: string, patch: Partial<SlaPolicyInput>): Promise<SlaPolicyRow> {
    const updated = await this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id)).for('update');
      if (!current) throw notFound('SLA policy');
      check({ ...current, ...patch });
      const [row] = await tx
        .update(slaPolicies)
        .set({ ...patch, updatedAt: this.clock.now() })
        .where(eq(slaPolicies.id, id))
        .returning();
      await recordSettingsChange(tx, actor, 'sla_policy', 'updated', id, changedFields(current, patch));
      return row!;
    });
    await this.settings?.changed(this.db);
    return updated;
  }

  /** Conversations under it keep their deadlines; the column is set null (they stop being measured). */
  async remove(actor: SettingsActor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await tx
        .delete(slaPolicies)
        .where(eq(slaPolicies.id, id))
        .returning({ id: slaPolicies.id, name: slaPolicies.name });
      if (!rows.length) throw notFound('SLA policy');
      await recordSettingsChange(tx, actor, 'sla_policy', 'deleted', id, { name: rows[0]!.name });
    });
    await this.settings?.changed(this.db);
  }

  /** jobs.onInit: the defaults, only when there is no policy at all (an admin's deletions stay deleted). */
  async seedDefaults(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`lock table ${slaPolicies} in share row exclusive mode`);
      const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(slaPolicies);
      if (n > 0) return;
      const now = this.clock.now();
      await tx
        .insert(slaPolicies)
        .values(DEFAULT_POLICIES.map((p) => ({ ...p, createdAt: now, updatedAt: now })));
    });
    await this.settings?.changed(this.db);
  }
}
