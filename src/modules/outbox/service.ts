import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { pageOffset, type Paging } from '../../core/paging.js';
import { mailOutbox } from '../../core/schema.js';
import { conflict, notFound } from '../../core/errors.js';
import { appendEvents } from '../../core/events.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import type { Actor } from '../../core/actor.js';

/** The mail outbox as admins read it: the list, and one message with its body. */
export class OutboxService {
  constructor(
    private readonly db: Db,
    /** Opens sealed bodies of sensitive mail. */
    private readonly mailer: Mailer,
  ) {}

  async list(p: Paging) {
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(mailOutbox)
        .orderBy(desc(mailOutbox.createdAt))
        .limit(p.pageSize)
        .offset(pageOffset(p)),
      this.db.select({ n: count() }).from(mailOutbox),
    ]);
    return {
      // A sensitive body (password, one-time link) is never in the list: it is opened one message at a time.
      items: rows.map((m) => ({ ...outboxItem(m), text: m.sensitive ? null : m.text })),
      total: Number(total?.n ?? 0),
    };
  }

  /** One message with its body; opening a sensitive one is recorded in the audit trail first. */
  async message(actor: Actor, id: string) {
    const [m] = await this.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1);
    if (!m) throw notFound('Message');
    let text = m.text;
    let html = m.html;
    if (m.sensitive) {
      try {
        text = this.mailer.unseal(m.text);
        html = m.html === null ? null : this.mailer.unseal(m.html);
      } catch {
        throw conflict(
          'mail_unreadable',
          'This message was sealed with another secret key and cannot be read',
        );
      }
      await this.db.transaction((tx) =>
        appendEvents(tx, [
          {
            type: 'mail.sensitive_viewed',
            subjectType: 'mail',
            subjectId: m.id,
            actorId: actor.id,
            ip: actor.ip,
            payload: { to: m.to, subject: m.subject },
            audience: { permissions: ['audit.read'] },
          },
        ]),
      );
    }
    return { ...outboxItem(m), text, html };
  }
}

const outboxItem = (m: typeof mailOutbox.$inferSelect) => ({
  id: m.id,
  to: m.to,
  subject: m.subject,
  status: m.status,
  sensitive: m.sensitive,
  createdAt: m.createdAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
});
