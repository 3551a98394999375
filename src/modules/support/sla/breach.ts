import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import type { Db, Executor } from '../../../db/connection.js';
import { CONVERSATION_PRIORITIES, type SlaTarget } from '../../../shared/support.js';
import { activeTeamLeads } from '../../identity/index.js';
import { SYSTEM_ACTOR } from '../conversations/actor.js';
import { appendConversationEvent } from '../conversations/events.js';
import type { ConversationRow } from '../hooks.js';
import { recordMetric } from '../metrics.js';
import { notifyConversation } from '../notify.js';
import { conversations, slaPolicies } from '../schema.js';
import { activeDeadlines } from './clocks.js';

/** Conversations handled per run; the rest wait for the next run (every ~15 s). */
export const BREACH_BATCH = 100;

const column = {
  first_response: conversations.firstResponseDueAt,
  next_response: conversations.nextResponseDueAt,
  resolution: conversations.resolutionDueAt,
} as const;

/**
 * Sends each SLA deadline's warning (`warnBeforeMinutes` ahead) and escalation (at it) once: set-based
 * selection of the open conversations with a deadline in the warning window not yet escalated, locked
 * with SKIP LOCKED so two instances split the work; `sla_notified` records what was sent per target.
 */
export class SlaBreachJob {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** One run; returns how many notices were sent. */
  async run(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const nowSql = sql`${now.toISOString()}::timestamptz`;
      const warn = sql`make_interval(mins => ${slaPolicies.warnBeforeMinutes})`;
      const pending = (t: keyof typeof column) =>
        sql`(${column[t]} is not null and coalesce(${conversations.slaNotified}->>${t}, '') <> 'breached'
          and (${column[t]} <= ${nowSql} or (${column[t]} - ${warn} <= ${nowSql}
            and ${conversations.slaNotified}->>${t} is null)))`;
      const rows = await tx
        .select({ conv: conversations, warnBefore: slaPolicies.warnBeforeMinutes })
        .from(conversations)
        .innerJoin(slaPolicies, eq(slaPolicies.id, conversations.slaPolicyId))
        .where(
          and(
            eq(conversations.status, 'open'),
            // Sargable bound for the partial index (a warning is at most a day ahead), then the exact one.
            sql`${conversations.slaNextDueAt} <= ${new Date(now.getTime() + 86_400_000).toISOString()}::timestamptz`,
            sql`${conversations.slaNextDueAt} - ${warn} <= ${nowSql}`,
            sql`((${conversations.firstResponseAt} is null and ${pending('first_response')})
              or ${pending('next_response')} or ${pending('resolution')})`,
          ),
        )
        .orderBy(conversations.slaNextDueAt)
        .limit(BREACH_BATCH)
        .for('update', { of: conversations, skipLocked: true });
      let sent = 0;
      for (const { conv, warnBefore } of rows) sent += await this.handle(tx, conv, warnBefore, now);
      return sent;
    });
  }

  private async handle(tx: Executor, conv: ConversationRow, warnBefore: number, now: Date): Promise<number> {
    const notified = { ...conv.slaNotified };
    let priority = conv.priority;
    let breachedAt = conv.slaBreachedAt;
    const notices: { target: SlaTarget; dueAt: Date; breach: boolean }[] = [];
    for (const { target, dueAt } of activeDeadlines({
      open: true,
      firstResponseAt: conv.firstResponseAt,
      firstResponseDueAt: conv.firstResponseDueAt,
      nextResponseDueAt: conv.nextResponseDueAt,
      resolutionDueAt: conv.resolutionDueAt,
      pausedAt: conv.slaPausedAt,
    }) as { target: SlaTarget; dueAt: Date }[]) {
      if (notified[target] === 'breached') continue;
      if (dueAt <= now) notices.push({ target, dueAt, breach: true });
      else if (!notified[target] && dueAt.getTime() - warnBefore * 60_000 <= now.getTime())
        notices.push({ target, dueAt, breach: false });
    }
    if (!notices.length) return 0;
    const recipients = await this.recipients(tx, conv);
    for (const n of notices) {
      notified[n.target] = n.breach ? 'breached' : 'warned';
      if (!n.breach) {
        await appendConversationEvent(
          tx,
          'support.sla_warning',
          conv,
          SYSTEM_ACTOR,
          { target: n.target, dueAt: n.dueAt.toISOString() },
          { notify: recipients },
        );
        continue;
      }
      // Escalation: one step more urgent (urgent stays urgent), so the inbox sorts it up.
      priority = CONVERSATION_PRIORITIES[Math.min(CONVERSATION_PRIORITIES.indexOf(priority) + 1, 3)]!;
      breachedAt ??= now;
      await recordMetric(tx, conv, {
        kind: 'sla_breach',
        at: now,
        calendarMs: now.getTime() - n.dueAt.getTime(),
        agentId: conv.assigneeId,
        detail: n.target,
      });
      await appendConversationEvent(
        tx,
        'support.sla_breached',
        { ...conv, priority },
        SYSTEM_ACTOR,
        { target: n.target, dueAt: n.dueAt.toISOString(), priority },
        { notify: recipients },
      );
    }
    await tx
      .update(conversations)
      .set({ slaNotified: notified, priority, slaBreachedAt: breachedAt })
      .where(eq(conversations.id, conv.id));
    await notifyConversation(tx, { conversationId: conv.id, kind: 'conversation' });
    return notices.length;
  }

  /** The assignee and the lead of the conversation's team (identity's teams), each once. */
  private async recipients(tx: Executor, conv: ConversationRow): Promise<string[]> {
    const leads = conv.teamId ? await activeTeamLeads(tx, [conv.teamId]) : [];
    return [...new Set([conv.assigneeId, ...leads.map((l) => l.id)].filter((x): x is string => !!x))];
  }
}
