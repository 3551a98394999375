import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/connection.js';
import { supportTeams } from '../schema.js';
import { ALWAYS_OPEN, type BusinessCalendar } from './calendar.js';

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
