import { z } from 'zod';
import { CLIENT_STATUSES, type ClientStatus } from '../clients.js';
import { TIMELINE_KINDS } from '../timeline.js';
import { isoTime, itemsOf, jsonObject, textBody } from './common.js';

// The clients API's answers: the client record, the list, the card's timeline and tasks, saved views,
// CSV import reports and the admin set-up (assignment rules, sales statuses).

// The value list lives in src/shared/clients.ts (no Zod there, so the browser may import it).
export { CLIENT_STATUSES, type ClientStatus };

export const utmView = z.object({
  source: z.string().optional(),
  medium: z.string().optional(),
  campaign: z.string().optional(),
  term: z.string().optional(),
  content: z.string().optional(),
});
export type Utm = z.input<typeof utmView>;

/** A client's name and contacts: what staff and the trader both see. */
export const contactFields = {
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  country: z.string().nullable(),
  language: z.string().nullable(),
};

/** A client as staff see it. */
export const clientView = z.object({
  id: z.string(),
  ...contactFields,
  status: z.enum(CLIENT_STATUSES),
  salesStatus: z.string(),
  source: z.string(),
  utm: utmView,
  referralCode: z.string().nullable(),
  tags: z.array(z.string()),
  login: z.string().nullable(),
  managerId: z.string().nullable(),
  managerName: z.string().nullable(),
  teamId: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  statusChangedAt: isoTime,
  /** In the trading terminal since (null = offline). */
  onlineSince: isoTime.nullable(),
  /** The last comment or task done by staff (null = never). */
  lastContactAt: isoTime.nullable(),
  // Payments (src/modules/payments through the clients face): base-currency minor units.
  /** The first successful deposit (null = none yet) and its amount. */
  ftdAt: isoTime.nullable(),
  ftdAmount: z.number().nullable(),
  netDeposits: z.number(),
  lastDepositAt: isoTime.nullable(),
  /** Open deposit trouble (declined, stuck, failed posting…), null when none. */
  paymentProblem: z.string().nullable(),
});
export type Client = z.input<typeof clientView>;

/**
 * A client's money at a glance, from their trading accounts: the live ones if there are any, else the
 * demo ones. Balance and equity add up the accounts in the currency of the first one opened (sums across
 * currencies would mean nothing); `mixedCurrencies` says others were left out. The margin level is the
 * lowest of the accounts (the one closest to a stop-out), null while none has open positions.
 */
export const clientAccountSummary = z.object({
  kind: z.enum(['live', 'demo']),
  currency: z.string(),
  balance: z.number(),
  equity: z.number(),
  marginLevel: z.number().nullable(),
  /** Accounts added up in balance and equity. */
  accounts: z.number(),
  mixedCurrencies: z.boolean(),
});
export type ClientAccountSummary = z.input<typeof clientAccountSummary>;

/** The client's earliest open task (call-back, alert follow-up). */
export const clientNextTask = z.object({ id: z.string(), title: z.string(), dueAt: isoTime });
export type ClientNextTask = z.input<typeof clientNextTask>;

/** A row of the list: the client and, when asked for (`include`), the columns read from elsewhere. */
export const clientListItem = clientView.extend({
  account: clientAccountSummary.nullable().optional(),
  nextTask: clientNextTask.nullable().optional(),
});
export type ClientListItem = z.input<typeof clientListItem>;

export const clientListResponse = z.object({
  items: z.array(clientListItem),
  /** Exact up to a cap; above it the planner's estimate, with `totalIsEstimate`. */
  total: z.number(),
  totalIsEstimate: z.boolean(),
});
export type ClientListResponse = z.input<typeof clientListResponse>;

export const duplicateMatch = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  status: z.enum(CLIENT_STATUSES).nullable(),
  managerName: z.string().nullable(),
  matchedOn: z.array(z.enum(['email', 'phone'])),
  /** false: the match belongs to someone the viewer may not see, so its details are hidden. */
  visible: z.boolean(),
});
export type DuplicateMatch = z.input<typeof duplicateMatch>;
export const duplicatesAnswer = z.object({ matches: z.array(duplicateMatch) });
export type DuplicatesAnswer = z.input<typeof duplicatesAnswer>;

export const salesStatusView = z.object({ key: z.string(), label: z.string() });
export type SalesStatus = z.input<typeof salesStatusView>;
export const salesStatusesAnswer = itemsOf(salesStatusView);

export const reassignAnswer = z.object({ reassigned: z.number() });
export type ReassignAnswer = z.input<typeof reassignAnswer>;
export const retagAnswer = z.object({ updated: z.number() });
export type RetagAnswer = z.input<typeof retagAnswer>;

export const timelineItemView = z.object({
  id: z.number(),
  type: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  actorId: z.string().nullable(),
  actorKind: z.string().nullable(),
  actorName: z.string().nullable(),
  payload: jsonObject,
  createdAt: isoTime,
});
export type TimelineItem = z.input<typeof timelineItemView>;
/** A page of the timeline with the count of each kind over the whole history. */
export const timelinePage = z.object({
  items: z.array(timelineItemView),
  total: z.number(),
  counts: z.record(z.enum(TIMELINE_KINDS), z.number()),
});
export type TimelinePage = z.input<typeof timelinePage>;

/** A new comment: its event id. */
export const commentAnswer = z.object({ id: z.number().optional() });
export type CommentAnswer = z.input<typeof commentAnswer>;

export const clientTaskView = z.object({
  id: z.string(),
  clientId: z.string(),
  title: z.string(),
  dueAt: isoTime,
  doneAt: isoTime.nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: isoTime,
});
export type ClientTask = z.input<typeof clientTaskView>;
export const tasksAnswer = itemsOf(clientTaskView);

