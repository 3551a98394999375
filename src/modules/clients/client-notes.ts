import { and, asc, count, desc, eq, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import { appendEvents, appendEventsNow } from '../../core/events.js';
import { AppError, notFound } from '../../core/errors.js';
import {
  countByKind,
  TIMELINE_KINDS,
  timelineKindOf,
  typeFilterOf,
  type TimelineKind,
} from '../../shared/timeline.js';
import { events } from '../../core/schema.js';
import { staffUsers } from '../identity/schema.js';
import { withScope } from '../identity/scope.js';
import type { Viewer } from '../../core/events.js';
import type { Actor } from '../../core/actor.js';
import { clientAudience } from './client-service.js';
import { clients, clientTasks } from './schema.js';

/**
 * What staff add to a client card: comments (with @mentions that notify), tasks and reminders, and the
 * timeline that shows every event about the client. Comments are events themselves: the history is
 * append-only, so what a manager wrote stays as written for the next manager.
 */
export class ClientNotes {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  private async visibleClient(viewer: Viewer, clientId: string) {
    const [c] = await this.db
      .select()
      .from(clients)
      .where(withScope(viewer, clients, eq(clients.id, clientId)))
      .limit(1);
    if (!c) throw notFound('Client');
    return c;
  }

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
    await this.visibleClient(viewer, clientId);
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
    const [rows, byType] = await Promise.all([
      this.db
        .select({ e: events, actorName: staffUsers.name })
        .from(events)
        .leftJoin(staffUsers, eq(staffUsers.id, events.actorId))
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

  async comment(viewer: Viewer, actor: Actor, clientId: string, body: string, mentions: string[]) {
    const client = await this.visibleClient(viewer, clientId);
    const mentioned = mentions.length
      ? await this.db
          .select({ id: staffUsers.id, name: staffUsers.name })
          .from(staffUsers)
          .where(and(inArray(staffUsers.id, mentions), eq(staffUsers.active, true)))
      : [];
    if (mentioned.length !== new Set(mentions).size)
      throw new AppError(400, 'unknown_mention', 'Mention active staff members only', 'mentions');
    const author = actor.id
      ? (
          await this.db.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, actor.id))
        )[0]
      : undefined;
    const [id] = await this.db.transaction(async (tx) => {
      await this.contacted(tx, clientId);
      // The answer names the comment by its event's id, so it is written now, as the last statement.
      return appendEventsNow(tx, [
        {
          type: 'client.comment_added',
          subjectType: 'client',
          subjectId: clientId,
          actorId: actor.id,
          ip: actor.ip,
          payload: { body, mentions: mentioned, clientName: client.name },
          audience: clientAudience(client),
          notify: mentioned
            .filter((m) => m.id !== actor.id)
            .map((m) => ({
              userId: m.id,
              type: 'client.mentioned',
              payload: {
                clientName: client.name,
                clientId,
                by: author?.name ?? null,
                excerpt: body.slice(0, 140),
              },
            })),
        },
      ]);
    });
    return { id };
  }

  /** A comment or a task done by staff is a contact: the list's "last contact" column and its sort. */
  private async contacted(tx: Executor, clientId: string) {
    await tx.update(clients).set({ lastContactAt: this.clock.now() }).where(eq(clients.id, clientId));
  }

  async tasks(viewer: Viewer, clientId: string) {
    await this.visibleClient(viewer, clientId);
    const rows = await this.db
      .select({ t: clientTasks, assigneeName: staffUsers.name })
      .from(clientTasks)
      .leftJoin(staffUsers, eq(staffUsers.id, clientTasks.assigneeId))
      .where(eq(clientTasks.clientId, clientId))
      .orderBy(asc(clientTasks.doneAt), asc(clientTasks.dueAt));
    return { items: rows.map((r) => taskView(r.t, r.assigneeName)) };
  }

  async addTask(
    viewer: Viewer,
    actor: Actor,
    clientId: string,
    input: { title: string; dueAt: Date; assigneeId?: string | undefined },
  ) {
    const client = await this.visibleClient(viewer, clientId);
    const assigneeId = input.assigneeId ?? client.managerId ?? actor.id;
    if (assigneeId) {
      const [a] = await this.db.select().from(staffUsers).where(eq(staffUsers.id, assigneeId)).limit(1);
      if (!a?.active)
        throw new AppError(400, 'assignee_unavailable', 'Choose an active staff member', 'assigneeId');
    }
    return this.db.transaction(async (tx) => {
      const [task] = await tx
        .insert(clientTasks)
        .values({ clientId, assigneeId, title: input.title, dueAt: input.dueAt, createdBy: actor.id })
        .returning();
      await appendEvents(tx, [
        {
          type: 'client.task_created',
          subjectType: 'client',
          subjectId: clientId,
          actorId: actor.id,
          ip: actor.ip,
          payload: {
            taskId: task!.id,
            title: task!.title,
            dueAt: task!.dueAt.toISOString(),
            assigneeId,
            clientName: client.name,
          },
          audience: {
            ...clientAudience(client),
            users: [...clientAudience(client).users, ...(assigneeId ? [assigneeId] : [])],
          },
        },
      ]);
      return taskView(task!, null);
    });
  }

  async completeTask(viewer: Viewer, actor: Actor, clientId: string, taskId: string) {
    const client = await this.visibleClient(viewer, clientId);
    await this.db.transaction(async (tx) => {
      const done = await tx
        .update(clientTasks)
        .set({ doneAt: this.clock.now() })
        .where(
          and(eq(clientTasks.id, taskId), eq(clientTasks.clientId, clientId), isNull(clientTasks.doneAt)),
        )
        .returning();
      if (!done.length) throw notFound('Open task');
      await this.contacted(tx, clientId);
      await appendEvents(tx, [
        {
          type: 'client.task_done',
          subjectType: 'client',
          subjectId: clientId,
          actorId: actor.id,
          ip: actor.ip,
          payload: { taskId, title: done[0]!.title, clientName: client.name },
          audience: clientAudience(client),
        },
      ]);
    });
  }

  /** Due reminders: each task notifies its assignee once when its time comes. Safe to run on every instance. */
  async notifyDueTasks(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({
          t: clientTasks,
          clientName: clients.name,
          managerId: clients.managerId,
          teamId: clients.teamId,
        })
        .from(clientTasks)
        .innerJoin(clients, eq(clients.id, clientTasks.clientId))
        .where(and(lte(clientTasks.dueAt, now), isNull(clientTasks.doneAt), isNull(clientTasks.notifiedAt)))
        .for('update', { of: clientTasks, skipLocked: true })
        .limit(200);
      if (!due.length) return 0;
      await tx
        .update(clientTasks)
        .set({ notifiedAt: now })
        .where(
          inArray(
            clientTasks.id,
            due.map((d) => d.t.id),
          ),
        );
      await appendEvents(
        tx,
        due.map(({ t, clientName, managerId, teamId }) => ({
          type: 'client.task_due',
          subjectType: 'client',
          subjectId: t.clientId,
          payload: {
            taskId: t.id,
            title: t.title,
            dueAt: t.dueAt.toISOString(),
            clientName,
            clientId: t.clientId,
          },
          audience: {
            users: [managerId, t.assigneeId].filter((u): u is string => u !== null),
            teams: teamId ? [teamId] : [],
          },
          notify: t.assigneeId ? [{ userId: t.assigneeId }] : [],
        })),
      );
      return due.length;
    });
  }
}

const taskView = (t: typeof clientTasks.$inferSelect, assigneeName: string | null) => ({
  id: t.id,
  clientId: t.clientId,
  title: t.title,
  dueAt: t.dueAt.toISOString(),
  doneAt: t.doneAt?.toISOString() ?? null,
  assigneeId: t.assigneeId,
  assigneeName,
  createdAt: t.createdAt.toISOString(),
});
