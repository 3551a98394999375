import { and, eq, ne } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { badRequest, notFound } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { TeamCalendarView } from '../../../shared/contracts/support.js';
import type { BusinessHours } from '../../../shared/support.js';
import { teamExists } from '../../identity/index.js';
import { recordSettingsChange, type SettingsActor } from '../audit.js';
import { supportTeams } from '../schema.js';
import { ALWAYS_OPEN, isTimeZone, type BusinessCalendar } from './calendar.js';
import type { SupportSettingsCache } from './settings-cache.js';

export type SupportTeamRow = typeof supportTeams.$inferSelect;

/** The default support team (the one conversations without a language match go to), if any. */
export async function defaultSupportTeam(tx: Executor): Promise<SupportTeamRow | undefined> {
  const [row] = await tx.select().from(supportTeams).where(eq(supportTeams.isDefault, true)).limit(1);
  return row;
}

export const calendarOf = (row: SupportTeamRow): BusinessCalendar => ({
  timeZone: row.timeZone,
  businessHours: row.businessHours,
  holidays: row.holidays,
});

/**
 * The calendar a conversation's clocks run on: its team's, else the default team's, else around the
 * clock in UTC (a desk that has configured no calendar measures calendar time).
 */
export async function calendarFor(tx: Executor, teamId: string | null): Promise<BusinessCalendar> {
  if (teamId) {
    const [row] = await tx.select().from(supportTeams).where(eq(supportTeams.teamId, teamId));
    if (row) return calendarOf(row);
  }
  const fallback = await defaultSupportTeam(tx);
  return fallback ? calendarOf(fallback) : ALWAYS_OPEN;
}

export interface TeamCalendarInput {
  timeZone: string;
  businessHours: BusinessHours;
  holidays: string[];
  languages: string[];
  isDefault: boolean;
}

/** GET/PUT of a team's support settings: calendar, languages served, whether it is the default team. */
export class TeamCalendars {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Told of every change (the clocks' copy of the calendars). */
    private readonly settings?: Pick<SupportSettingsCache, 'changed'>,
  ) {}

  /** The stored settings, or the defaults (UTC, around the clock) for a team not set up yet. */
  async get(teamId: string): Promise<TeamCalendarView> {
    if (!(await teamExists(this.db, teamId))) throw notFound('Team');
    const [row] = await this.db.select().from(supportTeams).where(eq(supportTeams.teamId, teamId));
    if (!row)
      return {
        teamId,
        timeZone: 'UTC',
        businessHours: {},
        holidays: [],
        languages: [],
        isDefault: false,
        updatedAt: null,
      };
    return toView(row);
  }

  async put(actor: SettingsActor, teamId: string, input: TeamCalendarInput): Promise<TeamCalendarView> {
    if (!(await teamExists(this.db, teamId))) throw notFound('Team');
    if (!isTimeZone(input.timeZone)) throw badRequest('time_zone_unknown', 'Unknown time zone', 'timeZone');
    const now = this.clock.now();
    const values = {
      timeZone: input.timeZone,
      businessHours: input.businessHours,
      holidays: [...new Set(input.holidays)].sort(),
      languages: [...new Set(input.languages)],
      isDefault: input.isDefault,
      updatedAt: now,
    };
    const row = await this.db.transaction(async (tx) => {
      // One default team: setting it here takes it from the other.
      if (input.isDefault)
        await tx
          .update(supportTeams)
          .set({ isDefault: false, updatedAt: now })
          .where(and(eq(supportTeams.isDefault, true), ne(supportTeams.teamId, teamId)));
      const [saved] = await tx
        .insert(supportTeams)
        .values({ teamId, ...values })
        .onConflictDoUpdate({ target: supportTeams.teamId, set: values })
        .returning();
      await recordSettingsChange(tx, actor, 'team_calendar', 'updated', teamId, {
        timeZone: values.timeZone,
        businessHours: values.businessHours,
        holidays: values.holidays,
        languages: values.languages,
        isDefault: values.isDefault,
      });
      return saved!;
    });
    await this.settings?.changed(this.db);
    return toView(row);
  }
}

function toView(row: SupportTeamRow): TeamCalendarView {
  return {
    ...calendarOf(row),
    languages: row.languages,
    isDefault: row.isDefault,
    teamId: row.teamId,
    holidays: row.holidays,
    updatedAt: row.updatedAt.toISOString(),
  };
}
