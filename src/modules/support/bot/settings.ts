import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import type { Db, Executor } from '../../../db/connection.js';
import { recordSettingsChange, type SettingsActor } from '../audit.js';
import { supportSettings } from '../schema.js';

export interface BotSettingsValue {
  /** The bot takes new chats (widget and cabinet chat) first. */
  enabled: boolean;
  /** 0–100: the least confidence at which the bot answers with an article; below, it hands over. */
  threshold: number;
}

/** Off until an admin turns it on (the demo install turns it on); 60 is where the benchmark's precision holds. */
export const DEFAULT_BOT_SETTINGS: BotSettingsValue = { enabled: false, threshold: 60 };

/** Read on every new chat: kept for this long in memory (a change here is seen at once on this instance). */
const CACHE_MS = 5_000;

/** The bot's settings, in support_settings.settings.bot (the desk's one settings row). */
export class BotSettings {
  private cached: { value: BotSettingsValue; at: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async get(db: Executor = this.db): Promise<BotSettingsValue> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.value;
    const [row] = await db
      .select({ bot: sql<unknown>`${supportSettings.settings} -> 'bot'` })
      .from(supportSettings)
      .where(eq(supportSettings.id, 1));
    const value = parse(row?.bot);
    this.cached = { value, at: now };
    return value;
  }

  async update(actor: SettingsActor, patch: Partial<BotSettingsValue>): Promise<BotSettingsValue> {
    return this.db.transaction(async (tx) => {
      // The row lock orders concurrent changes; the other settings in the row are left as they are.
      await tx
        .insert(supportSettings)
        .values({ id: 1, settings: {} })
        .onConflictDoNothing({ target: supportSettings.id });
      const [row] = await tx
        .select({ bot: sql<unknown>`${supportSettings.settings} -> 'bot'` })
        .from(supportSettings)
        .where(eq(supportSettings.id, 1))
        .for('update');
      const before = parse(row?.bot);
      const next = { ...before, ...patch };
      await tx
        .update(supportSettings)
        .set({
          settings: sql`${supportSettings.settings} || jsonb_build_object('bot', ${JSON.stringify(next)}::jsonb)`,
          updatedAt: this.clock.now(),
        })
        .where(eq(supportSettings.id, 1));
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => before[k as keyof BotSettingsValue] !== v),
      );
      if (Object.keys(changes).length) await recordSettingsChange(tx, actor, 'bot', 'updated', null, changes);
      this.cached = { value: next, at: this.clock.now().getTime() };
      return next;
    });
  }
}

function parse(raw: unknown): BotSettingsValue {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    enabled: typeof o.enabled === 'boolean' ? o.enabled : DEFAULT_BOT_SETTINGS.enabled,
    threshold:
      typeof o.threshold === 'number' && o.threshold >= 0 && o.threshold <= 100
        ? o.threshold
        : DEFAULT_BOT_SETTINGS.threshold,
  };
}
