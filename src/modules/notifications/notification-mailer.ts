import { and, asc, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { notifications } from '../../core/schema.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import { mailRecipients } from '../identity/index.js';

type Payload = Record<string, unknown>;
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** One English line per notification type; the workspace shows the translated text, email the gist. */
const SUBJECTS: Record<string, (p: Payload) => string> = {
  'client.assigned': (p) => `New client assigned to you: ${s(p.clientName)}`,
  'clients.assigned': (p) => `${s(p.count)} imported clients assigned to you`,
  'client.status_changed': (p) => `${s(p.clientName)}: ${s(p.from)} → ${s(p.to)}`,
  'client.reassigned': (p) => `Client handed over to you: ${s(p.clientName)}`,
  'client.mentioned': (p) => `${s(p.by) || 'A colleague'} mentioned you on ${s(p.clientName)}`,
  'client.task_due': (p) => `Reminder: ${s(p.title)} (${s(p.clientName)})`,
  'staff.joined_team': (p) => `${s(p.staffName)} joined your team ${s(p.teamName)}`,
  'staff.role_changed': (p) => `Your role is now ${s(p.role)}`,
  'team.lead_assigned': (p) => `You now lead ${s(p.teamName)}`,
};

/**
 * Sends a copy of each notification by email to staff who opted in (profile → "Email me
 * notifications"), except the types they muted. Works from the notifications table, so it sees exactly what the bell shows, and
 * marks rows as handled in the same transaction that queues the mail: each is emailed at most once.
 */
export class NotificationMailer {
  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
    private readonly baseUrl: string,
  ) {}

  async run(): Promise<number> {
    const queued = await this.db.transaction(async (tx) => {
      const pending = await tx
        .select()
        .from(notifications)
        .where(isNull(notifications.emailedAt))
        .orderBy(asc(notifications.createdAt))
        .limit(200)
        .for('update', { skipLocked: true });
      if (!pending.length) return 0;
      // The recipients' addresses and wishes are identity's: one lookup for the batch.
      const recipients = await mailRecipients(
        tx,
        pending.map((n) => n.userId),
      );
      const due = pending.flatMap((n) => {
        const r = recipients.get(n.userId);
        return r ? [{ n, ...r }] : [];
      });
      if (!due.length) return 0;
      let count = 0;
      for (const { n, email, name, wants, muted, active } of due) {
        // A muted type is one the person asked not to be interrupted by: no toast, no email either.
        if (!wants || !active || n.readAt || muted.includes(n.type)) continue;
        const subject = (SUBJECTS[n.type] ?? (() => `BrokerDesk: ${n.type}`))(n.payload);
        const link =
          typeof n.payload.clientId === 'string'
            ? `${this.baseUrl}/clients/${n.payload.clientId}`
            : this.baseUrl;
        await this.mailer.queue(tx, {
          to: email,
          subject,
          text: `Hello ${name},\n\n${subject}\n\nOpen: ${link}\n\nYou get these emails because you switched them on in your BrokerDesk profile.\n`,
        });
        count++;
      }
      await tx
        .update(notifications)
        .set({ emailedAt: new Date() })
        .where(
          and(
            inArray(
              notifications.id,
              due.map((d) => d.n.id),
            ),
            isNull(notifications.emailedAt),
          ),
        );
      return count;
    });
    if (queued) void this.mailer.flush().catch(() => {}); // else housekeeping flushes it later
    return queued;
  }
}
