/** CSV import (import-service.ts): what each row came to, and the report built from it. */
import type { Delimiter } from './csv.js';
import type { ImportMapping } from './contracts.js';
import type { ClientRow, NewClient } from './client-service.js';

export type ImportRowStatus = 'created' | 'updated' | 'skipped' | 'invalid' | 'duplicate' | 'valid';

export interface ImportRowReport {
  /** 1-based data row number: 1 is the first row after the header (blank lines are not counted). */
  row: number;
  status: ImportRowStatus;
  errors: { field: string; message: string }[];
  /** The client the row created, updated or was skipped for — only ever one the importer may see. */
  clientId?: string;
}

/**
 * Every data row has exactly one outcome, so total = invalid + duplicates + created + updated + skipped
 * and valid = total − invalid. In a dry run the counts are what the import would do.
 */
export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  created: number;
  updated: number;
  skipped: number;
  /** The first 1,000 rows that were not imported as they are: invalid, duplicate or skipped. */
  rows: ImportRowReport[];
  rowsTruncated: boolean;
}

export interface ImportInspection {
  headers: string[];
  /** The first five data rows. */
  sample: string[][];
  rowCount: number;
  delimiter: Delimiter;
  suggestedMapping: Partial<ImportMapping>;
}

const REPORT_ROWS = 1_000;
export const CONTACT_FIELDS = ['name', 'email', 'phone', 'country', 'language'] as const;

/** A row's lead as validated (the lead-creation schema). */
export type Lead = Pick<NewClient, 'name' | 'email' | 'phone' | 'country' | 'language' | 'source'> & {
  tags: string[];
};
export type Outcome = { status: ImportRowStatus; errors: ImportRowReport['errors']; clientId?: string };
export type Action =
  | { kind: 'create'; row: number; id: string; lead: Lead }
  | { kind: 'update'; row: number; id: string; lead: Lead };

export const invalid = (errors: ImportRowReport['errors']): Outcome => ({ status: 'invalid', errors });

/** The counts and the problem rows: every row has exactly one outcome. */
export function report(outcomes: (Outcome | undefined)[], dryRun: boolean): ImportReport {
  const r: ImportReport = {
    dryRun,
    total: outcomes.length,
    valid: 0,
    invalid: 0,
    duplicates: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    rows: [],
    rowsTruncated: false,
  };
  outcomes.forEach((o, i) => {
    if (!o) return;
    if (o.status === 'invalid') r.invalid++;
    else if (o.status === 'duplicate') r.duplicates++;
    else if (o.status === 'skipped') r.skipped++;
    else if (o.status === 'updated') r.updated++;
    else r.created++; // created, or in a dry run `valid` (would be created)
    if (o.status === 'invalid' || o.status === 'duplicate' || o.status === 'skipped') {
      if (r.rows.length < REPORT_ROWS) r.rows.push({ row: i + 1, ...o });
      else r.rowsTruncated = true;
    }
  });
  r.valid = r.total - r.invalid;
  return r;
}

/** The contact fields the row would change: only filled-in cells, never status, manager or tags. */
export function contactChanges(before: ClientRow, lead: Lead) {
  const changes: Partial<Record<(typeof CONTACT_FIELDS)[number], { from: string | null; to: string }>> = {};
  for (const f of CONTACT_FIELDS) {
    const to = lead[f];
    if (to !== null && to !== before[f]) changes[f] = { from: before[f], to };
  }
  return changes;
}
