import { z } from 'zod';
import {
  email,
  flag,
  MAX_AMOUNT,
  pagingQuery,
  queryInt,
  text,
  textRecord,
  timestamp,
  uuid,
} from '../../core/primitives.js';
import { TIMELINE_KINDS } from '../../shared/timeline.js';
import { CLIENT_STATUSES } from './schema.js';

// Input and output shapes of the clients API. Status, manager and id are never accepted from a request.

export const COUNTRY = text({ trim: true, label: 'Country' })
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter country code (ISO 3166-1)');
export const LANGUAGE = text({ trim: true, label: 'Language' })
  .toLowerCase()
  .regex(/^[a-z]{2}$/, 'Use a two-letter language code (ISO 639-1)');

/** Phone numbers are stored as E.164: a leading + and 8–15 digits; spaces, dashes and brackets are dropped. */
export const PHONE = text({ trim: true, max: 40, label: 'Phone' })
  .transform((v) => v.replace(/[\s().-]/g, '').replace(/^00/, '+'))
  .refine(
    (v) => /^\+[1-9]\d{7,14}$/.test(v),
    'Enter the phone number in international format, e.g. +44 20 7946 0958',
  );

export const EMAIL = email();
export const PERSON_NAME = text({ trim: true, min: 1, max: 200, label: 'Name' })
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Name contains control characters');
const TAG = text({ trim: true, min: 1, max: 40, label: 'Tag' });
export const SOURCE = text({ trim: true, min: 1, max: 80, label: 'Source' });

export const utmInput = z.strictObject({
  source: text({ trim: true, max: 120 }).optional(),
  medium: text({ trim: true, max: 120 }).optional(),
  campaign: text({ trim: true, max: 200 }).optional(),
  term: text({ trim: true, max: 200 }).optional(),
  content: text({ trim: true, max: 200 }).optional(),
});

export const leadCreateInput = z
  .strictObject({
    name: PERSON_NAME,
    email: EMAIL.nullable().default(null),
    phone: PHONE.nullable().default(null),
    country: COUNTRY.nullable().default(null),
    language: LANGUAGE.nullable().default(null),
    source: SOURCE.default('phone'),
    tags: z.array(TAG).max(20).default([]),
    /** Create even though a client with the same phone exists (emails are always unique). */
    allowDuplicatePhone: z.boolean().default(false),
  })
  .refine((v) => v.email !== null || v.phone !== null, {
    message: 'Give an email or a phone number',
    path: ['email'],
  });

export const clientUpdateInput = z.strictObject({
  name: PERSON_NAME.optional(),
  email: EMAIL.nullable().optional(),
  phone: PHONE.nullable().optional(),
  country: COUNTRY.nullable().optional(),
  language: LANGUAGE.nullable().optional(),
  salesStatus: text({ trim: true, min: 1, max: 40, label: 'Sales status' }).optional(),
  tags: z.array(TAG).max(20).optional(),
});

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  text({ max: 2000 })
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

export const LIST_INCLUDES = ['account', 'nextTask'] as const;

export const clientListQuery = z.strictObject({
  q: text({ trim: true, max: 200 }).optional(),
  status: csv(z.enum(CLIENT_STATUSES)).optional(),
  salesStatus: csv(text({ max: 40 })).optional(),
  managerId: csv(uuid()).optional(),
  teamId: csv(uuid()).optional(),
  country: csv(text({ max: 2 })).optional(),
  language: csv(text({ max: 2 })).optional(),
  source: csv(text({ max: 80 })).optional(),
  tags: csv(text({ max: 40 })).optional(),
  createdFrom: timestamp().optional(),
  createdTo: timestamp().optional(),
  // Payments columns: whether the client has deposited (FTD), net deposits (base minor units), last deposit.
  hasFtd: flag().optional(),
  netDepositsMin: queryInt({ min: -MAX_AMOUNT, max: MAX_AMOUNT }).optional(),
  netDepositsMax: queryInt({ min: -MAX_AMOUNT, max: MAX_AMOUNT }).optional(),
  lastDepositFrom: timestamp().optional(),
  lastDepositTo: timestamp().optional(),
  sort: z
    .enum([
      'createdAt',
      'name',
      'status',
      'salesStatus',
      'country',
      'manager',
      'updatedAt',
      'phone',
      'lastContact',
      'ftd',
      'netDeposits',
      'lastDeposit',
    ])
    .default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** Working columns read from other tables for the page, only when asked (each costs a query). */
  include: csv(z.enum(LIST_INCLUDES)).optional(),
  ...pagingQuery,
});
export type ClientListQuery = z.output<typeof clientListQuery>;

/** A page of the timeline, optionally of some kinds only (`kinds=comments,status`; none = everything). */
export const timelineQuery = z.strictObject({
  kinds: csv(z.enum(TIMELINE_KINDS)).optional(),
  ...pagingQuery,
});

