import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { appendEvent } from '../../core/events.js';
import { events } from '../../core/schema.js';
import type { Db, Executor } from '../../db/connection.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import type { ProactiveSettingsView } from '../../shared/contracts/surveys.js';
import { clientAudience, clientRefsByIds } from '../clients/index.js';
import type { ConversationRow } from '../support/index.js';
import type { ProactiveSettingsInput } from './contracts.js';
import { proactiveMessages, proactiveSettings } from './schema.js';
import { careLanguage, DEFAULT_ALERT, DEFAULT_FOLLOW_UP, fill, type MessageTemplate } from './texts.js';

export const DEFAULT_PROACTIVE: Omit<ProactiveSettingsView, 'defaults'> = {
  followUp: { enabled: true, delayHours: 24, templates: {} },
  alerts: { enabled: true, templates: {} },
};

/** Whether a followed-up conversation is still resolved when its follow-up is due (the root asks support). */
export type StillResolved = (tx: Executor, conversationId: string) => Promise<boolean>;

/**
 * Proactive messages: a follow-up mailed `delayHours` after a conversation linked to a client is
 * resolved (once per conversation; not if it was reopened meanwhile), and a templated message to the
 * client whose account alert fired (`trading.alert_raised`, read from the event log after a cursor).
 * Each is mailed in the client's language from the settings' template (else the default) and logged on
 * the client's timeline as `proactive.message_sent`.
 */
export class ProactiveMessages {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mailer: Pick<Mailer, 'queue'>,
    private readonly stillResolved: StillResolved,
  ) {}

  async settings(db: Executor = this.db): Promise<ProactiveSettingsView> {
    const [row] = await db.select().from(proactiveSettings).where(eq(proactiveSettings.id, 1));
    const s = (row?.settings ?? {}) as Partial<ProactiveSettingsView>;
    return {
      followUp: { ...DEFAULT_PROACTIVE.followUp, ...s.followUp },
      alerts: { ...DEFAULT_PROACTIVE.alerts, ...s.alerts },
      defaults: { followUp: DEFAULT_FOLLOW_UP, alerts: DEFAULT_ALERT },
    };
  }

  async putSettings(actor: { id: string; ip: string | null }, input: ProactiveSettingsInput) {
    return this.db.transaction(async (tx) => {
      await tx
        .insert(proactiveSettings)
        .values({ id: 1, settings: input })
        .onConflictDoUpdate({
          target: proactiveSettings.id,
          set: { settings: input, updatedAt: sql`now()` },
        });
      await appendEvent(tx, {
        type: 'proactive.settings_changed',
        actorId: actor.id,
        ip: actor.ip,
        payload: { followUpEnabled: input.followUp.enabled, delayHours: input.followUp.delayHours },
        audience: { permissions: ['support.supervise'] },
      });
      return this.settings(tx);
    });
  }

  /** SupportHooks onStatus subscriber: a resolution of a client's conversation schedules its follow-up. */
  readonly onStatus = async (tx: Executor, conv: ConversationRow): Promise<void> => {
    if (conv.status !== 'resolved' || !conv.clientId) return;
    const s = await this.settings(tx);
    if (!s.followUp.enabled) return;
    const client = (await clientRefsByIds(tx, [conv.clientId])).get(conv.clientId);
    const to = conv.contactEmail ?? client?.email ?? null;
    if (!client || !to) return;
    await tx
      .insert(proactiveMessages)
      .values({
        kind: 'follow_up',
        sourceId: conv.id,
        clientId: client.id,
        toEmail: to,
        language: careLanguage(conv.language ?? client.language),
        vars: { name: client.name, number: String(conv.number) },
        dueAt: new Date(this.clock.now().getTime() + s.followUp.delayHours * 3_600_000),
      })
      .onConflictDoNothing();
  };

  /** Alerts fired since the cursor become messages (due now). Returns how many were queued. */
  async collectAlerts(limit = 500): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [state] = await tx
        .insert(proactiveSettings)
        .values({ id: 1 })
        .onConflictDoUpdate({ target: proactiveSettings.id, set: { id: 1 } })
        .returning();
      const rows = await tx
        .select({ id: events.id, payload: events.payload })
        .from(events)
        .where(and(eq(events.type, 'trading.alert_raised'), gt(events.id, state!.alertCursor)))
        .orderBy(asc(events.id))
        .limit(limit);
      if (!rows.length) return 0;
      const s = await this.settings(tx);
      const last = rows[rows.length - 1]!.id;
      await tx.update(proactiveSettings).set({ alertCursor: last }).where(eq(proactiveSettings.id, 1));
      if (!s.alerts.enabled) return 0;
      const ids = rows.map((r) => String((r.payload as { clientId?: string }).clientId ?? ''));
      const clients = await clientRefsByIds(tx, ids.filter(Boolean));
      const values = rows.flatMap((r) => {
        const p = r.payload as { clientId?: string; ruleName?: string; login?: string };
        const client = p.clientId ? clients.get(p.clientId) : undefined;
        if (!client?.email) return [];
        return [
          {
            kind: 'alert' as const,
            sourceId: String(r.id),
            clientId: client.id,
            toEmail: client.email,
            language: careLanguage(client.language),
            vars: { name: client.name, rule: p.ruleName ?? '', login: p.login ?? '' },
            dueAt: this.clock.now(),
          },
        ];
      });
      if (values.length) await tx.insert(proactiveMessages).values(values).onConflictDoNothing();
      return values.length;
    });
  }

  /** Mails the messages that are due, each in its own transaction with its timeline event. */
  async sendDue(limit = 200): Promise<number> {
    const due = await this.db
      .select({ id: proactiveMessages.id })
      .from(proactiveMessages)
      .where(and(isNull(proactiveMessages.sentAt), lte(proactiveMessages.dueAt, this.clock.now())))
      .orderBy(asc(proactiveMessages.dueAt))
      .limit(limit);
    let sent = 0;
    for (const { id } of due) if (await this.sendOne(id)) sent += 1;
    return sent;
  }

  private async sendOne(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [m] = await tx
        .select()
        .from(proactiveMessages)
        .where(and(eq(proactiveMessages.id, id), isNull(proactiveMessages.sentAt)))
        .for('update', { skipLocked: true });
      if (!m) return false;
      const now = this.clock.now();
      // A follow-up of a conversation reopened (or closed by merge) since is dropped, not sent.
      const keep = m.kind !== 'follow_up' || (await this.stillResolved(tx, m.sourceId));
      await tx.update(proactiveMessages).set({ sentAt: now }).where(eq(proactiveMessages.id, id));
      const client = m.clientId ? (await clientRefsByIds(tx, [m.clientId])).get(m.clientId) : undefined;
      if (!keep || !client || !m.toEmail) return false;
      const s = await this.settings(tx);
      const lang = careLanguage(m.language);
      const tpl: MessageTemplate =
        m.kind === 'follow_up'
          ? (s.followUp.templates[lang] ?? DEFAULT_FOLLOW_UP[lang])
          : (s.alerts.templates[lang] ?? DEFAULT_ALERT[lang]);
      const subject = fill(tpl.subject, m.vars);
      await this.mailer.queue(tx, { to: m.toEmail, subject, text: fill(tpl.body, m.vars) });
      await appendEvent(tx, {
        type: 'proactive.message_sent',
        subjectType: 'client',
        subjectId: client.id,
        actorId: null,
        payload: {
          messageId: m.id,
          kind: m.kind,
          clientId: client.id,
          clientName: client.name,
          subject,
          sourceId: m.sourceId,
        },
        audience: clientAudience(client),
      });
      return true;
    });
  }
}