export const savedViewView = z.object({
  id: z.string(),
  name: z.string(),
  /** The list's filters as its query string has them (saved as text only). */
  filters: jsonObject,
});
export type SavedView = Omit<z.input<typeof savedViewView>, 'filters'> & { filters: Record<string, string> };
export const savedViewsAnswer = itemsOf(savedViewView);

/** A manager opened the client's cabinet: the login, the client's new status, where the password went. */
export const cabinetOpenedAnswer = z.object({
  login: z.string(),
  status: z.enum(CLIENT_STATUSES),
  emailedTo: z.string(),
  client: clientView,
});
export type CabinetOpened = z.input<typeof cabinetOpenedAnswer>;

// ── CSV import ────────────────────────────────────────────────────────────────────────────────────

export const importMappingView = z.object({
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  country: z.string().optional(),
  language: z.string().optional(),
  source: z.string().optional(),
  tags: z.string().optional(),
});

/** Which CSV column holds each field (the header's text); only `name` is required. */
export type ImportMapping = z.input<typeof importMappingView>;

export const importInspection = z.object({
  headers: z.array(z.string()),
  /** The first five data rows, as cells in header order. */
  sample: z.array(z.array(z.string())),
  rowCount: z.number(),
  delimiter: z.enum([',', ';', '\t']),
  suggestedMapping: importMappingView.partial(),
});
export type ImportInspection = z.input<typeof importInspection>;

export const IMPORT_ROW_STATUSES = [
  'created',
  'updated',
  'skipped',
  'invalid',
  'duplicate',
  'valid',
] as const;
export const importRowReport = z.object({
  /** 1-based data row number: 1 is the first row after the header (blank lines are not counted). */
  row: z.number(),
  status: z.enum(IMPORT_ROW_STATUSES),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  /** The client the row created, updated or was skipped for — only ever one the importer may see. */
  clientId: z.string().optional(),
});
export type ImportRowReport = z.input<typeof importRowReport>;

/** total = invalid + duplicates + created + updated + skipped; valid = total − invalid. */
export const importReport = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  valid: z.number(),
  invalid: z.number(),
  duplicates: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  /** The first 1,000 rows that were not imported as they are: invalid, duplicate or skipped. */
  rows: z.array(importRowReport),
  rowsTruncated: z.boolean(),
});
export type ImportReport = z.input<typeof importReport>;

// ── admin set-up ──────────────────────────────────────────────────────────────────────────────────

export const assignmentRuleView = z.object({
  id: z.string(),
  position: z.number(),
  name: z.string(),
  countries: z.array(z.string()),
  languages: z.array(z.string()),
  sources: z.array(z.string()),
  teamId: z.string(),
  teamName: z.string().nullable(),
  active: z.boolean(),
  /** `on_create` places new clients; `on_ftd` hands a client over at the first deposit. */
  kind: z.enum(['on_create', 'on_ftd']),
});
export type AssignmentRule = z.input<typeof assignmentRuleView>;
/** The rules in order and the team that takes clients no rule places; every change answers with it. */
export const assignmentRules = z.object({
  items: z.array(assignmentRuleView),
  fallbackTeamId: z.string().nullable(),
});
export type AssignmentRules = z.input<typeof assignmentRules>;

/** The client list as a CSV download (row count and truncation in the x-row-count, x-truncated headers). */
export const clientsCsv = {
  description: 'The client list as CSV',
  content: { 'text/csv': { schema: textBody } },
};

// ── requests the web app sends ──────────────────────────────────────────────────────────────────

/** Filters of the client list, exactly as sent in the query string (lists are comma-separated). */
export interface ClientFilters {
  q?: string;
  status?: string;
  salesStatus?: string;
  managerId?: string;
  teamId?: string;
  country?: string;
  language?: string;
  source?: string;
  tags?: string;
  createdFrom?: string;
  createdTo?: string;
}

export type ClientSortField =
  | 'createdAt'
  | 'name'
  | 'status'
  | 'salesStatus'
  | 'country'
  | 'manager'
  | 'updatedAt'
  | 'phone'
  | 'lastContact'
  // Payments (issue 10): the clients columns ftd_at, net_deposits, last_deposit_at.
  | 'ftd'
  | 'netDeposits'
  | 'lastDeposit';

/** GET /api/clients */
export interface ClientListQuery extends ClientFilters {
  /** `account`, `nextTask`, comma-separated: read only for the columns on screen. */
  include?: string;
  sort: ClientSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The fields of a lead the workspace types in, as the client record has them. */
type LeadFields = 'name' | 'email' | 'phone' | 'country' | 'language' | 'source' | 'tags';

/** POST /api/clients: a new lead. */
export type LeadInput = Pick<Client, LeadFields> & { allowDuplicatePhone: boolean };

/** PATCH /api/clients/:id */
export type ClientPatch = Partial<Pick<Client, Exclude<LeadFields, 'source'> | 'salesStatus'>>;

/** What an import does with a row that matches an existing client. */
export type ImportDuplicates = 'skip' | 'update' | 'create_phone_duplicates';

/** POST /api/assignment-rules (and PUT /api/assignment-rules/:id). */
export interface AssignmentRuleInput {
  name: string;
  countries: string[];
  languages: string[];
  sources: string[];
  teamId: string;
  active: boolean;
  /** Without it the rule places new clients (`on_create`); `on_ftd` hands a client over at the FTD. */
  kind?: 'on_create' | 'on_ftd';
}

/** POST /api/clients/import: the file, how its columns map, and what to do with duplicates. */
export interface ImportRun {
  csv: string;
  mapping: ImportMapping;
  duplicates: ImportDuplicates;
  dryRun: boolean;
  defaultSource?: string;
}
