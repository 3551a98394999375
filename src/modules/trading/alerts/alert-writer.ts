import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/connection.js';
import { appendEvents, type NewEvent } from '../../../core/events.js';
import { queueLive } from '../../../core/live.js';
import { alertsChanged } from '../live-updates.js';
import { clientAudience, clientRefs, closeClientTasks, createClientTasks } from '../../clients/index.js';
import { tradingAccounts, tradingAlertRules, tradingAlerts, type AlertKind } from '../schema.js';
import { alertTitle, type ClearReason } from './conditions.js';
import type { AlertUpdate } from './hysteresis.js';

const ALERT_TASK_DUE_MS = 60 * 60_000;

export interface RaiseRequest {
  rule: { id: string; name: string; kind: AlertKind };
  account: { id: string; login: string; currency: string };
  client: { id: string; name: string; managerId: string | null; teamId: string | null };
  value: number | null;
  threshold: number | null;
  details: Record<string, unknown>;
}

export interface ClearRequest {
  alertId: string;
  reason: ClearReason | 'rule_deleted';
  value?: number | null;
}

export interface UpdateRequest {
  alertId: string;
  client: { id: string; managerId: string | null; teamId: string | null };
  update: AlertUpdate;
  /** The value or threshold the card shows moved: open cards are told to refetch. */
  figuresChanged: boolean;
}

/**
 * Raises alerts in the caller's transaction: the alert row, a task for the client's manager (created
 * through the clients' face, so the card's timeline shows it like any task), and the
 * `trading.alert_raised` event that notifies them. The partial unique index (one open alert per rule and
 * account) is the hysteresis guarantee: when a concurrent evaluation already raised it, the insert does
 * nothing and neither does the rest. Returns how many were raised.
 */
export async function raiseAlerts(tx: Executor, requests: RaiseRequest[], now: Date): Promise<number> {
  const raised: { r: RaiseRequest; alertId: string; title: string }[] = [];
  for (const r of requests) {
    const [alert] = await tx
      .insert(tradingAlerts)
      .values({
        ruleId: r.rule.id,
        accountId: r.account.id,
        clientId: r.client.id,
        kind: r.rule.kind,
        value: r.value,
        threshold: r.threshold,
        details: r.details,
        raisedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: tradingAlerts.id });
    if (!alert) continue;
    const title = alertTitle(r.rule.name, r.rule.kind, r.account, r.value, r.threshold);
    raised.push({ r, alertId: alert.id, title });
  }
  if (!raised.length) return 0;
  // Due within the hour (a call, not a page that is overdue the moment it appears) and already
  // "notified": the alert's own notification is the reminder, so the due-task sweep stays quiet.
  const taskIds = await createClientTasks(
    tx,
    raised.map(({ r, title }) => ({
      clientId: r.client.id,
      assigneeId: r.client.managerId,
      title,
      dueAt: new Date(now.getTime() + ALERT_TASK_DUE_MS),
      notifiedAt: now,
      createdAt: now,
    })),
    null,
  );
  await tx.execute(sql`
    update ${tradingAlerts} t set task_id = v.task_id
      from unnest(${sql.param(raised.map((x) => x.alertId))}::uuid[], ${sql.param(taskIds)}::uuid[]) as v(id, task_id)
     where t.id = v.id`);
  const events: NewEvent[] = raised.map(({ r, alertId, title }, i) => ({
    type: 'trading.alert_raised',
    subjectType: 'client',
    subjectId: r.client.id,
    payload: {
      alertId,
      kind: r.rule.kind,
      ruleId: r.rule.id,
      ruleName: r.rule.name,
      accountId: r.account.id,
      login: r.account.login,
      currency: r.account.currency,
      value: r.value,
      threshold: r.threshold,
      taskId: taskIds[i]!,
      title,
      clientId: r.client.id,
      clientName: r.client.name,
    },
    audience: clientAudience(r.client),
    notify: r.client.managerId ? [{ userId: r.client.managerId }] : [],
  }));
  await appendEvents(tx, events);
  return events.length;
}

