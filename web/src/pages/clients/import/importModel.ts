import type { ImportMapping, ImportRowReport } from '../../../../../src/shared/contracts/clients';

/** What the import wizard works with: the fields a column can fill, and reading the server's answers. */

export const TARGETS = ['name', 'email', 'phone', 'country', 'language', 'source', 'tags'] as const;
export type Target = (typeof TARGETS)[number];
export type Mapping = Partial<Record<Target, string>>;

/** Files larger than this are refused before upload (the JSON body would be too large anyway). */
export const MAX_BYTES = 15 * 1024 * 1024;
export const PROBLEM_ROWS_SHOWN = 200;

/** Sample rows arrive either as arrays of cells or as objects keyed by header. */
export function sampleCells(row: unknown, headers: string[]): string[] {
  if (Array.isArray(row)) return row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)));
  if (row && typeof row === 'object') {
    const record = row as Record<string, unknown>;
    return headers.map((header) =>
      record[header] === null || record[header] === undefined ? '' : String(record[header]),
    );
  }
  return [];
}

export function cleanMapping(mapping: Mapping): ImportMapping | null {
  if (!mapping.name) return null;
  const out: ImportMapping = { name: mapping.name };
  for (const target of TARGETS) if (target !== 'name' && mapping[target]) out[target] = mapping[target];
  return out;
}

const FINE = ['valid', 'created', 'updated'];
export const isProblem = (row: ImportRowReport) => row.errors.length > 0 || !FINE.includes(row.status);
