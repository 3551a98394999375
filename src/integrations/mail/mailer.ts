import { and, asc, eq, inArray, lt, notInArray, notLike, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { SecretBox } from '../../core/crypto.js';
import type { Database, Executor } from '../../db/connection.js';
import { mailOutbox } from '../../core/schema.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Carries a password or a one-time link: the body is sealed at rest, and wiped once SMTP accepted it
   * or delivery gave up.
   */
  sensitive?: boolean;
  /**
   * Threading for conversations by email (the support desk): who it is from and where replies go,
   * its own Message-ID and the ones it answers, so the customer's client shows one thread and their
   * reply comes back to the same conversation. Absent on ordinary notifications (the default From).
   */
  from?: string;
  replyTo?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Further header fields, e.g. the support desk's `Auto-Submitted` on its acknowledgements (RFC 3834). */
  headers?: Record<string, string>;
  /** Files to send with it (a complaint's final response letter). Not allowed on sensitive mail. */
  attachments?: readonly MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** The threading fields of `OutgoingMail`, stored as they are in `mail_outbox.headers`. */
export type MailHeaders = Pick<
  OutgoingMail,
  'from' | 'replyTo' | 'messageId' | 'inReplyTo' | 'references' | 'headers'
>;

export const REDACTED_BODY = '[removed after delivery: this message carried a password or a one-time link]';
export const REDACTED_UNDELIVERED =
  '[removed: this message carried a password or a one-time link and could not be delivered]';
/** Why a sealed mail was given up at once: it was sealed under a SECRET_KEY this server does not have. */
const UNREADABLE = 'sealed with another SECRET_KEY: cannot be opened, not sent';
/**
 * Marks a sealed body. Rows written before sensitive mail was sealed hold plain text without it, and
 * are read as they are (and sealed by `sealLegacy`).
 */
export const SEALED_PREFIX = 'sealed:';

const MAX_ATTEMPTS = 5;

/**
 * Transactional outbox for email: `queue` writes inside the caller's transaction, so a mail exists only
 * if the change that caused it committed; `flush` then delivers over SMTP. Without SMTP_URL the rows
 * are kept for admins to read in the workspace. Sensitive bodies are stored sealed with the app's
 * SecretBox, so a database dump or backup does not hand out passwords; they are opened only to send
 * them and when an admin opens that one message.
 */
export class Mailer {
  private transport?: Transporter;
  private flushing?: Promise<void>;

  constructor(
    private readonly database: Database,
    private readonly opts: { smtpUrl?: string; from: string; box: SecretBox },
  ) {
    if (opts.smtpUrl) this.transport = nodemailer.createTransport(opts.smtpUrl);
  }

  get delivers(): boolean {
    return this.transport !== undefined;
  }

  async queue(tx: Executor, mail: OutgoingMail): Promise<void> {
    await this.queueMany(tx, [mail]);
  }

  /** Several mails in one statement (a batch of payment callbacks), as `queue` would write each. */
  async queueMany(tx: Executor, mails: readonly OutgoingMail[]): Promise<void> {
    if (!mails.length) return;
    const status = this.transport ? ('pending' as const) : ('kept' as const);
    await tx.insert(mailOutbox).values(
      mails.map((mail) => {
        const body = mail.sensitive
          ? { text: this.seal(mail.text), html: mail.html === undefined ? null : this.seal(mail.html) }
          : {};
        const {
          from,
          replyTo,
          messageId,
          inReplyTo,
          references,
          headers: extra,
          attachments,
          ...rest
        } = mail;
        // Sealing covers the body only: a file on a sensitive mail would sit in clear at rest.
        if (mail.sensitive && attachments?.length) throw new Error('sensitive mail cannot carry attachments');
        const headers: MailHeaders = { from, replyTo, messageId, inReplyTo, references, headers: extra };
        const given = Object.values(headers).some((v) => v !== undefined);
        return {
          ...rest,
          ...body,
          // JSON round trip: drops the undefined keys, so the column holds only the headers given.
          headers: given ? JSON.parse(JSON.stringify(headers)) : null,
          attachments: attachments?.length
            ? attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content.toString('base64'),
              }))
            : null,
          status,
        };
      }),
    );
  }

  /** The readable text of a stored body: sealed ones are opened, legacy plain ones returned as they are. */
  unseal(stored: string): string {
    return stored.startsWith(SEALED_PREFIX) ? this.opts.box.open(stored.slice(SEALED_PREFIX.length)) : stored;
  }

  /**
   * Legacy rows: sensitive bodies stored in plain text before sealing existed are sealed (kept or
   * pending) or wiped (already sent or given up). Runs at start-up; idempotent, and safe on several
   * instances: a row is rewritten only if it still holds the text that was read.
   */
  async sealLegacy(): Promise<number> {
    const db = this.database.db;
    const rows = await db
      .select({ id: mailOutbox.id, text: mailOutbox.text, html: mailOutbox.html, status: mailOutbox.status })
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.sensitive, true),
          notLike(mailOutbox.text, `${SEALED_PREFIX}%`),
          notInArray(mailOutbox.text, [REDACTED_BODY, REDACTED_UNDELIVERED]),
        ),
      );
    for (const row of rows) {
      const done = row.status === 'sent' || row.status === 'failed';
      await db
        .update(mailOutbox)
        .set(
          done
            ? { text: row.status === 'sent' ? REDACTED_BODY : REDACTED_UNDELIVERED, html: null }
            : {
                text: this.seal(row.text),
                html:
                  row.html === null || row.html.startsWith(SEALED_PREFIX) ? row.html : this.seal(row.html),
              },
        )
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.text, row.text)));
    }
    return rows.length;
  }

  private seal(plain: string): string {
    return SEALED_PREFIX + this.opts.box.seal(plain);
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
      for (const [i, mail] of claimed.entries()) {
        let message: ReturnType<Mailer['outgoing']>;
        try {
          message = this.outgoing(mail);
        } catch {
          // Sealed under another SECRET_KEY: no retry can open it, and it must not hold up the queue.
          await db
            .update(mailOutbox)
            .set({ status: 'failed', error: UNREADABLE, text: REDACTED_UNDELIVERED, html: null })
            .where(eq(mailOutbox.id, mail.id));
          continue;
        }
        try {
          await this.transport!.sendMail({ from: this.opts.from, ...message, ...threading(mail.headers) });
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
            .set({
              status: failed ? 'failed' : 'pending',
              error: String((err as Error).message ?? err),
              // Nobody will send it any more: a secret must not outlive the attempt to deliver it.
              ...(failed && mail.sensitive ? { text: REDACTED_UNDELIVERED, html: null } : {}),
            })
            .where(eq(mailOutbox.id, mail.id));
          if (failed) continue;
          // The server may be down: leave the rest for the next tick, giving back the attempt they
          // were claimed with but never got, so one outage does not use up everyone's tries.
          const untried = claimed.slice(i + 1).map((m) => m.id);
          if (untried.length)
            await db
              .update(mailOutbox)
              .set({ attempts: sql`${mailOutbox.attempts} - 1` })
              .where(and(inArray(mailOutbox.id, untried), eq(mailOutbox.status, 'pending')));
          return;
        }
      }
    }
  }

  /** Lets a delivery run in progress finish (it writes to the database), then closes SMTP. */
  async close(): Promise<void> {
    await this.flushing?.catch(() => {});
    this.transport?.close();
  }

  /** What goes over SMTP; a sealed body that cannot be opened (another SECRET_KEY) throws. */
  private outgoing(m: typeof mailOutbox.$inferSelect) {
    const body = (stored: string) => (m.sensitive ? this.unseal(stored) : stored);
    return {
      to: m.to,
      subject: m.subject,
      text: body(m.text),
      ...(m.html ? { html: body(m.html) } : {}),
      ...(m.attachments?.length
        ? {
            attachments: m.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: Buffer.from(a.content, 'base64'),
            })),
          }
        : {}),
    };
  }
}

/** nodemailer's fields for the stored threading headers (only those given, so the default From stays). */
function threading(headers: MailHeaders | null): MailHeaders {
  if (!headers) return {};
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined && v !== null));
}
