import { Readable } from 'node:stream';
import { and, asc, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { appendEvents, type Viewer } from '../../core/events.js';
import type { Db } from '../../db/connection.js';
import type {
  ClientPayments,
  PaymentRequestDetail,
  PaymentRequestPage,
  PortalPaymentView,
} from '../../shared/contracts/payments.js';
import {
  assertClientVisible,
  clientPaymentFigures,
  clientRefs,
  formatRecord,
  neutraliseFormula,
} from '../clients/index.js';
import { clientScope } from '../identity/index.js';
import type { PaymentExportQuery, RequestListQuery } from './contracts.js';
import { ledgerOf } from './ledger.js';
import { readRequest, requestViews, toPortalView } from './requests.js';
import { paymentRequests, paymentSystems } from './schema.js';
import type { PaymentSettings } from './settings.js';

export const PAYMENTS_EXPORT_MAX_ROWS = 100_000;
const EXPORT_COLUMNS = [
  'id',
  'created_at',
  'direction',
  'status',
  'client_id',
  'client_name',
  'login',
  'system',
  'amount',
  'currency',
  'account_amount',
  'account_currency',
  'rate',
  'fee',
  'reference',
  'provider_ref',
  'problem',
  'reject_reason',
  'executed_at',
] as const;

/** The clients a staff member may see, joined so every read of requests goes through the record scope. */
const scoped = clientRefs('payment_clients');

/**
 * The reads of payments: the finance queue (filters, sort, paging, ageing), one request with its
 * ledger, a client's payments on the card, the trader's own history, and the CSV export. Staff reads
 * are scoped through the clients face: a manager sees only their clients' payments, outside → 404.
 */
export class PaymentReads {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: PaymentSettings,
  ) {}

  async list(viewer: Viewer, q: RequestListQuery): Promise<PaymentRequestPage> {
    const where = and(clientScope(viewer, scoped), this.filter(q));
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ r: paymentRequests })
        .from(paymentRequests)
        .innerJoin(scoped, eq(scoped.id, paymentRequests.clientId))
        .where(where)
        .orderBy(...this.order(q))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.db
        .select({ n: count() })
        .from(paymentRequests)
        .innerJoin(scoped, eq(scoped.id, paymentRequests.clientId))
        .where(where),
    ]);
    return {
      items: await requestViews(
        this.db,
        rows.map((r) => r.r),
        this.clock.now(),
      ),
      total: total?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async detail(viewer: Viewer, id: string): Promise<PaymentRequestDetail> {
    const row = await readRequest(this.db, id);
    await assertClientVisible(this.db, viewer, row.clientId);
    const [[request], ledger] = await Promise.all([
      requestViews(this.db, [row], this.clock.now()),
      ledgerOf(this.db, id),
    ]);
    return { request: request!, ledger };
  }

  /** The card's Payments tab: the client's figures and requests, newest first (404 outside the scope). */
  async forClient(viewer: Viewer, clientId: string): Promise<ClientPayments> {
    await assertClientVisible(this.db, viewer, clientId);
    const [figures, rows, settings] = await Promise.all([
      clientPaymentFigures(this.db, clientId),
      this.db
        .select()
        .from(paymentRequests)
        .where(eq(paymentRequests.clientId, clientId))
        .orderBy(desc(paymentRequests.createdAt), desc(paymentRequests.id))
        .limit(500),
      this.settings.get(),
    ]);
    return {
      ftdAt: figures?.ftdAt?.toISOString() ?? null,
      ftdAmount: figures?.ftdAmount ?? null,
      netDeposits: figures?.netDeposits ?? 0,
      baseCurrency: settings.baseCurrency,
      lastDepositAt: figures?.lastDepositAt?.toISOString() ?? null,
      problem: (figures?.paymentProblem as ClientPayments['problem']) ?? null,
      items: await requestViews(this.db, rows, this.clock.now()),
    };
  }

  /** The trader's own requests, newest first. */
  async forTrader(clientId: string): Promise<PortalPaymentView[]> {
    const [rows, settings] = await Promise.all([
      this.db
        .select({ r: paymentRequests, systemName: paymentSystems.name })
        .from(paymentRequests)
        .innerJoin(paymentSystems, eq(paymentSystems.id, paymentRequests.systemId))
        .where(eq(paymentRequests.clientId, clientId))
        .orderBy(desc(paymentRequests.createdAt), desc(paymentRequests.id))
        .limit(200),
      this.settings.get(),
    ]);
    const label = (code: string) =>
      settings.rejectionReasons.find((r) => r.code === code)?.label ??
      (
        { declined: 'Declined by the payment provider', insufficient_funds: 'Insufficient funds' } as Record<
          string,
          string
        >
      )[code] ??
      null;
    return rows.map(({ r, systemName }) => toPortalView(r, systemName, label));
  }

  /**
   * CSV of the queue with its filters and sort, with the client export's safeguards: scoped to the
   * viewer, capped at PAYMENTS_EXPORT_MAX_ROWS, every cell neutralised against formula injection, and
   * the export itself written to the audit trail before any row leaves.
   */
  async export(viewer: Viewer, actor: Actor, q: PaymentExportQuery) {
    const where = and(clientScope(viewer, scoped), this.filter(q));
    const rows = await this.db
      .select({ r: paymentRequests, clientName: scoped.name, systemName: paymentSystems.name })
      .from(paymentRequests)
      .innerJoin(scoped, eq(scoped.id, paymentRequests.clientId))
      .innerJoin(paymentSystems, eq(paymentSystems.id, paymentRequests.systemId))
      .where(where)
      .orderBy(...this.order(q))
      .limit(PAYMENTS_EXPORT_MAX_ROWS + 1);
    const truncated = rows.length > PAYMENTS_EXPORT_MAX_ROWS;
    const kept = rows.slice(0, PAYMENTS_EXPORT_MAX_ROWS);
    await appendEvents(this.db, [
      {
        type: 'payments.exported',
        subjectType: 'payments',
        actorId: actor.id,
        ip: actor.ip,
        payload: { filters: q, rowCount: kept.length, truncated },
        audience: { permissions: ['audit.read'] },
      },
    ]);
    const lines = [formatRecord([...EXPORT_COLUMNS])];
    for (const { r, clientName, systemName } of kept)
      lines.push(
        formatRecord(
          [
            r.id,
            r.createdAt.toISOString(),
            r.direction,
            r.status,
            r.clientId,
            clientName,
            r.login,
            systemName,
            String(r.amount),
            r.currency,
            r.accountAmount === null ? '' : String(r.accountAmount),
            r.accountCurrency,
            r.rate ?? '',
            String(r.fee),
            r.reference ?? '',
            r.providerRef ?? '',
            r.problem ?? '',
            r.rejectReasonCode ?? '',
            r.executedAt?.toISOString() ?? '',
          ].map(neutraliseFormula),
        ),
      );
    const stamp = this.clock.now().toISOString().slice(0, 10);
    return {
      filename: `payments-${stamp}.csv`,
      rowCount: kept.length,
      truncated,
      body: Readable.from(['\uFEFF' + lines.join('\r\n') + '\r\n']),
    };
  }

  private filter(q: PaymentExportQuery): SQL | undefined {
    const f: SQL[] = [];
    if (q.status?.length) f.push(inArray(paymentRequests.status, q.status as never[]));
    if (q.direction) f.push(eq(paymentRequests.direction, q.direction));
    if (q.systemId) f.push(eq(paymentRequests.systemId, q.systemId));
    if (q.clientId) f.push(eq(paymentRequests.clientId, q.clientId));
    if (q.problem?.length) f.push(inArray(paymentRequests.problem, q.problem));
    if (q.olderThanMinutes !== undefined)
      f.push(
        lte(paymentRequests.createdAt, new Date(this.clock.now().getTime() - q.olderThanMinutes * 60_000)),
      );
    if (q.from) f.push(gte(paymentRequests.createdAt, new Date(q.from)));
    if (q.to) f.push(lte(paymentRequests.createdAt, new Date(q.to)));
    return f.length ? and(...f) : undefined;
  }

  private order(q: Pick<RequestListQuery, 'sort' | 'order'>): SQL[] {
    const column = {
      createdAt: paymentRequests.createdAt,
      updatedAt: paymentRequests.updatedAt,
      amount: paymentRequests.amount,
      status: paymentRequests.status,
    }[q.sort];
    const dir = q.order === 'asc' ? asc : desc;
    return [dir(column), dir(paymentRequests.id)];
  }
}

export const exportHeaders = (e: { filename: string; rowCount: number; truncated: boolean }) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${e.filename}"`,
  'x-row-count': String(e.rowCount),
  'x-truncated': String(e.truncated),
});
