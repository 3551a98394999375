import { z } from 'zod';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_DEADLINES,
  COMPLAINT_LEVELS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_PRODUCTS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  JURISDICTIONS,
} from '../complaints.js';
import { isoTime, listOf, textBody } from './common.js';

// The complaints module's answers (src/modules/complaints). Value lists: src/shared/complaints.ts.

const deadline = z.object({
  kind: z.enum(COMPLAINT_DEADLINES),
  dueAt: isoTime,
  /** When it was met (acknowledgement sent, final response sent), else null. */
  metAt: isoTime.nullable(),
  /** The highest warning sent so far (50, 80, 100), 0 for none. */
  warned: z.number(),
});

/** A row of the register. */
export const complaintSummary = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  level: z.enum(COMPLAINT_LEVELS),
  source: z.enum(COMPLAINT_SOURCES),
  category: z.enum(COMPLAINT_CATEGORIES),
  product: z.enum(COMPLAINT_PRODUCTS),
  account: z.string(),
  amountAtStake: z.number(),
  currency: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  conversationId: z.string(),
  conversationNumber: z.number(),
  handlerId: z.string().nullable(),
  handlerName: z.string().nullable(),
  jurisdiction: z.enum(JURISDICTIONS),
  language: z.string(),
  receivedAt: isoTime,
  acknowledgementDueAt: isoTime,
  acknowledgedAt: isoTime.nullable(),
  finalResponseDueAt: isoTime,
  finalResponseAt: isoTime.nullable(),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  redressAmount: z.number().nullable(),
  redressCurrency: z.string().nullable(),
  /** Open past its final response deadline, or answered after it. */
  late: z.boolean(),
});
export type ComplaintSummary = z.input<typeof complaintSummary>;
export const complaintList = listOf(complaintSummary);
export type ComplaintList = z.input<typeof complaintList>;

export const complaintNoteView = z.object({
  id: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: isoTime,
});
export const escalationView = z.object({
  id: z.string(),
  fromLevel: z.enum(COMPLAINT_LEVELS),
  toLevel: z.enum(COMPLAINT_LEVELS),
  byId: z.string().nullable(),
  byName: z.string().nullable(),
  reason: z.string(),
  createdAt: isoTime,
});
export const letterView = z.object({
  id: z.string(),
  language: z.string(),
  fileName: z.string(),
  size: z.number(),
  sha256: z.string(),
  mailedTo: z.string().nullable(),
  createdAt: isoTime,
  url: z.string(),
});

/** One complaint with its investigation. */
export const complaintDetail = complaintSummary.extend({
  desiredOutcome: z.string(),
  description: z.string(),
  timeZone: z.string(),
  deadlines: z.array(deadline),
  notes: z.array(complaintNoteView),
  escalations: z.array(escalationView),
  letter: letterView.nullable(),
});
export type ComplaintDetail = z.input<typeof complaintDetail>;

/** What the trader sees in the cabinet: no staff, no notes. */
export const portalComplaint = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  category: z.enum(COMPLAINT_CATEGORIES),
  product: z.enum(COMPLAINT_PRODUCTS),
  account: z.string(),
  amountAtStake: z.number(),
  currency: z.string(),
  desiredOutcome: z.string(),
  receivedAt: isoTime,
  acknowledgementDueAt: isoTime,
  acknowledgedAt: isoTime.nullable(),
  finalResponseDueAt: isoTime,
  finalResponseAt: isoTime.nullable(),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  redressAmount: z.number().nullable(),
  redressCurrency: z.string().nullable(),
  /** The final response letter (PDF), once sent. */
  letterUrl: z.string().nullable(),
});
export type PortalComplaint = z.input<typeof portalComplaint>;
export const portalComplaintList = z.object({ items: z.array(portalComplaint) });
export type PortalComplaintList = z.input<typeof portalComplaintList>;

export const complaintSettings = z.object({
  firmCode: z.string(),
  jurisdiction: z.enum(JURISDICTIONS),
  timeZone: z.string(),
  holidays: z.array(z.string()),
  /** The preset's rules, as the deadlines are computed. */
  rules: z.object({
    name: z.string(),
    acknowledgement: z.object({ unit: z.string(), n: z.number() }),
    finalResponse: z.object({ unit: z.string(), n: z.number() }),
  }),
});
export type ComplaintSettings = z.input<typeof complaintSettings>;

const countBy = z.array(z.object({ key: z.string(), count: z.number() }));
/** The monthly regulator report over the register (one month, the policy's time zone). */
export const complaintReport = z.object({
  month: z.string(),
  firmCode: z.string(),
  jurisdiction: z.enum(JURISDICTIONS),
  timeZone: z.string(),
  from: isoTime,
  to: isoTime,
  received: z.number(),
  openAtStart: z.number(),
  openAtEnd: z.number(),
  closed: z.number(),
  closedWithinDeadline: z.number(),
  closedLate: z.number(),
  acknowledgedLate: z.number(),
  /** Mean days from receipt to the final response of those closed in the month (null: none). */
  averageDaysToClose: z.number().nullable(),
  byCategory: countBy,
  byProduct: countBy,
  byOutcome: countBy,
  redress: z.array(z.object({ currency: z.string(), amount: z.number(), count: z.number() })),
  items: z.array(complaintSummary),
});
export type ComplaintReport = z.input<typeof complaintReport>;

export const complaintsCsv = {
  description: 'The complaint register as CSV',
  content: { 'text/csv': { schema: textBody } },
};
export const letterPdf = {
  description: 'The final response letter (PDF)',
  content: { 'application/pdf': { schema: textBody } },
};
