import { z } from 'zod';
import { flag, money, pagingQuery, text, timestamp, uuid } from '../../core/primitives.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_LEVELS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_PRODUCTS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  JURISDICTIONS,
} from '../../shared/complaints.js';
import { PAYMENT_CURRENCIES } from '../../shared/payments.js';

/** Request shapes of the complaints API; answers are in src/shared/contracts/complaints.ts. */
export type * from '../../shared/contracts/complaints.js';

const currency = () =>
  z.enum(PAYMENT_CURRENCIES, { error: 'Unknown currency (use an upper-case ISO 4217 code such as USD)' });

/** The fields a regulator requires of every complaint. */
const requiredFields = {
  category: z.enum(COMPLAINT_CATEGORIES, { error: 'Choose a category' }),
  product: z.enum(COMPLAINT_PRODUCTS, { error: 'Choose a product' }),
  account: text({ trim: true, min: 1, max: 40, label: 'Account' }),
  /** Minor units (cents) of `currency`. */
  amountAtStake: money(),
  currency: currency(),
  desiredOutcome: text({ trim: true, min: 1, max: 2_000, label: 'Desired outcome' }),
  description: text({ trim: true, min: 1, max: 10_000, label: 'Description' }),
};

/** Staff raise a complaint from a conversation (linked to a client). */
export const raiseComplaintInput = z.strictObject({
  conversationId: uuid(),
  ...requiredFields,
  /** When the complaint was received, if earlier than now (by phone yesterday); never in the future. */
  receivedAt: timestamp().optional(),
});
export type RaiseComplaintInput = z.output<typeof raiseComplaintInput>;

/** The trader files a complaint in the cabinet. */
export const fileComplaintInput = z.strictObject(requiredFields);
export type FileComplaintInput = z.output<typeof fileComplaintInput>;

export const noteInput = z.strictObject({ body: text({ trim: true, min: 1, max: 10_000, label: 'Note' }) });
export const escalateInput = z.strictObject({
  reason: text({ trim: true, min: 1, max: 2_000, label: 'Reason' }),
});

export const finalResponseInput = z.strictObject({
  outcome: z.enum(COMPLAINT_OUTCOMES, { error: 'Choose the outcome' }),
  /** The redress paid or offered, minor units of `redressCurrency`; null or 0 for none. */
  redressAmount: money().nullable().default(null),
  redressCurrency: currency().nullable().default(null),
  /** The findings and the decision, in the client's language: the body of the letter. */
  body: text({ trim: true, min: 1, max: 10_000, label: 'Letter' }),
});
export type FinalResponseInput = z.output<typeof finalResponseInput>;

const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  text({ max: 400 })
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values, { error: `One of ${values.join(', ')}` })));

export const COMPLAINT_SORTS = [
  'receivedAt',
  'finalResponseDueAt',
  'reference',
  'amountAtStake',
  'status',
  'clientName',
] as const;

const registerFilters = {
  status: commaList(COMPLAINT_STATUSES).optional(),
  level: commaList(COMPLAINT_LEVELS).optional(),
  category: commaList(COMPLAINT_CATEGORIES).optional(),
  product: commaList(COMPLAINT_PRODUCTS).optional(),
  outcome: commaList(COMPLAINT_OUTCOMES).optional(),
  source: commaList(COMPLAINT_SOURCES).optional(),
  jurisdiction: commaList(JURISDICTIONS).optional(),
  /** Open and past its final response deadline. */
  overdue: flag().optional(),
  clientId: uuid().optional(),
  /** Reference, client name or account. */
  q: text({ trim: true, max: 200 }).optional(),
  receivedFrom: timestamp().optional(),
  receivedTo: timestamp().optional(),
  sort: z.enum(COMPLAINT_SORTS).default('receivedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
};
export const registerQuery = z.strictObject({ ...registerFilters, ...pagingQuery });
export type RegisterQuery = z.output<typeof registerQuery>;
export const registerExportQuery = z.strictObject(registerFilters);
export type RegisterExportQuery = z.output<typeof registerExportQuery>;

export const reportQuery = z.strictObject({
  month: text()
    .regex(/^(19[7-9]\d|2[01]\d\d)-(0[1-9]|1[0-2])$/, 'Use a month as YYYY-MM, e.g. 2026-11')
    .default(''),
});

const isoDate = text().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use dates as YYYY-MM-DD');
export const settingsInput = z.strictObject({
  firmCode: text({ trim: true, min: 2, max: 8, label: 'Firm code' })
    .regex(/^[A-Za-z0-9]+$/, 'Firm code: 2–8 letters or digits')
    .toUpperCase(),
  jurisdiction: z.enum(JURISDICTIONS, { error: 'Choose FCA, CySEC or ASIC' }),
  /** IANA zone whose days count; default the preset's. */
  timeZone: text({ trim: true, max: 64 }).optional(),
  holidays: z.array(isoDate).max(400, '400 holidays at most'),
});
export type ComplaintSettingsInput = z.output<typeof settingsInput>;
