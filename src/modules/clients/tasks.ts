import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import { appendEvents, type NewEvent, type Viewer } from '../../core/events.js';
import { AppError, notFound } from '../../core/errors.js';
import { staffById, staffNames } from '../identity/index.js';
import type { Actor } from '../../core/actor.js';
import { clientAudience } from './audience.js';
import { markContacted } from './comments.js';
import { clientRefsByIds, visibleClient } from './refs.js';
import { clients, clientTasks } from './schema.js';

type TaskRow = typeof clientTasks.$inferSelect;
type TaskClient = Pick<typeof clients.$inferSelect, 'id' | 'name' | 'managerId' | 'teamId'>;

/** A task another module creates on a client (a trading alert's call), recorded like one staff add. */
export interface NewClientTask {
  clientId: string;
  assigneeId: string | null;
  title: string;
  dueAt: Date;
  /** Already "notified" (the creator's own notification is the reminder): the due sweep stays quiet. */
  notifiedAt?: Date | null;
  createdAt?: Date;
}

/** Tasks and reminders on a client card; due ones notify the assignee. */
export class ClientTasks {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  async tasks(viewer: Viewer, clientId: string) {
    await visibleClient(this.db, viewer, clientId);
    const assignees = staffNames('assignees');
    const rows = await this.db
      .select({ t: clientTasks, assigneeName: assignees.name })
      .from(clientTasks)
      .leftJoin(assignees, eq(assignees.id, clientTasks.assigneeId))
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
    const client = await visibleClient(this.db, viewer, clientId);
    const assigneeId = input.assigneeId ?? client.managerId ?? actor.id;
    if (assigneeId && !(await staffById(this.db, assigneeId))?.active)
      throw new AppError(400, 'assignee_unavailable', 'Choose an active staff member', 'assigneeId');
    return this.db.transaction(async (tx) => {
      const [task] = await insertTasks(
        tx,
        [{ id: randomUUID(), clientId, assigneeId, title: input.title, dueAt: input.dueAt }],
        new Map([[clientId, client]]),
        actor,
      );
      return taskView(task!, null);
    });
  }

  async completeTask(viewer: Viewer, actor: Actor, clientId: string, taskId: string) {
    const client = await visibleClient(this.db, viewer, clientId);
    await this.db.transaction(async (tx) => {
      const done = await tx
        .update(clientTasks)
        .set({ doneAt: this.clock.now() })
        .where(
          and(eq(clientTasks.id, taskId), eq(clientTasks.clientId, clientId), isNull(clientTasks.doneAt)),
        )
        .returning();
      if (!done.length) throw notFound('Open task');
      await markContacted(tx, clientId, this.clock.now());
      await appendEvents(tx, [taskDoneEvent(done[0]!, client, actor)]);
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

/**
 * Creates tasks in the caller's transaction, each recorded as `client.task_created` (as a task staff
 * add on the card), by the actor or by the system (`actor` null). Returns the tasks' ids in input order.
 */
export async function createClientTasks(
  tx: Executor,
  tasks: readonly NewClientTask[],
  actor: Actor | null,
): Promise<string[]> {
  if (!tasks.length) return [];
  const owners = await clientRefsByIds(
    tx,
    tasks.map((t) => t.clientId),
  );
  // Ids chosen here, not read back from RETURNING, so they pair with the inputs by construction.
  const withIds = tasks.map((t) => ({ ...t, id: randomUUID() }));
  await insertTasks(tx, withIds, owners, actor);
  return withIds.map((t) => t.id);
}

/**
 * Marks open tasks done in the caller's transaction (a task already done is left as it is), each
 * recorded as `client.task_done`. Closed by the system (`actor` null), it is no contact with the client.
 * Returns the ids closed here.
 */
export async function closeClientTasks(
  tx: Executor,
  taskIds: readonly string[],
  now: Date,
  actor: Actor | null,
): Promise<string[]> {
  if (!taskIds.length) return [];
  const done = await tx
    .update(clientTasks)
    .set({ doneAt: now })
    .where(and(inArray(clientTasks.id, [...taskIds]), isNull(clientTasks.doneAt)))
    .returning();
  if (!done.length) return [];
  const owners = await clientRefsByIds(
    tx,
    done.map((t) => t.clientId),
  );
  await appendEvents(
    tx,
    done.map((t) => taskDoneEvent(t, owners.get(t.clientId)!, actor)),
  );
  return done.map((t) => t.id);
}

async function insertTasks(
  tx: Executor,
  tasks: readonly (NewClientTask & { id: string })[],
  owners: Map<string, TaskClient>,
  actor: Actor | null,
): Promise<TaskRow[]> {
  const rows = await tx
    .insert(clientTasks)
    .values(
      tasks.map((t) => ({
        id: t.id,
        clientId: t.clientId,
        assigneeId: t.assigneeId,
        title: t.title,
        dueAt: t.dueAt,
        createdBy: actor?.id ?? null,
        ...(t.notifiedAt !== undefined ? { notifiedAt: t.notifiedAt } : {}),
        ...(t.createdAt !== undefined ? { createdAt: t.createdAt } : {}),
      })),
    )
    .returning();
  await appendEvents(
    tx,
    rows.map((task) => {
      const client = owners.get(task.clientId)!;
      const audience = clientAudience(client);
      return {
        type: 'client.task_created',
        subjectType: 'client',
        subjectId: task.clientId,
        actorId: actor?.id ?? null,
        ip: actor?.ip ?? null,
        payload: {
          taskId: task.id,
          title: task.title,
          dueAt: task.dueAt.toISOString(),
          assigneeId: task.assigneeId,
          clientName: client.name,
        },
        audience: { ...audience, users: [...audience.users, ...(task.assigneeId ? [task.assigneeId] : [])] },
      };
    }),
  );
  return rows;
}

const taskDoneEvent = (t: TaskRow, client: TaskClient, actor: Actor | null): NewEvent => ({
  type: 'client.task_done',
  subjectType: 'client',
  subjectId: t.clientId,
  actorId: actor?.id ?? null,
  ip: actor?.ip ?? null,
  payload: { taskId: t.id, title: t.title, clientName: client.name },
  audience: clientAudience(client),
});

const taskView = (t: TaskRow, assigneeName: string | null) => ({
  id: t.id,
  clientId: t.clientId,
  title: t.title,
  dueAt: t.dueAt.toISOString(),
  doneAt: t.doneAt?.toISOString() ?? null,
  assigneeId: t.assigneeId,
  assigneeName,
  createdAt: t.createdAt.toISOString(),
});
