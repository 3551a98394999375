import type { App } from '../../../core/http.js';
import type { ClientsDeps } from '../index.js';
import { actorOf, principal, routeDocs } from '../../../core/http.js';
import { clientExportQuery, IMPORT_BODY_LIMIT, importInput, importInspectInput } from '../contracts.js';
import { clientsCsv, importInspection, importReport } from '../../../shared/contracts/clients.js';

const tags = ['clients'];
const doc = routeDocs(tags);

/** CSV import of leads (clients.write) and CSV export of the client list (clients.export, audited). */
export function importExportRoutes(
  app: App,
  ctx: Pick<ClientsDeps, 'clientImport' | 'clientExport' | 'guard'>,
): void {
  // Checked on request, before a body of up to 20 MB is read: strangers and the unauthorised never upload.
  const write = ctx.guard('clients.write');

  app.post(
    '/api/clients/import/inspect',
    {
      schema: {
        tags,
        summary: 'Read a CSV file: headers, five sample rows, row count, a suggested column mapping',
        body: importInspectInput,
        response: { 200: importInspection },
      },
      onRequest: write,
      bodyLimit: IMPORT_BODY_LIMIT,
    },
    async (request) => ctx.clientImport.inspect(request.body.csv),
  );

  app.post(
    '/api/clients/import',
    {
      schema: {
        tags,
        summary:
          'Import leads from CSV with a column mapping (dryRun validates only); answers a per-row report',
        body: importInput,
        response: { 200: importReport },
      },
      onRequest: write,
      bodyLimit: IMPORT_BODY_LIMIT,
    },
    async (request) => ctx.clientImport.run(principal(request), actorOf(request), request.body),
  );

  app.get(
    '/api/clients/export.csv',
    doc(
      'The client list as CSV, with the list filters (scoped, audited, ≤ 100,000 rows)',
      { querystring: clientExportQuery, response: { 200: clientsCsv } },
      ctx.guard('clients.export'),
    ),
    async (request, reply) => {
      const out = await ctx.clientExport.export(principal(request), actorOf(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${out.filename}"`)
        .header('cache-control', 'no-store')
        .header('x-row-count', String(out.rowCount))
        .header('x-truncated', String(out.truncated))
        .send(out.body);
    },
  );
}
