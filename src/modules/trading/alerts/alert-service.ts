import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import type { Viewer } from '../../../core/events.js';
import { assertClientVisible } from '../../clients/index.js';
import type { Actor } from '../../../core/actor.js';
import type { AlertRuleInput, AlertRuleView, AlertView } from '../contracts.js';
import { tradingAccounts, tradingAlertRules, tradingAlerts } from '../schema.js';
import { AlertEvaluator, type EvaluatorOptions } from './evaluator.js';
import type { AlertRulePatch } from './rule-params.js';
import { AlertRuleService } from './rules-service.js';

export interface AlertServiceOptions extends EvaluatorOptions {
  /** How often dirty accounts are evaluated. */
  tickMs?: number;
  /** How often the time-based sweep runs (no trading for N days, event cool-downs). */
  sweepMs?: number;
  /** A loop's run failed (the database may be away); the next tick tries again. */
  onError?: (err: unknown) => void;
  /** A loop's run succeeded: with `onError`, the loop's health. */
  onSuccess?: () => void;
}

/** How many alerts a card shows at most (newest first). */
const CARD_LIMIT = 200;

/**
 * Trading alerts for the rest of the app (`ctx.tradingAlerts`): rule configuration, the alerts on a client
 * card, and the evaluation loop. All evaluation in this process runs one at a time (a promise chain), so
 * a test calling `evaluateDirty()` waits for a tick already under way instead of racing it.
 */
export class AlertService {
  readonly rules: AlertRuleService;
  private readonly evaluator: AlertEvaluator;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = false;
  private fullSweepPending = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    private readonly opts: AlertServiceOptions = {},
  ) {
    this.evaluator = new AlertEvaluator(db, clock, opts);
    // A changed rule can raise or clear anywhere: the next tick re-checks every account.
    this.rules = new AlertRuleService(db, clock, () => (this.fullSweepPending = true));
  }

  listRules(): Promise<AlertRuleView[]> {
    return this.rules.list();
  }
  createRule(actor: Actor, input: AlertRuleInput): Promise<AlertRuleView> {
    return this.rules.create(actor, input);
  }
  updateRule(actor: Actor, id: string, patch: AlertRulePatch): Promise<AlertRuleView> {
    return this.rules.update(actor, id, patch);
  }
  deleteRule(actor: Actor, id: string): Promise<void> {
    return this.rules.remove(actor, id);
  }
  ensureDefaultRules(): Promise<boolean> {
    return this.rules.ensureDefaultRules();
  }

  /** A client's alerts as the viewer may see them: open, cleared, or (undefined) both. 404 when out of scope. */
  async clientAlerts(viewer: Viewer, clientId: string, open?: boolean): Promise<AlertView[]> {
    await assertClientVisible(this.db, viewer, clientId);
    const rows = await this.db
      .select({ t: tradingAlerts, ruleName: tradingAlertRules.name, login: tradingAccounts.login })
      .from(tradingAlerts)
      .innerJoin(tradingAlertRules, eq(tradingAlertRules.id, tradingAlerts.ruleId))
      .innerJoin(tradingAccounts, eq(tradingAccounts.id, tradingAlerts.accountId))
      .where(
        and(
          eq(tradingAlerts.clientId, clientId),
          open === undefined
            ? undefined
            : open
              ? isNull(tradingAlerts.clearedAt)
              : isNotNull(tradingAlerts.clearedAt),
        ),
      )
      .orderBy(desc(tradingAlerts.raisedAt), desc(tradingAlerts.id))
      .limit(CARD_LIMIT);
    return rows.map(({ t, ruleName, login }) => ({
      id: t.id,
      ruleId: t.ruleId,
      ruleName,
      kind: t.kind,
      accountId: t.accountId,
      login,
      value: t.value,
      threshold: t.threshold,
      details: t.details,
      taskId: t.taskId,
      raisedAt: t.raisedAt.toISOString(),
      clearedAt: t.clearedAt?.toISOString() ?? null,
    }));
  }

  /** Evaluates every account ingestion marked dirty; returns how many. */
  evaluateDirty(): Promise<number> {
    return this.serial(() => this.evaluator.evaluateDirty());
  }

  /** The time-based pass (`all`: every account, as after a rule change); returns how many accounts. */
  sweep(opts: { all?: boolean } = {}): Promise<number> {
    return this.serial(() => this.evaluator.sweep(opts));
  }

  /** Starts the loops: dirty accounts every second, the time-based sweep every ten minutes. */
  start(): void {
    if (this.timers.length) return;
    const tick = setInterval(() => void this.tick(), this.opts.tickMs ?? 1_000);
    const sweep = setInterval(
      () => void this.background(() => this.evaluator.sweep()),
      this.opts.sweepMs ?? 10 * 60_000,
    );
    tick.unref();
    sweep.unref();
    this.timers.push(tick, sweep);
    // Time passed while the process was down; and a fresh install has its default rules to apply.
    void this.background(() => this.evaluator.sweep());
  }

  /** Stops the loops and waits for an evaluation under way (before the database closes). */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.queue.catch(() => {});
  }

  private async tick() {
    // A slow batch must not pile ticks up behind it.
    if (this.busy) return;
    await this.background(async () => {
      if (this.fullSweepPending) {
        this.fullSweepPending = false;
        await this.evaluator.sweep({ all: true });
      }
      await this.evaluator.evaluateDirty();
    });
  }

  /** Runs a loop's job in turn; failures are reported, never thrown (the next tick tries again). */
  private async background(job: () => Promise<unknown>) {
    try {
      await this.serial(job);
      this.opts.onSuccess?.();
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.busy = true;
      try {
        return await job();
      } finally {
        this.busy = false;
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }
}
