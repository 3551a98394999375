import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database, Executor } from '../../db/connection.js';
import { mailOutbox } from '../../core/schema.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Carries a password or a one-time link: not kept in the outbox after delivery. */
  sensitive?: boolean;
}

export const REDACTED_BODY = '[removed after delivery: this message carried a password or a one-time link]';

const MAX_ATTEMPTS = 5;

/**
 * Transactional outbox for email: `queue` writes inside the caller's transaction, so a mail exists only
 * if the change that caused it committed; `flush` then delivers over SMTP. Without SMTP_URL the rows
 * are kept for admins to read in the workspace.
 */
export class Mailer {
  private transport?: Transporter;
  private flushing?: Promise<void>;

  constructor(
    private readonly database: Database,
    private readonly opts: { smtpUrl?: string; from: string },
  ) {
    if (opts.smtpUrl) this.transport = nodemailer.createTransport(opts.smtpUrl);
  }

  get delivers(): boolean {
    return this.transport !== undefined;
  }

  async queue(tx: Executor, mail: OutgoingMail): Promise<void> {
    await tx.insert(mailOutbox).values({ ...mail, status: this.transport ? 'pending' : 'kept' });
  }

  /** Sends pending mail; concurrent calls share one run. */
  flush(): Promise<void> {
    if (!this.transport) return Promise.resolve();
    this.flushing ??= this.deliverPending().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async deliverPending(): Promise<void> {
    const db = this.database.db;
    for (;;) {
      const batch = await db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, 'pending'), lt(mailOutbox.attempts, MAX_ATTEMPTS)))
        .orderBy(asc(mailOutbox.createdAt))
        .limit(20);
      if (batch.length === 0) return;
      // Claim by bumping attempts so a second instance does not send the same row concurrently.
      const claimed = await db
        .update(mailOutbox)
        .set({ attempts: sql`${mailOutbox.attempts} + 1` })
        .where(
          and(
            inArray(
              mailOutbox.id,
              batch.map((m) => m.id),
            ),
            eq(mailOutbox.status, 'pending'),
          ),
        )
        .returning();
      for (const mail of claimed) {
        try {
          await this.transport!.sendMail({ from: this.opts.from, ...pick(mail) });
          await db
            .update(mailOutbox)
            .set({
              status: 'sent',
              sentAt: new Date(),
              error: null,
              ...(mail.sensitive ? { text: REDACTED_BODY, html: null } : {}),
            })
            .where(eq(mailOutbox.id, mail.id));
        } catch (err) {
          const failed = mail.attempts >= MAX_ATTEMPTS;
          await db
            .update(mailOutbox)
            .set({ status: failed ? 'failed' : 'pending', error: String((err as Error).message ?? err) })
            .where(eq(mailOutbox.id, mail.id));
          if (!failed) return; // leave the rest for the next tick; the server may be down
        }
      }
    }
  }

  close(): void {
    this.transport?.close();
  }
}

const pick = (m: typeof mailOutbox.$inferSelect) => ({
  to: m.to,
  subject: m.subject,
  text: m.text,
  ...(m.html ? { html: m.html } : {}),
});
