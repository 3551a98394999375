import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, type Column, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../core/events.js';
import { notFound } from '../../core/errors.js';
import { pageOffset } from '../../core/paging.js';
import type { Db } from '../../db/connection.js';
import type {
  ComplaintDetail,
  ComplaintList,
  ComplaintSummary,
  PortalComplaint,
} from '../../shared/contracts/complaints.js';
import { clientRefs } from '../clients/index.js';
import { clientScope, staffNames } from '../identity/index.js';
import { conversationRefs } from '../support/index.js';
import { COMPLAINT_LEVELS } from '../../shared/complaints.js';
import type { RegisterExportQuery, RegisterQuery } from './contracts.js';
import type { ComplaintRow } from './events.js';
import { complaintEscalations, complaintLetters, complaintNotes, complaints } from './schema.js';

const clientRel = clientRefs('complaint_clients');
const handlers = staffNames('complaint_handlers');
const conversationNumber = conversationRefs('complaint_conversations');
const iso = (d: Date | null) => d?.toISOString() ?? null;

export const staffLetterUrl = (id: string) => `/api/complaints/${id}/letter.pdf`;
export const traderLetterUrl = (id: string) => `/api/portal/complaints/${id}/letter.pdf`;

/** The register's filters and the viewer's record scope, as one WHERE condition. */
export function registerWhere(viewer: Viewer, q: Partial<RegisterExportQuery>, now: Date): SQL | undefined {
  const text = q.q?.trim();
  const like = text ? `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  return and(
    clientScope(viewer, { managerId: clientRel.managerId as Column, teamId: clientRel.teamId as Column }),
    q.status?.length ? inArray(complaints.status, q.status) : undefined,
    q.level?.length ? inArray(complaints.level, q.level) : undefined,
    q.category?.length ? inArray(complaints.category, q.category) : undefined,
    q.product?.length ? inArray(complaints.product, q.product) : undefined,
    q.outcome?.length ? inArray(complaints.outcome, q.outcome) : undefined,
    q.source?.length ? inArray(complaints.source, q.source) : undefined,
    q.jurisdiction?.length ? inArray(complaints.jurisdiction, q.jurisdiction) : undefined,
    q.overdue ? and(eq(complaints.status, 'open'), lt(complaints.finalResponseDueAt, now)) : undefined,
    q.clientId ? eq(complaints.clientId, q.clientId) : undefined,
    q.receivedFrom ? gte(complaints.receivedAt, q.receivedFrom) : undefined,
    q.receivedTo ? lt(complaints.receivedAt, q.receivedTo) : undefined,
    like
      ? or(
          ilike(complaints.reference, like),
          ilike(complaints.account, like),
          ilike(clientRel.name as Column, like),
        )
      : undefined,
  );
}

const SORT_COLUMNS = {
  receivedAt: complaints.receivedAt,
  finalResponseDueAt: complaints.finalResponseDueAt,
  reference: complaints.reference,
  amountAtStake: complaints.amountAtStake,
  status: complaints.status,
  clientName: clientRel.name as Column,
} as const;

/** The register's order; ties broken by reference so pages never overlap. */
export const registerOrder = (q: Pick<RegisterQuery, 'sort' | 'order'>) => {
  const dir = q.order === 'asc' ? asc : desc;
  return [dir(SORT_COLUMNS[q.sort]), dir(complaints.reference)];
};

export function registerSelect(db: Db) {
  return db
    .select({
      c: complaints,
      clientName: clientRel.name,
      handlerName: handlers.name,
      number: conversationNumber.number,
    })
    .from(complaints)
    .innerJoin(clientRel, eq(clientRel.id, complaints.clientId))
    .leftJoin(handlers, eq(handlers.id, complaints.handlerId))
    .leftJoin(conversationNumber, eq(conversationNumber.id, complaints.conversationId))
    .$dynamic();
}
type RegisterRow = Awaited<ReturnType<ReturnType<typeof registerSelect>['execute']>>[number];

export function toSummary(r: RegisterRow, now: Date): ComplaintSummary {
  const c = r.c;
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    level: c.level,
    source: c.source,
    category: c.category,
    product: c.product,
    account: c.account,
    amountAtStake: c.amountAtStake,
    currency: c.currency,
    clientId: c.clientId,
    clientName: r.clientName,
    conversationId: c.conversationId,
    conversationNumber: r.number ?? 0,
    handlerId: c.handlerId,
    handlerName: r.handlerName ?? null,
    jurisdiction: c.jurisdiction,
    language: c.language,
    receivedAt: c.receivedAt.toISOString(),
    acknowledgementDueAt: c.acknowledgementDueAt.toISOString(),
    acknowledgedAt: iso(c.acknowledgedAt),
    finalResponseDueAt: c.finalResponseDueAt.toISOString(),
    finalResponseAt: iso(c.finalResponseAt),
    outcome: c.outcome,
    redressAmount: c.redressAmount,
    redressCurrency: c.redressCurrency,
    late: isLate(c, now),
  };
}

export const isLate = (c: ComplaintRow, now: Date) =>
  (c.finalResponseAt ?? now).getTime() > c.finalResponseDueAt.getTime();

/** The register (filtered, sorted, paged), the complaint view, and the trader's own complaints. */
export class ComplaintReads {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  async list(viewer: Viewer, q: RegisterQuery): Promise<ComplaintList> {
    const now = this.clock.now();
    const where = registerWhere(viewer, q, now);
    const [rows, [total]] = await Promise.all([
      registerSelect(this.db)
        .where(where)
        .orderBy(...registerOrder(q))
        .limit(q.pageSize)
        .offset(pageOffset(q)),
      this.db
        .select({ n: count() })
        .from(complaints)
        .innerJoin(clientRel, eq(clientRel.id, complaints.clientId))
        .where(where),
    ]);
    return { items: rows.map((r) => toSummary(r, now)), total: total?.n ?? 0 };
  }

  async detail(viewer: Viewer, id: string): Promise<ComplaintDetail> {
    const now = this.clock.now();
    const [r] = await registerSelect(this.db).where(
      and(eq(complaints.id, id), registerWhere(viewer, {}, now)),
    );
    if (!r) throw notFound('Complaint');
    const authors = staffNames('note_authors');
    const [notes, escalations, [letter]] = await Promise.all([
      this.db
        .select({ n: complaintNotes, authorName: authors.name })
        .from(complaintNotes)
        .leftJoin(authors, eq(authors.id, complaintNotes.authorId))
        .where(eq(complaintNotes.complaintId, id))
        .orderBy(asc(complaintNotes.createdAt), asc(complaintNotes.id)),
      this.db
        .select({ e: complaintEscalations, byName: authors.name })
        .from(complaintEscalations)
        .leftJoin(authors, eq(authors.id, complaintEscalations.byId))
        .where(eq(complaintEscalations.complaintId, id))
        .orderBy(asc(complaintEscalations.createdAt), asc(complaintEscalations.id)),
      this.db
        .select({
          id: complaintLetters.id,
          language: complaintLetters.language,
          fileName: complaintLetters.fileName,
          size: complaintLetters.size,
          sha256: complaintLetters.sha256,
          mailedTo: complaintLetters.mailedTo,
          createdAt: complaintLetters.createdAt,
        })
        .from(complaintLetters)
        .where(eq(complaintLetters.complaintId, id)),
    ]);
    const c = r.c;
    return {
      ...toSummary(r, now),
      desiredOutcome: c.desiredOutcome,
      description: c.description,
      timeZone: c.timeZone,
      deadlines: [
        {
          kind: 'acknowledgement',
          dueAt: c.acknowledgementDueAt.toISOString(),
          metAt: iso(c.acknowledgedAt),
          warned: c.warningsSent.acknowledgement ?? 0,
        },
        {
          kind: 'final_response',
          dueAt: c.finalResponseDueAt.toISOString(),
          metAt: iso(c.finalResponseAt),
          warned: c.warningsSent.final_response ?? 0,
        },
      ],
      notes: notes.map(({ n, authorName }) => ({
        id: n.id,
        authorId: n.authorId,
        authorName: authorName ?? null,
        body: n.body,
        createdAt: n.createdAt.toISOString(),
      })),
      // The path only goes up: the level orders the steps (their times may tie under a test's clock).
      escalations: [...escalations]
        .sort((a, b) => COMPLAINT_LEVELS.indexOf(a.e.toLevel) - COMPLAINT_LEVELS.indexOf(b.e.toLevel))
        .map(({ e, byName }) => ({
          id: e.id,
          fromLevel: e.fromLevel,
          toLevel: e.toLevel,
          byId: e.byId,
          byName: byName ?? null,
          reason: e.reason,
          createdAt: e.createdAt.toISOString(),
        })),
      letter: letter
        ? { ...letter, createdAt: letter.createdAt.toISOString(), url: staffLetterUrl(id) }
        : null,
    };
  }

  async forTrader(clientId: string): Promise<PortalComplaint[]> {
    const rows = await this.db
      .select()
      .from(complaints)
      .where(eq(complaints.clientId, clientId))
      .orderBy(desc(complaints.receivedAt), desc(complaints.reference))
      .limit(200);
    return rows.map((c) => ({
      id: c.id,
      reference: c.reference,
      status: c.status,
      category: c.category,
      product: c.product,
      account: c.account,
      amountAtStake: c.amountAtStake,
      currency: c.currency,
      desiredOutcome: c.desiredOutcome,
      receivedAt: c.receivedAt.toISOString(),
      acknowledgementDueAt: c.acknowledgementDueAt.toISOString(),
      acknowledgedAt: iso(c.acknowledgedAt),
      finalResponseDueAt: c.finalResponseDueAt.toISOString(),
      finalResponseAt: iso(c.finalResponseAt),
      outcome: c.outcome,
      redressAmount: c.redressAmount,
      redressCurrency: c.redressCurrency,
      letterUrl: c.finalResponseAt ? traderLetterUrl(c.id) : null,
    }));
  }
}
