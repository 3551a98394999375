import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { appendEvents } from '../../core/events.js';
import { settings } from '../../core/schema.js';
import type { Db, Executor } from '../../db/connection.js';
import {
  DIGEST_ROLES,
  type DigestFrequency,
  type DigestRole,
  type DigestSettings,
} from '../../shared/contracts/reports-digest.js';

/** The digest's row in the kernel's settings table (no table of its own). */
export const DIGEST_SETTINGS_KEY = 'reports.digest';

export interface StoredDigest {
  roles: Record<DigestRole, DigestFrequency>;
  hourUtc: number;
  weekday: number;
  lastDailyAt: string | null;
  lastWeeklyAt: string | null;
}

/** Out of the box: management daily, team leads weekly on Monday at 06:00 UTC. */
export const DEFAULT_DIGEST: StoredDigest = {
  roles: {
    admin: 'daily',
    team_lead: 'weekly',
    sales_manager: 'off',
    retention_manager: 'off',
    support_agent: 'off',
    finance: 'off',
    compliance: 'off',
  },
  hourUtc: 6,
  weekday: 1,
  lastDailyAt: null,
  lastWeeklyAt: null,
};

export function parseDigest(value: unknown): StoredDigest {
  const v = (value ?? {}) as Partial<StoredDigest>;
  const roles = { ...DEFAULT_DIGEST.roles };
  for (const r of DIGEST_ROLES) if (v.roles?.[r]) roles[r] = v.roles[r];
  return {
    roles,
    hourUtc: typeof v.hourUtc === 'number' ? v.hourUtc : DEFAULT_DIGEST.hourUtc,
    weekday: typeof v.weekday === 'number' ? v.weekday : DEFAULT_DIGEST.weekday,
    lastDailyAt: v.lastDailyAt ?? null,
    lastWeeklyAt: v.lastWeeklyAt ?? null,
  };
}

export async function readDigest(db: Executor, lock = false): Promise<StoredDigest> {
  const q = db.select().from(settings).where(eq(settings.key, DIGEST_SETTINGS_KEY)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return parseDigest(row?.value);
}

export async function writeDigest(tx: Executor, value: StoredDigest, actorId: string | null): Promise<void> {
  await tx
    .insert(settings)
    .values({ key: DIGEST_SETTINGS_KEY, value, updatedBy: actorId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: actorId, updatedAt: sql`now()` } });
}

/** Admin → Settings → Report digest: which roles get it, how often, at what hour and weekday. */
export async function saveDigest(
  db: Db,
  actor: Actor,
  input: Pick<DigestSettings, 'roles' | 'hourUtc' | 'weekday'>,
): Promise<StoredDigest> {
  return db.transaction(async (tx) => {
    // The row exists before it is locked, so two saves and the job serialise on it.
    await tx
      .insert(settings)
      .values({ key: DIGEST_SETTINGS_KEY, value: DEFAULT_DIGEST })
      .onConflictDoNothing();
    const current = await readDigest(tx, true);
    const next: StoredDigest = {
      ...current,
      roles: { ...current.roles, ...input.roles },
      hourUtc: input.hourUtc,
      weekday: input.weekday,
    };
    await writeDigest(tx, next, actor.id);
    await appendEvents(tx, [
      {
        type: 'settings.updated',
        subjectType: 'settings',
        subjectId: DIGEST_SETTINGS_KEY,
        actorId: actor.id,
        ip: actor.ip,
        payload: { area: 'reports_digest', roles: next.roles, hourUtc: next.hourUtc, weekday: next.weekday },
        audience: { permissions: ['settings.write'] },
      },
    ]);
    return next;
  });
}
