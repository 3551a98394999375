import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { appendEvents } from '../../core/events.js';
import { badRequest } from '../../core/errors.js';
import { settings } from '../../core/schema.js';
import type { Db, Executor } from '../../db/connection.js';
import { JURISDICTION_PRESETS, type Jurisdiction } from '../../shared/complaints.js';
import type { ComplaintSettings as ComplaintSettingsView } from '../../shared/contracts/complaints.js';
import { isTimeZone } from './calendar.js';
import type { ComplaintSettingsInput } from './contracts.js';

export const COMPLAINTS_SETTINGS_KEY = 'complaints';

interface Stored {
  firmCode: string;
  jurisdiction: Jurisdiction;
  timeZone: string;
  holidays: string[];
}

/** The broker's complaint policy: firm code for references, the jurisdiction preset, zone and holidays. */
export class ComplaintSettings {
  constructor(
    private readonly db: Db,
    private readonly defaults: { firmCode: string; jurisdiction: Jurisdiction } = {
      firmCode: 'BD',
      jurisdiction: 'fca',
    },
  ) {}

  async get(db: Executor = this.db): Promise<ComplaintSettingsView & Stored> {
    const [row] = await db.select().from(settings).where(eq(settings.key, COMPLAINTS_SETTINGS_KEY)).limit(1);
    const v = (row?.value ?? {}) as Partial<Stored>;
    const jurisdiction = v.jurisdiction ?? this.defaults.jurisdiction;
    const preset = JURISDICTION_PRESETS[jurisdiction];
    return {
      firmCode: v.firmCode ?? this.defaults.firmCode,
      jurisdiction,
      timeZone: v.timeZone ?? preset.timeZone,
      holidays: v.holidays ?? [...preset.holidays],
      rules: {
        name: preset.name,
        acknowledgement: preset.acknowledgement,
        finalResponse: preset.finalResponse,
      },
    };
  }

  /** Applies to complaints received from now on; those already received keep their deadlines. */
  async put(actor: Actor, input: ComplaintSettingsInput): Promise<ComplaintSettingsView> {
    const timeZone = input.timeZone || JURISDICTION_PRESETS[input.jurisdiction].timeZone;
    if (!isTimeZone(timeZone)) throw badRequest('time_zone_unknown', 'Unknown time zone', 'timeZone');
    const value: Stored = {
      firmCode: input.firmCode,
      jurisdiction: input.jurisdiction,
      timeZone,
      holidays: [...new Set(input.holidays)].sort(),
    };
    await this.db.transaction(async (tx) => {
      await tx
        .insert(settings)
        .values({ key: COMPLAINTS_SETTINGS_KEY, value, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value, updatedBy: actor.id, updatedAt: sql`now()` },
        });
      await appendEvents(tx, [
        {
          type: 'complaints.settings_updated',
          subjectType: 'complaints',
          actorId: actor.id,
          ip: actor.ip,
          payload: { ...value },
          audience: { permissions: ['complaints.oversee', 'audit.read'] },
        },
      ]);
    });
    return this.get();
  }
}
