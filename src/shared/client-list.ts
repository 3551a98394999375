/**
 * The client list's extra columns, shared by the server (src/modules/clients, the trading summary) and
 * the web app's column chooser. The columns' shapes are response schemas in shared/contracts/clients.ts.
 */

import type { ClientFilters } from './contracts/clients.js';

export type { ClientAccountSummary, ClientNextTask } from './contracts/clients.js';

/** The client list's filters, in the order the filter bar and saved views read them. */
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

/** Columns of the client list a person may show or hide (name is always shown). */
export const CLIENT_LIST_COLUMNS = [
  'online',
  'status',
  'salesStatus',
  'phone',
  'balance',
  'equity',
  'marginLevel',
  // Payments (issue 10): first deposit, net deposits (base currency), last deposit.
  'ftd',
  'netDeposits',
  'lastDeposit',
  'lastContact',
  'nextTask',
  'country',
  'language',
  'manager',
  'source',
  'tags',
  'created',
] as const;
export type ClientListColumn = (typeof CLIENT_LIST_COLUMNS)[number];

/** What the list shows until a person chooses: the columns it always had. */
export const DEFAULT_CLIENT_LIST_COLUMNS: readonly ClientListColumn[] = [
  'online',
  'status',
  'salesStatus',
  'country',
  'language',
  'manager',
  'source',
  'tags',
  'created',
];

/**
 * A stored choice read back (from localStorage, so anything may be there): known columns only, in the
 * list's order; anything unreadable gives the default.
 */
export function readColumnChoice(stored: string | null): ClientListColumn[] {
  if (stored === null) return [...DEFAULT_CLIENT_LIST_COLUMNS];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!Array.isArray(parsed)) return [...DEFAULT_CLIENT_LIST_COLUMNS];
    return CLIENT_LIST_COLUMNS.filter((c) => parsed.includes(c));
  } catch {
    return [...DEFAULT_CLIENT_LIST_COLUMNS];
  }
}

/** Shows or hides one column, keeping the list's order. */
export function toggleColumn(
  current: readonly ClientListColumn[],
  column: ClientListColumn,
): ClientListColumn[] {
  const next = new Set(current);
  if (next.has(column)) next.delete(column);
  else next.add(column);
  return CLIENT_LIST_COLUMNS.filter((c) => next.has(c));
}
