import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { appendEvents, type Viewer } from '../../core/events.js';
import { withScope } from '../identity/index.js';
import type { Actor } from '../../core/actor.js';
import { clientRowsById, listFilter, listOrder, managers } from './client-list.js';
import type { ClientExportQuery } from './contracts.js';
import { formatRecord, neutraliseFormula } from './csv.js';
import { clients } from './schema.js';

export const EXPORT_MAX_ROWS = 100_000;
export const EXPORT_COLUMNS = [
  'id',
  'name',
  'email',
  'phone',
  'country',
  'language',
  'status',
  'sales_status',
  'source',
  'tags',
  'manager',
  'created_at',
] as const;

export interface ClientExport {
  filename: string;
  rowCount: number;
  /** More clients matched than an export may hold; the first EXPORT_MAX_ROWS are in the file. */
  truncated: boolean;
  /** UTF-8 CSV with a byte order mark (so spreadsheets read the encoding right), CRLF line ends. */
  body: Readable;
}

/**
 * CSV export of the client list, with the list's filters and sort, scoped to the viewer. The matching ids
 * are read first (at most EXPORT_MAX_ROWS, one query), the export is written to the audit trail, then the
 * rows are read and streamed out in chunks, each read again through the scope. Every cell is
 * neutralised against spreadsheet formula injection.
 */
export class ExportService {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    private readonly opts: { chunkSize: number; maxRows: number } = {
      chunkSize: 2_000,
      maxRows: EXPORT_MAX_ROWS,
    },
  ) {}

  async export(viewer: Viewer, actor: Actor, query: ClientExportQuery): Promise<ClientExport> {
    const found = await this.db
      .select({ id: clients.id })
      .from(clients)
      .leftJoin(managers, eq(managers.id, clients.managerId))
      .where(withScope(viewer, clients, listFilter(query)))
      .orderBy(...listOrder(query))
      .limit(this.opts.maxRows + 1);
    const truncated = found.length > this.opts.maxRows;
    const ids = found.slice(0, this.opts.maxRows).map((r) => r.id);
    await this.db.transaction((tx) =>
      appendEvents(tx, [
        {
          type: 'clients.exported',
          subjectType: 'client_export',
          actorId: actor.id,
          ip: actor.ip,
          payload: { filters: describeFilters(query), rowCount: ids.length, truncated },
          audience: { permissions: ['audit.read'] },
        },
      ]),
    );
    const day = this.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
    return {
      filename: `clients-${day}.csv`,
      rowCount: ids.length,
      truncated,
      body: Readable.from(this.lines(viewer, ids), { objectMode: false }),
    };
  }

  private async *lines(viewer: Viewer, ids: string[]): AsyncGenerator<string> {
    yield '\uFEFF' + formatRecord(EXPORT_COLUMNS) + '\r\n';
    for (let i = 0; i < ids.length; i += this.opts.chunkSize) {
      const chunk = ids.slice(i, i + this.opts.chunkSize);
      let out = '';
      // A client deleted or moved out of scope since the ids were read drops out.
      for (const { c, managerName } of await clientRowsById(this.db, viewer, chunk)) {
        const cells = [
          c.id,
          c.name,
          c.email ?? '',
          c.phone ?? '',
          c.country ?? '',
          c.language ?? '',
          c.status,
          c.salesStatus,
          c.source,
          c.tags.join(';'),
          managerName ?? '',
          c.createdAt.toISOString(),
        ];
        out += formatRecord(cells.map(neutraliseFormula)) + '\r\n';
      }
      yield out;
    }
  }
}

/** The filters as the audit trail keeps them: only those given, dates as ISO strings. */
function describeFilters(query: ClientExportQuery): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
