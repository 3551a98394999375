import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';

/** What the support floor's wallboard shows now (reports' GET /api/reports/wallboard). */
export interface SupportFloor {
  /** Open chats whose customer waits for an answer (queued or assigned but not yet answered). */
  waiting: number;
  /** How long the oldest of them has waited, in whole seconds (0 when none waits). */
  longestWaitSec: number;
  /** Agents whose status is online. */
  agentsOnline: number;
  /** Median calendar first response time of the first responses recorded since `since`, seconds. */
  todayFrtSec: number | null;
  /** Average CSAT score (1–5) of the ratings received since `since`, two decimals. */
  todayCsat: number | null;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The floor now: waiting live chats (channel chat, status open, `waiting_since` set), the longest wait,
 * agents online, and since `since` (the caller's "today") the median first response and the CSAT
 * average from the raw support metrics. `teamId` narrows all of it to one support team (a team lead's
 * wallboard); null is the whole desk.
 */
export async function supportFloor(
  db: Executor,
  opts: { now: Date; since: Date; teamId: string | null },
): Promise<SupportFloor> {
  const team = opts.teamId;
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select
        (select count(*) from conversations c where c.channel = 'chat' and c.status = 'open'
           and c.waiting_since is not null and c.merged_into_id is null
           and (${team}::uuid is null or c.team_id = ${team}::uuid)) as waiting,
        (select min(c.waiting_since) from conversations c where c.channel = 'chat' and c.status = 'open'
           and c.waiting_since is not null and c.merged_into_id is null
           and (${team}::uuid is null or c.team_id = ${team}::uuid)) as oldest,
        (select count(*) from support_agents a where a.status = 'online'
           and (${team}::uuid is null or ${team}::uuid = any(a.team_ids))) as online,
        (select percentile_disc(0.5) within group (order by m.calendar_ms) from support_metrics m
           where m.kind = 'first_response' and m.at >= ${opts.since} and m.calendar_ms is not null
           and (${team}::uuid is null or m.team_id = ${team}::uuid)) as frt_ms,
        (select avg(m.score) from support_metrics m where m.kind = 'csat' and m.at >= ${opts.since}
           and m.score is not null and (${team}::uuid is null or m.team_id = ${team}::uuid)) as csat`),
  );
  const oldest = row?.oldest ? new Date(row.oldest as string) : null;
  const frt = num(row?.frt_ms);
  const csat = num(row?.csat);
  return {
    waiting: Number(row?.waiting ?? 0),
    longestWaitSec: oldest ? Math.max(0, Math.floor((opts.now.getTime() - oldest.getTime()) / 1000)) : 0,
    agentsOnline: Number(row?.online ?? 0),
    todayFrtSec: frt === null ? null : Math.round(frt / 1000),
    todayCsat: csat === null ? null : Math.round(csat * 100) / 100,
  };
}
