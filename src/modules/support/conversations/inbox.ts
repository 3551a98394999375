import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import type { Viewer } from '../../../core/events.js';
import { notFound } from '../../../core/errors.js';
import { pageOffset, type Paging } from '../../../core/paging.js';
import type { Db } from '../../../db/connection.js';
import type { ConversationDetail, ConversationList } from '../../../shared/contracts/support.js';
import { assertClientVisible } from '../../clients/index.js';
import { conversations, supportAgents } from '../schema.js';
import type { ConversationListQuery } from './contracts.js';
import type { ConversationRow } from '../hooks.js';
import { assertConversationVisible, conversationScope } from './scope.js';
import { detailOf, summarySelect, toSummary } from './views.js';

/** Priority as a rank, so "priority" sorts urgent → low rather than alphabetically. */
const priorityRank = sql`case ${conversations.priority} when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end`;

const SORTS = {
  lastMessageAt: sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`,
  createdAt: sql`${conversations.createdAt}`,
  priority: priorityRank,
  waitingSince: sql`${conversations.waitingSince}`,
} as const;

/** `%` and `_` typed in the search box are literal characters, not patterns. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The staff's reads of conversations: the inbox with its views, one conversation, a client's. Staff
 * holding support.handle see every unlinked conversation (the desk answers whoever writes in) and the
 * linked ones whose client is in their record scope (scope.ts); the client card's list likewise.
 */
export class Inbox {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(viewer: Viewer, q: ConversationListQuery): Promise<ConversationList> {
    const where = and(
      conversationScope(this.db, viewer),
      this.viewFilter(viewer, q.view),
      ...this.filters(q),
    );
    return this.page(where, q, q);
  }

  async forClient(viewer: Viewer, clientId: string, paging: Paging): Promise<ConversationList> {
    await assertClientVisible(this.db, viewer, clientId);
    const list = await this.page(
      eq(conversations.clientId, clientId),
      { sort: 'createdAt', order: 'desc' },
      paging,
    );
    // The preview may be an internal note's first line: only the desk's staff read those.
    if (viewer.permissions.has('support.handle')) return list;
    return { ...list, items: list.items.map((item) => ({ ...item, preview: null })) };
  }

  async detail(viewer: Viewer, id: string): Promise<ConversationDetail> {
    const found = await detailOf(this.db, id);
    if (!found) throw notFound('Conversation');
    await assertConversationVisible(this.db, viewer, found);
    return found;
  }

  /** The conversation when the viewer may see it (its client in their scope, or none), else 404. */
  async visible(viewer: Viewer, id: string): Promise<ConversationRow> {
    const [row] = await this.db.select().from(conversations).where(eq(conversations.id, id));
    if (!row) throw notFound('Conversation');
    await assertConversationVisible(this.db, viewer, row);
    return row;
  }

  private async page(
    where: SQL | undefined,
    s: Pick<ConversationListQuery, 'sort' | 'order'>,
    paging: Paging,
  ): Promise<ConversationList> {
    const key = SORTS[s.sort];
    const dir = s.order === 'asc' ? asc : desc;
    // Nulls (nothing waiting) go last either way; the number breaks ties so pages never overlap.
    const order = [sql`${key} is null`, dir(key), dir(conversations.number)];
    const [rows, [total]] = await Promise.all([
      summarySelect(this.db)
        .where(where)
        .orderBy(...order)
        .limit(paging.pageSize)
        .offset(pageOffset(paging)),
      this.db.select({ n: count() }).from(conversations).where(where),
    ]);
    return { items: rows.map(toSummary), total: Number(total?.n ?? 0) };
  }

  private viewFilter(viewer: Viewer, view: ConversationListQuery['view']): SQL | undefined {
    switch (view) {
      case 'mine':
        return eq(conversations.assigneeId, viewer.id);
      case 'unassigned':
        return isNull(conversations.assigneeId);
      case 'team': {
        // The viewer's own team and the support teams routing gives them conversations for.
        const theirs = sql`${conversations.teamId} in (select unnest(${supportAgents.teamIds}) from ${supportAgents} where ${supportAgents.staffId} = ${viewer.id})`;
        return viewer.teamId ? or(eq(conversations.teamId, viewer.teamId), theirs) : theirs;
      }
      case 'breached':
        return or(
          isNotNull(conversations.slaBreachedAt),
          and(
            eq(conversations.status, 'open'),
            sql`${conversations.slaNextDueAt} < ${this.clock.now().toISOString()}::timestamptz`,
          ),
        );
      case 'all':
        return undefined;
    }
  }

  private filters(q: ConversationListQuery): (SQL | undefined)[] {
    const out: (SQL | undefined)[] = [];
    if (q.status?.length) out.push(inArray(conversations.status, q.status));
    if (q.channel?.length) out.push(inArray(conversations.channel, q.channel));
    if (q.language) out.push(eq(conversations.language, q.language));
    if (q.teamId) out.push(eq(conversations.teamId, q.teamId));
    if (q.assigneeId) out.push(eq(conversations.assigneeId, q.assigneeId));
    if (q.q) {
      const number = /^#?(\d{1,15})$/.exec(q.q);
      const like = likeText(q.q);
      out.push(
        or(
          number ? eq(conversations.number, Number(number[1])) : undefined,
          ilike(conversations.subject, like),
          ilike(conversations.contactName, like),
          ilike(conversations.contactEmail, like),
          ilike(conversations.contactPhone, like),
        ),
      );
    }
    return out;
  }
}