/** The list's filters and sort without paging: what an export takes. */
export const clientExportQuery = clientListQuery.omit({ page: true, pageSize: true, include: true });
export type ClientExportQuery = z.output<typeof clientExportQuery>;

// CSV import: the file travels as a JSON string (the route allows 20 MB bodies).
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;
export const IMPORT_FIELDS = ['name', 'email', 'phone', 'country', 'language', 'source', 'tags'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const IMPORT_DUPLICATE_MODES = ['skip', 'update', 'create_phone_duplicates'] as const;

// A binary file read as text is full of NULs: that is what its refusal says.
const csvText = text({ unstorable: 'This is not a CSV text file (it contains binary data)' })
  .min(1, 'The file is empty')
  .max(IMPORT_BODY_LIMIT);
const column = text({ trim: true, min: 1, max: 200, label: 'Column' });
/** Which column (by its header) feeds each field; name is required, and an email or a phone column. */
export const importMapping = z.strictObject({
  name: column,
  email: column.optional(),
  phone: column.optional(),
  country: column.optional(),
  language: column.optional(),
  source: column.optional(),
  /** Several tags in one cell, separated by `;` or `|`. */
  tags: column.optional(),
});
export type ImportMapping = z.output<typeof importMapping>;

export const importInspectInput = z.strictObject({ csv: csvText });

export const importInput = z.strictObject({
  csv: csvText,
  mapping: importMapping,
  /**
   * A row whose email or phone is already known: `skip` it, `update` the existing client's contacts
   * (name, email, phone, country, language — never status or manager), or `create_phone_duplicates`
   * (a phone match is created anyway, an email match is skipped).
   */
  duplicates: z.enum(IMPORT_DUPLICATE_MODES).default('skip'),
  /** Validate and report what would happen, writing nothing. */
  dryRun: z.boolean().default(false),
  /** The source of rows whose source cell is empty (or when no column is mapped); default "import". */
  defaultSource: SOURCE.optional(),
});
export type ImportInput = z.output<typeof importInput>;

export const reassignInput = z.strictObject({
  clientIds: z.array(uuid()).min(1).max(1000),
  managerId: uuid(),
  reason: text({ trim: true, max: 500, label: 'Reason' }).min(3, 'Say why (3 characters at least)'),
});

export const tagInput = z.strictObject({
  clientIds: z.array(uuid()).min(1).max(1000),
  add: z.array(TAG).max(20).default([]),
  remove: z.array(TAG).max(20).default([]),
});

export const commentInput = z.strictObject({
  body: text({ trim: true, max: 5000, label: 'Comment' }).min(1, 'Write something'),
  mentions: z.array(uuid()).max(20).default([]),
});

export const taskInput = z.strictObject({
  title: text({ trim: true, min: 1, max: 200, label: 'Title' }),
  dueAt: timestamp(),
  assigneeId: uuid().optional(),
});

export const registerInCabinetInput = z.strictObject({
  /** The login the client chose; defaults to their email. */
  login: text({ trim: true, label: 'Login' })
    .toLowerCase()
    .min(3)
    .max(254)
    .regex(/^[a-z0-9._@+-]+$/, 'Letters, digits and . _ @ + - only')
    .optional(),
});

export const savedViewInput = z.strictObject({
  name: text({ trim: true, min: 1, max: 80, label: 'Name' }),
  filters: textRecord({ keyMax: 40, valueMax: 2000, maxEntries: 50, label: 'Filter' }),
});

export const assignmentRuleInput = z.strictObject({
  name: text({ trim: true, min: 1, max: 80, label: 'Name' }),
  countries: z.array(COUNTRY).max(250).default([]),
  languages: z.array(LANGUAGE).max(100).default([]),
  sources: z.array(SOURCE).max(100).default([]),
  teamId: uuid(),
  active: z.boolean().default(true),
  /** `on_ftd`: hand the client to this team at the first deposit (the retention desk). */
  kind: z.enum(['on_create', 'on_ftd']).default('on_create'),
});

export const salesStatusesInput = z.strictObject({
  statuses: z
    .array(
      z.strictObject({
        key: text().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use a-z, 0-9 and _, starting with a letter'),
        label: text({ trim: true, min: 1, max: 60, label: 'Label' }),
      }),
    )
    .min(1)
    .max(50),
});

export const DEFAULT_SALES_STATUSES = [
  { key: 'new', label: 'New' },
  { key: 'no_answer', label: 'No answer' },
  { key: 'call_back', label: 'Call back' },
  { key: 'interested', label: 'Interested' },
  { key: 'not_interested', label: 'Not interested' },
  { key: 'wrong_number', label: 'Wrong number' },
  { key: 'deposit_promised', label: 'Deposit promised' },
];
