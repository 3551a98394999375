import { and, count, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { pageOffset } from '../../core/paging.js';
import { events } from '../../core/schema.js';
import { staffNames } from '../identity/index.js';
import type { auditQuery } from './contracts.js';

/** The audit trail: the event log read newest first, with the actor's name. */
export class AuditService {
  constructor(private readonly db: Db) {}

  async list(q: z.output<typeof auditQuery>) {
    const filters: SQL[] = [];
    if (q.type) filters.push(like(events.type, `${q.type.replace(/[%_\\]/g, (c) => '\\' + c)}%`));
    if (q.actorId) filters.push(eq(events.actorId, q.actorId));
    if (q.subjectId) filters.push(eq(events.subjectId, q.subjectId));
    if (q.from) filters.push(gte(events.createdAt, q.from));
    if (q.to) filters.push(lte(events.createdAt, q.to));
    const where = filters.length ? and(...filters) : undefined;
    const actors = staffNames('actors');
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ e: events, actorName: actors.name })
        .from(events)
        .leftJoin(actors, eq(actors.id, events.actorId))
        .where(where)
        .orderBy(desc(events.id))
        .limit(q.pageSize)
        .offset(pageOffset(q)),
      this.db.select({ n: count() }).from(events).where(where),
    ]);
    return {
      items: rows.map(({ e, actorName }) => ({
        id: e.id,
        type: e.type,
        actorId: e.actorId,
        actorName,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        ip: e.ip,
        payload: e.payload,
        createdAt: e.createdAt.toISOString(),
      })),
      total: Number(total?.n ?? 0),
    };
  }
}
