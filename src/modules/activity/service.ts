import { and, count, desc, eq, gte, inArray, isNull, like, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { events, mailOutbox, notifications } from '../../core/schema.js';
import { conflict, notFound } from '../../core/errors.js';
import { appendEvents } from '../../core/events.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import { staffUsers } from '../identity/schema.js';
import type { Actor } from '../identity/staff-service.js';
import type { auditQuery } from '../identity/contracts.js';
import type { NotificationGroupKey } from '../../shared/notifications.js';

/** Reads over the event log: the audit trail, each member's notification centre, the mail outbox. */
export class ActivityService {
  constructor(
    private readonly db: Db,
    /** Opens sealed bodies of sensitive mail. */
    private readonly mailer: Mailer,
  ) {}

  async audit(q: z.output<typeof auditQuery>) {
    const filters: SQL[] = [];
    if (q.type) filters.push(like(events.type, `${q.type.replace(/[%_\\]/g, (c) => '\\' + c)}%`));
    if (q.actorId) filters.push(eq(events.actorId, q.actorId));
    if (q.subjectId) filters.push(eq(events.subjectId, q.subjectId));
    if (q.from) filters.push(gte(events.createdAt, q.from));
    if (q.to) filters.push(lte(events.createdAt, q.to));
    const where = filters.length ? and(...filters) : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ e: events, actorName: staffUsers.name })
        .from(events)
        .leftJoin(staffUsers, eq(staffUsers.id, events.actorId))
        .where(where)
        .orderBy(desc(events.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.db.select({ n: count() }).from(events).where(where),
    ]);
    return {
      items: rows.map(({ e, actorName }) => ({
        id: e.id,
        type: e.type,
        actorId: e.actorId,
        actorName,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        ip: e.ip,
        payload: e.payload,
        createdAt: e.createdAt.toISOString(),
      })),
      total: Number(total?.n ?? 0),
    };
  }

  async notificationsOf(userId: string, page: number, pageSize: number) {
    const mine = eq(notifications.userId, userId);
    const [rows, [total], [unread]] = await Promise.all([
      this.db
        .select()
        .from(notifications)
        .where(mine)
        .orderBy(desc(notifications.createdAt), desc(notifications.eventId))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      this.db.select({ n: count() }).from(notifications).where(mine),
      this.db
        .select({ n: count() })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt))),
    ]);
    return {
      items: rows.map((n) => ({
        id: n.id,
        type: n.type,
        payload: n.payload,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      })),
      total: Number(total?.n ?? 0),
      unread: Number(unread?.n ?? 0),
    };
  }

  /**
   * Marks some of a member's own notifications read: by id (others' ids are silently ignored), all of
   * them, or a whole group — every one with the group's type, client and kind (shared/notifications.ts).
   */
  async markRead(userId: string, which: string[] | 'all' | { group: NotificationGroupKey }): Promise<number> {
    const mineUnread = and(eq(notifications.userId, userId), isNull(notifications.readAt));
    const where =
      which === 'all'
        ? mineUnread
        : Array.isArray(which)
          ? and(mineUnread, inArray(notifications.id, which))
          : and(
              mineUnread,
              eq(notifications.type, which.group.type),
              sql`${notifications.payload}->>'clientId' is not distinct from ${which.group.clientId}`,
              sql`${notifications.payload}->>'kind' is not distinct from ${which.group.kind}`,
            );
    if (Array.isArray(which) && which.length === 0) return this.unreadCount(userId);
    await this.db.update(notifications).set({ readAt: new Date() }).where(where);
    return this.unreadCount(userId);
  }

  private async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return Number(row?.n ?? 0);
  }

  async outbox(page: number, pageSize: number) {
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(mailOutbox)
        .orderBy(desc(mailOutbox.createdAt))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      this.db.select({ n: count() }).from(mailOutbox),
    ]);
    return {
      // A sensitive body (password, one-time link) is never in the list: it is opened one message at a time.
      items: rows.map((m) => ({ ...outboxItem(m), text: m.sensitive ? null : m.text })),
      total: Number(total?.n ?? 0),
    };
  }

  /** One message with its body; opening a sensitive one is recorded in the audit trail first. */
  async outboxMessage(actor: Actor, id: string) {
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
