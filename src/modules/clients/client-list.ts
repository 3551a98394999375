import {
  and,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  sql,
  type SQL,
  type SQLWrapper,
} from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import type { Viewer } from '../../core/events.js';
import { staffNames, withScope } from '../identity/index.js';
import type { ClientRow } from './client-service.js';
import { toView } from './client-view.js';
import type { ClientListQuery } from './contracts.js';
import { workingColumns, type AccountSummaryReader } from './list-columns.js';
import { visibleAmong } from './refs.js';
import { clients } from './schema.js';

/** Managers' names, joined for the list's manager column and its sort (see listOrder). */
export const managers = staffNames('managers');

/** Clients with their manager's name by id, in the order given, through the scope (a client moved away meanwhile drops out). */
export async function clientRowsById(db: Executor, viewer: Viewer, ids: string[]) {
  const rows = await db
    .select({ c: clients, managerName: managers.name })
    .from(clients)
    .leftJoin(managers, eq(managers.id, clients.managerId))
    .where(visibleAmong(viewer, ids));
  const byId = new Map(rows.map((r) => [r.c.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The client list counts matches exactly up to this many; above it `total` is an estimate. */
export const LIST_EXACT_TOTAL_CAP = 1_000;

/** The client list: filters, search, sort and paging over the scope, with the working columns. */
export class ClientList {
  constructor(
    private readonly db: Db,
    /** The trading figures of the list (see list-columns.ts); without it those columns stay empty. */
    private readonly accountSummaries?: AccountSummaryReader,
  ) {}

  /**
   * The scoped, filtered, sorted page of the client list.
   *
   * Over a million clients two things are slow: counting every match of a broad filter, and an
   * `ORDER BY … LIMIT` plan that walks an index in order hoping to meet matches soon when there are
   * only a few (a misestimated search). So the list first probes for at most LIST_EXACT_TOTAL_CAP + 1
   * matches, narrowly and in no order (the cheapest plan finds them: the trigram index for a search,
   * the scope's index for a manager), and ranks them in the requested order:
   *  - at most the cap: the total is exact and the page is read by id;
   *  - more: matches are dense, so the ordered plan meets them soon; the page comes from it and the
   *    total is the planner's estimate (never below cap + 1), with `totalIsEstimate: true`.
   */
  async list(viewer: Viewer, q: ClientListQuery) {
    const where = withScope(viewer, clients, listFilter(q));
    const offset = (q.page - 1) * q.pageSize;
    const probe = this.db
      .select({ id: clients.id, key: sql`${sortColumn(q)}`.as('sort_key') })
      .from(clients)
      .leftJoin(managers, eq(managers.id, clients.managerId))
      .where(where)
      .limit(LIST_EXACT_TOTAL_CAP + 1)
      .as('probe');
    const direction = q.order === 'asc' ? sql`asc` : sql`desc`;
    const ranked = await this.db
      .select({
        id: probe.id,
        rank: sql<number>`row_number() over (order by ${probe.key} ${direction}${nullsOrder(q)}, ${probe.id} ${direction})`.mapWith(
          Number,
        ),
      })
      .from(probe);
    if (ranked.length <= LIST_EXACT_TOTAL_CAP) {
      const ids = ranked
        .filter((r) => r.rank > offset && r.rank <= offset + q.pageSize)
        .sort((a, b) => a.rank - b.rank)
        .map((r) => r.id);
      const rows = ids.length ? await clientRowsById(this.db, viewer, ids) : [];
      return {
        items: await this.withWorkingColumns(rows, q.include),
        total: ranked.length,
        totalIsEstimate: false,
      };
    }
    const [rows, estimate] = await Promise.all([
      this.db
        .select({ c: clients, managerName: managers.name })
        .from(clients)
        .leftJoin(managers, eq(managers.id, clients.managerId))
        .where(where)
        .orderBy(...listOrder(q))
        .limit(q.pageSize)
        .offset(offset),
      this.estimateRows(
        this.db
          .select({ one: sql`1` })
          .from(clients)
          .where(where),
      ),
    ]);
    return {
      items: await this.withWorkingColumns(rows, q.include),
      total: Math.max(LIST_EXACT_TOTAL_CAP + 1, offset + rows.length, estimate),
      totalIsEstimate: true,
    };
  }

  /** A page's rows with the working columns asked for (read for the page's ids only). */
  private async withWorkingColumns(
    rows: { c: ClientRow; managerName: string | null }[],
    include: ClientListQuery['include'],
  ) {
    const extra = await workingColumns(
      this.db,
      this.accountSummaries,
      rows.map((r) => r.c.id),
      new Set(include),
    );
    return rows.map((r) => ({ ...toView(r.c, r.managerName), ...extra.get(r.c.id) }));
  }

  /** The planner's row estimate for a query (EXPLAIN, nothing executed). */
  private async estimateRows(query: SQLWrapper): Promise<number> {
    const result = (await this.db.execute(sql`explain (format json) ${query}`)) as unknown as {
      rows: Record<string, unknown>[];
    };
    const raw = Object.values(result.rows[0] ?? {})[0];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
    return Math.round(plan[0]?.Plan?.['Plan Rows'] ?? 0);
  }
}

const sortColumn = (q: Pick<ClientListQuery, 'sort'>) =>
  ({
    createdAt: clients.createdAt,
    updatedAt: clients.updatedAt,
    name: clients.name,
    status: clients.status,
    salesStatus: clients.salesStatus,
    country: clients.country,
    manager: managers.name,
    phone: clients.phone,
    lastContact: clients.lastContactAt,
    ftd: clients.ftdAt,
    netDeposits: clients.netDeposits,
    lastDeposit: clients.lastDepositAt,
  })[q.sort];

/**
 * "Never contacted" is the longest ago: first when ascending, last when descending (the opposite of
 * Postgres's default, hence spelled out, matching clients_last_contact_idx). Other columns keep the default.
 */
const nullsOrder = (q: Pick<ClientListQuery, 'sort' | 'order'>) =>
  q.sort !== 'lastContact' ? sql`` : q.order === 'asc' ? sql` nulls first` : sql` nulls last`;

/** The ORDER BY of the client list (joined with `managers` for `manager`): the column, then the id. */
export function listOrder(q: Pick<ClientListQuery, 'sort' | 'order'>): SQL[] {
  const direction = q.order === 'asc' ? sql`asc` : sql`desc`;
  return [sql`${sortColumn(q)} ${direction}${nullsOrder(q)}`, sql`${clients.id} ${direction}`];
}

/** The WHERE of the client list, without the scope (the caller adds it). */
export function listFilter(
  q: Omit<ClientListQuery, 'page' | 'pageSize' | 'sort' | 'order'>,
): SQL | undefined {
  const f: SQL[] = [];
  if (q.q) {
    const needle = q.q.toLowerCase();
    const haystack = sql`lower(${clients.name} || ' ' || coalesce(${clients.email}, '') || ' ' || coalesce(${clients.phone}, '') || ' ' || coalesce(${clients.login}, ''))`;
    // Substring match served by the trigram index. A phone typed with spaces, dashes or brackets
    // ("+44 20 7946-0958") also matches by its digits; both arms search the indexed text, so the planner
    // can combine two trigram index scans (an arm on the bare phone column would mean a full scan).
    const digits = needle.replace(/\D/g, '');
    const like = (s: string) => `%${s.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    const phoneLike = digits.length >= 4 && digits.length === needle.replace(/[\s+()-]/g, '').length;
    f.push(
      phoneLike && digits !== needle
        ? (or(sql`${haystack} like ${like(needle)}`, sql`${haystack} like ${like(digits)}`) as SQL)
        : sql`${haystack} like ${like(needle)}`,
    );
  }
  if (q.status?.length) f.push(inArray(clients.status, q.status));
  if (q.salesStatus?.length) f.push(inArray(clients.salesStatus, q.salesStatus));
  if (q.managerId?.length) f.push(inArray(clients.managerId, q.managerId));
  if (q.teamId?.length) f.push(inArray(clients.teamId, q.teamId));
  if (q.country?.length)
    f.push(
      inArray(
        clients.country,
        q.country.map((c) => c.toUpperCase()),
      ),
    );
  if (q.language?.length)
    f.push(
      inArray(
        clients.language,
        q.language.map((c) => c.toLowerCase()),
      ),
    );
  if (q.source?.length) f.push(inArray(clients.source, q.source));
  if (q.tags?.length) f.push(sql`${clients.tags} && ${sql.param(q.tags)}::text[]`);
  if (q.createdFrom) f.push(gte(clients.createdAt, q.createdFrom));
  if (q.createdTo) f.push(lte(clients.createdAt, q.createdTo));
  if (q.hasFtd !== undefined) f.push(q.hasFtd ? isNotNull(clients.ftdAt) : isNull(clients.ftdAt));
  if (q.netDepositsMin !== undefined) f.push(gte(clients.netDeposits, q.netDepositsMin));
  if (q.netDepositsMax !== undefined) f.push(lte(clients.netDeposits, q.netDepositsMax));
  if (q.lastDepositFrom) f.push(gte(clients.lastDepositAt, q.lastDepositFrom));
  if (q.lastDepositTo) f.push(lte(clients.lastDepositAt, q.lastDepositTo));
  return f.length ? and(...f) : undefined;
}