/**
 * Clears open alerts in the caller's transaction: `cleared_at`, the task marked done (through the
 * clients' face, with its `client.task_done`) if the manager has not done it, and a `trading.alert_cleared` event for the card (no notification: good news can wait).
 * An alert someone else cleared meanwhile is skipped. Returns how many were cleared.
 */
export async function clearAlerts(tx: Executor, requests: ClearRequest[], now: Date): Promise<number> {
  if (!requests.length) return 0;
  const byId = new Map(requests.map((r) => [r.alertId, r]));
  const cleared = await tx
    .update(tradingAlerts)
    .set({ clearedAt: now })
    .where(and(inArray(tradingAlerts.id, [...byId.keys()]), isNull(tradingAlerts.clearedAt)))
    .returning();
  if (!cleared.length) return 0;
  const clients = clientRefs();
  const context = await tx
    .select({
      alertId: tradingAlerts.id,
      ruleName: tradingAlertRules.name,
      login: tradingAccounts.login,
      clientName: clients.name,
      managerId: clients.managerId,
      teamId: clients.teamId,
    })
    .from(tradingAlerts)
    .innerJoin(tradingAlertRules, eq(tradingAlertRules.id, tradingAlerts.ruleId))
    .innerJoin(tradingAccounts, eq(tradingAccounts.id, tradingAlerts.accountId))
    .innerJoin(clients, eq(clients.id, tradingAlerts.clientId))
    .where(
      inArray(
        tradingAlerts.id,
        cleared.map((a) => a.id),
      ),
    );
  const ctxById = new Map(context.map((c) => [c.alertId, c]));
  // The task is done unless the manager did it already; recorded on the card as the manager's would be.
  await closeClientTasks(
    tx,
    cleared.flatMap((a) => (a.taskId ? [a.taskId] : [])),
    now,
    null,
  );
  await appendEvents(
    tx,
    cleared.map((a) => {
      const c = ctxById.get(a.id)!;
      const req = byId.get(a.id)!;
      return {
        type: 'trading.alert_cleared',
        subjectType: 'client',
        subjectId: a.clientId,
        payload: {
          alertId: a.id,
          kind: a.kind,
          ruleId: a.ruleId,
          ruleName: c.ruleName,
          accountId: a.accountId,
          login: c.login,
          reason: req.reason,
          value: req.value ?? null,
          threshold: a.threshold,
          taskId: a.taskId,
          clientId: a.clientId,
          clientName: c.clientName,
        },
        audience: clientAudience(c),
      };
    }),
  );
  return cleared.length;
}

/**
 * Keeps open alerts current in the caller's transaction: their figures follow the account and their
 * recovery time moves. No task, event or notification (the alert was announced once, when raised); a
 * live push tells open client cards to refetch. An alert cleared meanwhile is left as it is.
 */
export async function updateAlerts(tx: Executor, requests: UpdateRequest[]): Promise<void> {
  if (!requests.length) return;
  const rows = requests.map((r) => ({
    id: r.alertId,
    value: r.update.value,
    threshold: r.update.threshold,
    details: r.update.details,
    recovering_since: r.update.recoveringSince?.toISOString() ?? null,
  }));
  await tx.execute(sql`
    update ${tradingAlerts} t
       set value = v.value, threshold = v.threshold, details = v.details, recovering_since = v.recovering_since
      from json_to_recordset(${JSON.stringify(rows)}::json)
           as v(id uuid, value float8, threshold float8, details jsonb, recovering_since timestamptz)
     where t.id = v.id and t.cleared_at is null`);
  await queueLive(
    tx,
    alertsChanged(
      requests
        .filter((r) => r.figuresChanged)
        .map((r) => ({ clientId: r.client.id, audience: clientAudience(r.client) })),
    ),
  );
}
