import { and, asc, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import type { Executor } from '../../../db/connection.js';
import type { ConversationStatus } from '../../../shared/support.js';
import { isFresh, type ConversationRow, type MessageRow } from '../hooks.js';
import { recordMetric } from '../metrics.js';
import { conversationMessages, conversations, slaPolicies, supportMetrics } from '../schema.js';
import { measureFor, type TimeMeasure } from './calendar.js';
import { agentReply, customerMessage, nextDue, started, statusChanged, type SlaState } from './clocks.js';
import { matchPolicy, type SlaPolicyRow } from './policies.js';
import { rematched, type SlaRule } from './rematch.js';
import type { SupportSettingsCache } from './settings-cache.js';
import { calendarFor } from './team-calendar.js';

const stateOf = (c: ConversationRow): SlaState => ({
  open: c.status === 'open',
  firstResponseAt: c.firstResponseAt,
  firstResponseDueAt: c.firstResponseDueAt,
  nextResponseDueAt: c.nextResponseDueAt,
  resolutionDueAt: c.resolutionDueAt,
  pausedAt: c.slaPausedAt,
});

/** A public message by a staff member answers the customer; bots and internal notes do not. */
const isAgentReply = (m: MessageRow) => m.authorKind === 'agent' && m.visibility === 'public';

/**
 * The SLA clocks on the conversation's columns, driven by the conversation service's hooks inside its
 * transaction (clocks.ts says what each event does). Every hook re-reads the row it was given: an
 * earlier hook (routing) may have set the team, whose calendar the clocks use.
 */
export class SlaEngine {
  constructor(
    private readonly clock: Clock,
    /** Policies and calendars kept per instance (the wiring's); without it each is read every time. */
    private readonly settings?: SupportSettingsCache,
  ) {}

  /** hooks.onOpened: picks the policy and sets the first-response and resolution deadlines. */
  readonly start = async (tx: Executor, given: ConversationRow): Promise<void> => {
    await this.startAt(tx, given, given.createdAt);
  };

  /** The clocks started at `from`: a chat the FAQ bot hands to people is measured from the handover. */
  async startAt(tx: Executor, given: ConversationRow, from: Date): Promise<void> {
    const conv = await this.reread(tx, given);
    const policy = await this.match(tx, conv);
    if (!policy) return;
    const measure = await this.measure(tx, conv, policy);
    const state = started(from, policy, measure);
    await this.save(tx, conv.id, state, { slaPolicyId: policy.id });
  }

  /** hooks.onMessage: next-response clock on a customer message; first response, replies answered. */
  readonly onMessage = async (tx: Executor, given: ConversationRow, message: MessageRow): Promise<void> => {
    if (message.visibility !== 'public') return;
    const conv = await this.reread(tx, given);
    const ctx = await this.context(tx, conv);
    if (message.authorKind === 'customer') {
      if (!ctx) return;
      const before = stateOf(conv);
      const next = customerMessage(before, message.createdAt, ctx.policy, ctx.measure);
      if (next === before) return;
      // A new next-response clock gets its own warning and escalation (a running one keeps its own).
      const notified = { ...conv.slaNotified };
      delete notified.next_response;
      await this.save(tx, conv.id, next, { slaNotified: notified });
      return;
    }
    if (!isAgentReply(message)) return;
    const at = message.createdAt;
    const measure = ctx?.measure ?? (await this.calendarMeasure(tx, conv));
    const state = stateOf(conv);
    const { state: after, first } = agentReply(state, at);
    if (first) {
      const from = await this.peopleSince(tx, conv);
      await recordMetric(tx, conv, {
        kind: 'first_response',
        at,
        calendarMs: at.getTime() - from.getTime(),
        businessMs: measure.between(from, at),
        agentId: message.authorStaffId,
      });
    } else {
      const waitingFrom = await this.oldestUnanswered(tx, conv.id, message.seq);
      if (waitingFrom) {
        await recordMetric(tx, conv, {
          kind: 'reply',
          at,
          calendarMs: at.getTime() - waitingFrom.getTime(),
          businessMs: measure.between(waitingFrom, at),
          agentId: message.authorStaffId,
        });
      }
    }
    await this.save(tx, conv.id, after, first ? { firstResponseAt: at } : {});
  };

  /** hooks.onStatus: pauses and resumes the clocks; records resolution and reopen. */
  readonly onStatus = async (
    tx: Executor,
    given: ConversationRow,
    from: ConversationStatus,
  ): Promise<void> => {
    const conv = await this.reread(tx, given);
    const now = this.clock.now();
    const ctx = await this.context(tx, conv);
    const measure = ctx?.measure ?? (await this.calendarMeasure(tx, conv));
    const resolved = conv.status === 'resolved' || conv.status === 'closed';
    const wasDone = from === 'resolved' || from === 'closed';
    if (resolved && !wasDone) {
      await recordMetric(tx, conv, {
        kind: 'resolution',
        at: now,
        calendarMs: now.getTime() - conv.createdAt.getTime(),
        businessMs: measure.between(conv.createdAt, now),
        agentId: conv.assigneeId,
      });
    }
    if (wasDone && !resolved)
      await recordMetric(tx, conv, { kind: 'reopen', at: now, agentId: conv.assigneeId });
    if (!ctx) return;
    const state = statusChanged(stateOf(conv), now, conv.status === 'open', resolved, measure);
    await this.save(tx, conv.id, state);
  };

  /**
   * hooks.onReclassified: staff changed the priority, channel or team. The policy is matched again
   * and the running clocks recomputed on the (new) team's calendar (rematch.ts says how).
   */
  readonly rematch = async (tx: Executor, before: ConversationRow): Promise<void> => {
    const conv = await this.reread(tx, before);
    const policy = await this.match(tx, conv);
    if ((policy?.id ?? null) === before.slaPolicyId && conv.teamId === before.teamId) return;
    const old = await this.context(tx, before);
    const rule = (p: SlaPolicyRow, measure: TimeMeasure): SlaRule => ({ targets: p, measure });
    const state = stateOf(conv);
    const next = rematched(
      state,
      conv.createdAt,
      this.clock.now(),
      old ? rule(old.policy, old.measure) : null,
      policy ? rule(policy, await this.measure(tx, conv, policy)) : null,
    );
    // A deadline that moved gets its own warning and escalation again.
    const notified = { ...conv.slaNotified };
    const moved = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) !== (b?.getTime() ?? null);
    if (moved(state.firstResponseDueAt, next.firstResponseDueAt)) delete notified.first_response;
    if (moved(state.nextResponseDueAt, next.nextResponseDueAt)) delete notified.next_response;
    if (moved(state.resolutionDueAt, next.resolutionDueAt)) delete notified.resolution;
    await this.save(tx, conv.id, next, { slaPolicyId: policy?.id ?? null, slaNotified: notified });
  };

  /** The row as stored now: the one given when nothing wrote to it since (hooks.ts markFresh). */
  private async reread(tx: Executor, given: ConversationRow): Promise<ConversationRow> {
    if (isFresh(tx, given)) return given;
    const [row] = await tx.select().from(conversations).where(eq(conversations.id, given.id));
    return row!;
  }

  /** The conversation's policy and how it measures time; undefined when no policy applies. */
  private async context(tx: Executor, conv: ConversationRow) {
    if (!conv.slaPolicyId) return undefined;
    const [policy] = this.settings
      ? [await this.settings.policy(tx, conv.slaPolicyId)]
      : await tx.select().from(slaPolicies).where(eq(slaPolicies.id, conv.slaPolicyId));
    if (!policy) return undefined;
    return { policy, measure: await this.measure(tx, conv, policy) };
  }

  private async measure(tx: Executor, conv: ConversationRow, policy: SlaPolicyRow): Promise<TimeMeasure> {
    return measureFor(policy.businessHoursOnly, await this.calendar(tx, conv.teamId));
  }

  /** Metrics carry business time even without a policy: the team's calendar. */
  private async calendarMeasure(tx: Executor, conv: ConversationRow): Promise<TimeMeasure> {
    return measureFor(true, await this.calendar(tx, conv.teamId));
  }

  private match(tx: Executor, conv: ConversationRow): Promise<SlaPolicyRow | undefined> {
    return this.settings ? this.settings.matchPolicy(tx, conv) : matchPolicy(tx, conv);
  }

  private calendar(tx: Executor, teamId: string | null) {
    return this.settings ? this.settings.calendar(tx, teamId) : calendarFor(tx, teamId);
  }

  /** The first customer message after the last public agent reply before `seq`, if any waited. */
  /**
   * When people became responsible for the conversation: its creation, or the FAQ bot's last handover
   * (the clocks start there too, `startAt`), so the bot's minutes do not count against the agents.
   */
  private async peopleSince(tx: Executor, conv: ConversationRow): Promise<Date> {
    const [handoff] = await tx
      .select({ at: supportMetrics.at })
      .from(supportMetrics)
      .where(and(eq(supportMetrics.conversationId, conv.id), eq(supportMetrics.kind, 'handoff')))
      .orderBy(desc(supportMetrics.at))
      .limit(1);
    return handoff?.at ?? conv.createdAt;
  }

  private async oldestUnanswered(tx: Executor, conversationId: string, seq: number): Promise<Date | null> {
    const [lastReply] = await tx
      .select({ seq: conversationMessages.seq })
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.conversationId, conversationId),
          lt(conversationMessages.seq, seq),
          eq(conversationMessages.visibility, 'public'),
          inArray(conversationMessages.authorKind, ['agent']),
        ),
      )
      .orderBy(desc(conversationMessages.seq))
      .limit(1);
    const [waiting] = await tx
      .select({ at: conversationMessages.createdAt })
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.conversationId, conversationId),
          gt(conversationMessages.seq, lastReply?.seq ?? 0),
          lt(conversationMessages.seq, seq),
          eq(conversationMessages.authorKind, 'customer'),
        ),
      )
      .orderBy(asc(conversationMessages.seq))
      .limit(1);
    return waiting?.at ?? null;
  }

  private async save(
    tx: Executor,
    id: string,
    s: SlaState,
    extra: Partial<typeof conversations.$inferInsert> = {},
  ): Promise<void> {
    await tx
      .update(conversations)
      .set({
        firstResponseDueAt: s.firstResponseDueAt,
        nextResponseDueAt: s.nextResponseDueAt,
        resolutionDueAt: s.resolutionDueAt,
        slaPausedAt: s.pausedAt,
        slaNextDueAt: nextDue(s),
        ...extra,
      })
      .where(eq(conversations.id, id));
  }
}
