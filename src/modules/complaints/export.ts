import { Readable } from 'node:stream';
import { and, inArray } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { appendEvents, type Viewer } from '../../core/events.js';
import type { Db } from '../../db/connection.js';
import { minorDigits } from '../../shared/payments.js';
import { formatRecord, neutraliseFormula } from '../clients/index.js';
import type { RegisterExportQuery } from './contracts.js';
import { registerOrder, registerSelect, registerWhere, toSummary } from './reads.js';
import { complaints } from './schema.js';

export const COMPLAINT_EXPORT_MAX_ROWS = 100_000;
export const COMPLAINT_EXPORT_COLUMNS = [
  'reference',
  'received_at',
  'client',
  'account',
  'category',
  'product',
  'amount_at_stake',
  'currency',
  'source',
  'status',
  'level',
  'handler',
  'acknowledgement_due_at',
  'acknowledged_at',
  'final_response_due_at',
  'final_response_at',
  'late',
  'outcome',
  'redress_amount',
  'redress_currency',
  'jurisdiction',
] as const;

const decimal = (minor: number | null, currency: string | null) =>
  minor === null || !currency ? '' : (minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));

/**
 * The register as CSV with the same safeguards as the client export: its filters and sort under the
 * viewer's record scope, at most COMPLAINT_EXPORT_MAX_ROWS (truncation said in a header), written to
 * the audit trail before any row leaves, rows read again through the scope in chunks, every cell
 * neutralised against formula injection, UTF-8 with a byte order mark and CRLF.
 */
export class ComplaintExport {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    private readonly opts = { chunkSize: 2_000, maxRows: COMPLAINT_EXPORT_MAX_ROWS },
  ) {}

  async export(viewer: Viewer, actor: Actor, query: RegisterExportQuery) {
    const now = this.clock.now();
    const found = await registerSelect(this.db)
      .where(registerWhere(viewer, query, now))
      .orderBy(...registerOrder(query))
      .limit(this.opts.maxRows + 1);
    const truncated = found.length > this.opts.maxRows;
    const ids = found.slice(0, this.opts.maxRows).map((r) => r.c.id);
    await this.db.transaction((tx) =>
      appendEvents(tx, [
        {
          type: 'complaints.exported',
          subjectType: 'complaint_export',
          actorId: actor.id,
          ip: actor.ip,
          payload: { filters: describe(query), rowCount: ids.length, truncated },
          audience: { permissions: ['audit.read'] },
        },
      ]),
    );
    const day = now.toISOString().slice(0, 10).replace(/-/g, '');
    return {
      filename: `complaints-${day}.csv`,
      rowCount: ids.length,
      truncated,
      body: Readable.from(this.lines(viewer, query, ids, now), { objectMode: false }),
    };
  }

  private async *lines(viewer: Viewer, query: RegisterExportQuery, ids: string[], now: Date) {
    yield '\uFEFF' + formatRecord(COMPLAINT_EXPORT_COLUMNS) + '\r\n';
    for (let i = 0; i < ids.length; i += this.opts.chunkSize) {
      const chunk = ids.slice(i, i + this.opts.chunkSize);
      // Read again through the scope: a complaint whose client left the viewer's scope drops out.
      const rows = await registerSelect(this.db)
        .where(and(registerWhere(viewer, {}, now), inArray(complaints.id, chunk)))
        .orderBy(...registerOrder(query));
      let out = '';
      for (const r of rows) {
        const s = toSummary(r, now);
        const cells = [
          s.reference,
          s.receivedAt,
          s.clientName,
          s.account,
          s.category,
          s.product,
          decimal(s.amountAtStake, s.currency),
          s.currency,
          s.source,
          s.status,
          s.level,
          s.handlerName ?? '',
          s.acknowledgementDueAt,
          s.acknowledgedAt ?? '',
          s.finalResponseDueAt,
          s.finalResponseAt ?? '',
          s.late ? 'yes' : 'no',
          s.outcome ?? '',
          decimal(s.redressAmount, s.redressCurrency),
          s.redressCurrency ?? '',
          s.jurisdiction,
        ];
        out += formatRecord(cells.map(neutraliseFormula)) + '\r\n';
      }
      yield out;
    }
  }
}

function describe(query: RegisterExportQuery): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
