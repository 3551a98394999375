import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/connection.js';
import { appendEvents, type NewEvent } from '../../../core/events.js';
import { notFound } from '../../../core/errors.js';
import { changedFields } from '../../../core/changes.js';
import { settings } from '../../../core/schema.js';
import type { Actor } from '../../../core/actor.js';
import type { AlertRuleInput, AlertRuleView } from '../contracts.js';
import { tradingAccounts, tradingAlertRules, tradingAlerts } from '../schema.js';
import { clearAlerts } from './alert-writer.js';
import { assertRuleParams, type AlertRulePatch } from './rule-params.js';

type RuleRow = typeof tradingAlertRules.$inferSelect;
const AUDIENCE = { permissions: ['settings.write'] };
/** Marks that the defaults were installed once, so an admin who deletes them all does not get them back. */
const DEFAULTS_KEY = 'trading.alert_rules.defaults';
/** Serialises concurrent first starts of several instances while they install the defaults. */
const DEFAULTS_LOCK = 7_280_004;

export const DEFAULT_RULES: AlertRuleInput[] = [
  {
    kind: 'low_equity',
    name: 'Low equity',
    accountKind: 'live',
    active: true,
    params: { percentOfDeposits: 30 },
  },
  { kind: 'margin_call', name: 'Margin call', accountKind: 'live', active: true, params: {} },
  { kind: 'stop_out', name: 'Stop-out', accountKind: 'live', active: true, params: {} },
  {
    kind: 'no_trading',
    name: 'No trading for 14 days',
    accountKind: 'live',
    active: true,
    params: { days: 14 },
  },
  { kind: 'large_loss', name: 'Large loss', accountKind: 'live', active: true, params: { loss: 1000 } },
];

