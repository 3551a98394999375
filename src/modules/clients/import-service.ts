import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { Viewer } from '../../core/events.js';
import { AppError } from '../../core/errors.js';
import type { Actor } from '../../core/actor.js';
import type { ImportInput } from './contracts.js';
import { readTable, resolveMapping, suggestMapping, validate } from './import-file.js';
import { planImport } from './import-plan.js';
import { report, type ImportInspection, type ImportReport, type Outcome } from './import-report.js';
import { commitChunk, summarise } from './import-writer.js';

export type { ImportInspection, ImportReport, ImportRowReport, ImportRowStatus } from './import-report.js';
export { suggestMapping } from './import-file.js';

/**
 * CSV import of leads. Each row is validated with the lead-creation schema, checked for duplicates
 * against the file and the database, and then created (automatic assignment, `client.created`), used to
 * update an existing client's contacts, or reported. Valid rows are written in chunks: one transaction,
 * one assignment pass, one multi-row INSERT and one batch of events per chunk, so a failure never
 * leaves half a chunk behind.
 *
 * Duplicate detection looks at every client (an email must stay unique whoever owns the client), but
 * only ids and whether the importer may see them — decided by the scope function in SQL — come back;
 * clients outside the importer's scope are reported as `duplicate` without an id or any detail, and
 * reads of full rows (for updates) go through withScope.
 */
export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    private readonly opts: { chunkSize: number } = { chunkSize: 1_000 },
  ) {}

  inspect(csv: string): ImportInspection {
    const { headers, records, delimiter } = readTable(csv);
    return {
      headers,
      sample: records.slice(0, 5),
      rowCount: records.length,
      delimiter,
      suggestedMapping: suggestMapping(headers),
    };
  }

  async run(viewer: Viewer, actor: Actor, input: ImportInput): Promise<ImportReport> {
    const { headers, records } = readTable(input.csv);
    const columns = resolveMapping(headers, input.mapping);
    const outcomes: Outcome[] = new Array(records.length);
    const candidates = validate(records, headers.length, columns, input, outcomes);
    const actions = await planImport(this.db, viewer, candidates, input.duplicates, outcomes);

    if (input.dryRun) return report(outcomes, true);

    const assigned = new Map<string, number>();
    const importId = randomUUID();
    for (let i = 0; i < actions.length; i += this.opts.chunkSize) {
      const chunk = actions.slice(i, i + this.opts.chunkSize);
      try {
        const results = await this.db.transaction((tx) =>
          commitChunk(tx, this.clock.now(), viewer, actor, chunk, assigned),
        );
        for (const [row, outcome] of results) outcomes[row - 1] = outcome;
      } catch (err) {
        // Earlier chunks stay; this one rolled back as a whole. The report says exactly what was saved.
        for (const a of actions.slice(i))
          outcomes[a.row - 1] = {
            status: 'skipped',
            errors: [{ field: 'row', message: 'Not saved: the import stopped on a database error' }],
          };
        const partial = report(outcomes, false);
        await summarise(this.db, actor, importId, input, partial, assigned, true).catch(() => {});
        // The database going away is a 503 (try again), not a bug; either way the report stands.
        const away = isDatabaseUnavailable(err);
        const failure = new AppError(
          away ? 503 : 500,
          away ? 'database_unavailable' : 'import_failed',
          'The import stopped on a database error; the report says which rows were saved',
          undefined,
          {
            report: partial,
          },
        );
        (failure as Error & { cause?: unknown }).cause = err;
        throw failure;
      }
    }
    const result = report(outcomes, false);
    await summarise(this.db, actor, importId, input, result, assigned, false);
    return result;
  }
}
