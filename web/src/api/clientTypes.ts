/** DTOs of the clients API (src/modules/clients/contracts.ts and routes). */
import type { ClientAccountSummary, ClientNextTask } from '../../../src/shared/client-list';
import type { TimelineKind } from '../../../src/shared/timeline';

export type { ClientAccountSummary, ClientNextTask, TimelineKind };
export { TIMELINE_KINDS, groupTimeline, type TimelineRow } from '../../../src/shared/timeline';
export {
  CLIENT_LIST_COLUMNS,
  DEFAULT_CLIENT_LIST_COLUMNS,
  readColumnChoice,
  toggleColumn,
  type ClientListColumn,
} from '../../../src/shared/client-list';

export const CLIENT_STATUSES = ['lead', 'demo', 'live'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export interface Utm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

export interface Client {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  language: string | null;
  status: ClientStatus;
  salesStatus: string;
  source: string;
  utm: Utm;
  referralCode: string | null;
  tags: string[];
  login: string | null;
  managerId: string | null;
  managerName: string | null;
  teamId: string | null;
  createdAt: string;
  updatedAt: string;
  statusChangedAt: string;
  /** In the trading terminal since (null = offline). */
  onlineSince: string | null;
  /** The last comment or task done by staff (null = never). */
  lastContactAt: string | null;
}

/** A row of the list: the client and, when asked for (`include`), the columns read from elsewhere. */
export interface ClientListItem extends Client {
  account?: ClientAccountSummary | null;
  nextTask?: ClientNextTask | null;
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
  | 'lastContact';

/**
 * The list's `total` is a number today; the list may later answer with an
 * estimate for very large result sets, so both shapes are accepted.
 */
export type ClientTotal = number | { total: number; totalIsEstimate?: boolean };

export interface ClientListResponse {
  items: ClientListItem[];
  total: ClientTotal;
  totalIsEstimate?: boolean;
}

/** Normalised count of a list response: `estimate` says whether to show "≈". */
export function readTotal(response: ClientListResponse): { count: number; estimate: boolean } {
  const { total } = response;
  if (typeof total === 'number') return { count: total, estimate: response.totalIsEstimate === true };
  return {
    count: Number(total?.total ?? 0),
    estimate: total?.totalIsEstimate === true || response.totalIsEstimate === true,
  };
}

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

export const CLIENT_FILTER_KEYS = [
  'q',
  'status',
  'salesStatus',
  'managerId',
  'teamId',
  'country',
  'language',
  'source',
  'tags',
  'createdFrom',
  'createdTo',
] as const satisfies readonly (keyof ClientFilters)[];

export interface ClientListQuery extends ClientFilters {
  /** `account`, `nextTask`, comma-separated: read only for the columns on screen. */
  include?: string;
  sort: ClientSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface LeadInput {
  name: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  language: string | null;
  source: string;
  tags: string[];
  allowDuplicatePhone: boolean;
}

export interface ClientPatch {
  name?: string;
  email?: string | null;
  phone?: string | null;
  country?: string | null;
  language?: string | null;
  salesStatus?: string;
  tags?: string[];
}

export interface DuplicateMatch {
  id: string | null;
  name: string | null;
  status: ClientStatus | null;
  managerName: string | null;
  matchedOn: ('email' | 'phone')[];
  /** false: the match belongs to someone the viewer may not see, so its details are hidden. */
  visible: boolean;
}

export interface SalesStatus {
  key: string;
  label: string;
}

export interface TimelineItem {
  id: number;
  type: string;
  kind: TimelineKind;
  actorId: string | null;
  actorKind: string | null;
  actorName: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

/** A page of the timeline with the count of each kind over the whole history. */
export interface TimelinePage {
  items: TimelineItem[];
  total: number;
  counts: Record<TimelineKind, number>;
}

export interface ClientTask {
  id: string;
  clientId: string;
  title: string;
  dueAt: string;
  doneAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: string;
}

export interface SavedView {
  id: string;
  name: string;
  filters: Record<string, string>;
}

export interface ImportMapping {
  name: string;
  email?: string;
  phone?: string;
  country?: string;
  language?: string;
  source?: string;
  tags?: string;
}

export type ImportDuplicates = 'skip' | 'update' | 'create_phone_duplicates';

export interface ImportInspection {
  headers: string[];
  /** First rows as cells (arrays), in header order. */
  sample: unknown[];
  rowCount: number;
  suggestedMapping: Partial<ImportMapping>;
}

export interface ImportRowReport {
  row: number;
  status: string;
  errors: { field: string; message: string }[];
  clientId?: string;
}

export interface ImportReport {
  dryRun?: boolean;
  total: number;
  /** Rows without validation errors (total − invalid). */
  valid: number;
  invalid: number;
  duplicates: number;
  created: number;
  updated: number;
  skipped: number;
  /** Only rows with a problem (invalid, duplicate, skipped), up to a limit. */
  rows: ImportRowReport[];
  rowsTruncated?: boolean;
}

export interface AssignmentRule {
  id: string;
  position: number;
  name: string;
  countries: string[];
  languages: string[];
  sources: string[];
  teamId: string;
  teamName: string | null;
  active: boolean;
}

export interface AssignmentRuleInput {
  name: string;
  countries: string[];
  languages: string[];
  sources: string[];
  teamId: string;
  active: boolean;
}

export interface AssignmentRules {
  items: AssignmentRule[];
  fallbackTeamId: string | null;
}