/** Params without undefined holes, keys sorted: what jsonb stores, so "changed?" compares like with like. */
const normalise = (params: AlertRuleInput['params']): Record<string, number> =>
  Object.fromEntries(
    Object.entries(params)
      .filter((e): e is [string, number] => e[1] !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

export const toRuleView = (r: RuleRow): AlertRuleView => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  accountKind: r.accountKind,
  active: r.active,
  params: r.params,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * Admin configuration of alert rules. Every change is audited; switching a rule off (or away from an
 * account kind, or to another kind) clears its open alerts in the same transaction, and `onChanged` asks
 * the evaluator to re-check every account against the new rules.
 */
export class AlertRuleService {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    private readonly onChanged: () => void = () => {},
  ) {}

  async list(): Promise<AlertRuleView[]> {
    const rows = await this.db
      .select()
      .from(tradingAlertRules)
      .orderBy(asc(tradingAlertRules.createdAt), asc(tradingAlertRules.id));
    return rows.map(toRuleView);
  }

  async create(actor: Actor, input: AlertRuleInput): Promise<AlertRuleView> {
    assertRuleParams(input.kind, input.params);
    const rule = await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const [row] = await tx
        .insert(tradingAlertRules)
        .values({ ...input, params: normalise(input.params), createdAt: now, updatedAt: now })
        .returning();
      await appendEvents(tx, [this.event('trading.alert_rule_created', actor, row!, { input })]);
      return row!;
    });
    this.onChanged();
    return toRuleView(rule);
  }

  /** PATCH (only the given fields) and PUT (a full input) both land here; `params` is replaced whole. */
  async update(actor: Actor, id: string, patch: AlertRulePatch): Promise<AlertRuleView> {
    const result = await this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(tradingAlertRules)
        .where(eq(tradingAlertRules.id, id))
        .for('no key update')
        .limit(1);
      if (!before) throw notFound('Alert rule');
      const next = {
        ...patch,
        ...(patch.params !== undefined ? { params: normalise(patch.params) } : {}),
      };
      assertRuleParams(next.kind ?? before.kind, next.params ?? before.params);
      const changes = changedFields(before, next);
      if (!Object.keys(changes).length) return { row: before, changed: false };
      const now = this.clock.now();
      const [row] = await tx
        .update(tradingAlertRules)
        .set({ ...next, updatedAt: now })
        .where(eq(tradingAlertRules.id, id))
        .returning();
      await this.clearOrphaned(tx, row!, before, now);
      await appendEvents(tx, [this.event('trading.alert_rule_updated', actor, row!, { changes })]);
      return { row: row!, changed: true };
    });
    if (result.changed) this.onChanged();
    return toRuleView(result.row);
  }

  /** Deletes the rule; its open alerts are cleared first so their tasks close and the card says why. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [rule] = await tx
        .select()
        .from(tradingAlertRules)
        .where(eq(tradingAlertRules.id, id))
        .for('update')
        .limit(1);
      if (!rule) throw notFound('Alert rule');
      const open = await tx
        .select({ id: tradingAlerts.id })
        .from(tradingAlerts)
        .where(and(eq(tradingAlerts.ruleId, id), isNull(tradingAlerts.clearedAt)));
      await clearAlerts(
        tx,
        open.map((a) => ({ alertId: a.id, reason: 'rule_deleted' })),
        this.clock.now(),
      );
      await tx.delete(tradingAlertRules).where(eq(tradingAlertRules.id, id));
      await appendEvents(tx, [this.event('trading.alert_rule_deleted', actor, rule, {})]);
    });
  }

  /**
   * Installs the default rules on a fresh install: once (a settings marker remembers it) and only into an
   * empty table. Safe when several instances start together. Returns whether it installed them.
   */
  async ensureDefaultRules(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${DEFAULTS_LOCK})`);
      const marked = await tx
        .insert(settings)
        .values({ key: DEFAULTS_KEY, value: { installedAt: this.clock.now().toISOString() } })
        .onConflictDoNothing()
        .returning({ key: settings.key });
      if (!marked.length) return false;
      const [existing] = await tx.select({ n: count() }).from(tradingAlertRules);
      if (Number(existing?.n ?? 0) > 0) return false;
      const now = this.clock.now();
      const rows = await tx
        .insert(tradingAlertRules)
        .values(
          // A millisecond apart, so the list (by creation) shows them in this order.
          DEFAULT_RULES.map((r, i) => {
            const at = new Date(now.getTime() + i);
            return { ...r, params: normalise(r.params), createdAt: at, updatedAt: at };
          }),
        )
        .returning();
      await appendEvents(
        tx,
        rows.map((r) =>
          this.event('trading.alert_rule_created', { id: null, ip: null }, r, { default: true }),
        ),
      );
      return true;
    });
  }

  /** Open alerts the changed rule no longer stands behind: all when off or re-kinded, else other account kinds. */
  private async clearOrphaned(tx: Executor, rule: RuleRow, before: RuleRow, now: Date) {
    const all = !rule.active || rule.kind !== before.kind;
    if (!all && rule.accountKind === before.accountKind) return;
    if (!all && rule.accountKind === 'any') return;
    const open = await tx
      .select({ id: tradingAlerts.id })
      .from(tradingAlerts)
      .innerJoin(tradingAccounts, eq(tradingAccounts.id, tradingAlerts.accountId))
      .where(
        and(
          eq(tradingAlerts.ruleId, rule.id),
          isNull(tradingAlerts.clearedAt),
          all ? undefined : ne(tradingAccounts.kind, rule.accountKind as 'demo' | 'live'),
        ),
      );
    await clearAlerts(
      tx,
      open.map((a) => ({ alertId: a.id, reason: 'rule_changed' })),
      now,
    );
  }

  private event(type: string, actor: Actor, rule: RuleRow, extra: Record<string, unknown>): NewEvent {
    return {
      type,
      subjectType: 'trading_alert_rule',
      subjectId: rule.id,
      actorId: actor.id,
      ip: actor.ip,
      payload: { name: rule.name, kind: rule.kind, ...extra },
      audience: AUDIENCE,
    };
  }
}
