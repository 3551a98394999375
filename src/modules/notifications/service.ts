import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { pageOffset, type Paging } from '../../core/paging.js';
import { notifications } from '../../core/schema.js';
import type { NotificationGroupKey } from '../../shared/notifications.js';

/** Each member's notification centre: the list with its unread count, and marking read. */
export class NotificationService {
  constructor(private readonly db: Db) {}

  async listOf(userId: string, p: Paging) {
    const mine = eq(notifications.userId, userId);
    const [rows, [total], [unread]] = await Promise.all([
      this.db
        .select()
        .from(notifications)
        .where(mine)
        .orderBy(desc(notifications.createdAt), desc(notifications.eventId))
        .limit(p.pageSize)
        .offset(pageOffset(p)),
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
}
