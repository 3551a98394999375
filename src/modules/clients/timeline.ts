import { and, count, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { Viewer } from '../../core/events.js';
import { events } from '../../core/schema.js';
import {
  countByKind,
  TIMELINE_KINDS,
  timelineKindOf,
  typeFilterOf,
  type TimelineKind,
} from '../../shared/timeline.js';
import { staffNames } from '../identity/index.js';
import { visibleClient } from './refs.js';

/**
 * The client's timeline: every event about the client, newest first. The history is append-only, so
 * what a manager wrote stays as written for the next manager.
 */
export class ClientTimeline {
  constructor(private readonly db: Db) {}

  /**
   * A page of the client's history, newest first, optionally of some kinds only (shared/timeline.ts
   * says which event type is which kind). `counts` are per kind over the whole history, so the filter
   * can show them; `total` is the count of what the filter shows, so paging stays exact.
   */
  async timeline(
    viewer: Viewer,
    clientId: string,
    q: { page: number; pageSize: number; kinds?: TimelineKind[] | undefined },
  ) {
    await visibleClient(this.db, viewer, clientId);
    const mine = and(eq(events.subjectType, 'client'), eq(events.subjectId, clientId));
    const chosen: readonly TimelineKind[] = q.kinds?.length ? q.kinds : TIMELINE_KINDS;
    const filter = typeFilterOf(chosen);
    const shown =
      'include' in filter
        ? filter.include.length
          ? inArray(events.type, filter.include)
          : sql`false`
        : filter.exclude.length
          ? notInArray(events.type, filter.exclude)
          : undefined;
    const actors = staffNames('actors');
    const [rows, byType] = await Promise.all([
      this.db
        .select({ e: events, actorName: actors.name })
        .from(events)
        .leftJoin(actors, eq(actors.id, events.actorId))
        .where(and(mine, shown))
        .orderBy(desc(events.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.db.select({ type: events.type, count: count() }).from(events).where(mine).groupBy(events.type),
    ]);
    const counts = countByKind(byType.map((r) => ({ type: r.type, count: Number(r.count) })));
    return {
      items: rows.map(({ e, actorName }) => ({
        id: e.id,
        type: e.type,
        kind: timelineKindOf(e.type),
        actorId: e.actorId,
        actorKind: e.actorKind,
        actorName,
        payload: e.payload,
        createdAt: e.createdAt.toISOString(),
      })),
      total: chosen.reduce<number>((sum, kind) => sum + counts[kind], 0),
      counts,
    };
  }
}
