import { principal, routeDocs, type App } from '../../../core/http.js';
import { reconciliationReport, type ReconciliationReport } from '../../../shared/contracts/payments.js';
import type { Guard } from '../../identity/index.js';
import type { ReconciliationRunRow, ReconciliationService } from '../reconciliation.js';

const doc = routeDocs(['payments']);

/** The reconciliation report (the last run and its differences) and finance's "run now". */
export function reconciliationRoutes(
  app: App,
  deps: { reconciliation: ReconciliationService; guard: Guard },
): void {
  app.get(
    '/api/payments/reconciliation',
    doc(
      'The last reconciliation of the ledger with the platform: every account whose books differ',
      { response: { 200: reconciliationReport } },
      deps.guard('payments.read'),
    ),
    async () => reportOf(await deps.reconciliation.last()),
  );

  app.post(
    '/api/payments/reconciliation/run',
    doc(
      'Reconcile now (finance is alerted when differences are found)',
      { response: { 200: reconciliationReport } },
      deps.guard('payments.execute'),
    ),
    async (request) => reportOf(await deps.reconciliation.run('manual', principal(request).id)),
  );
}

function reportOf(run: ReconciliationRunRow | null): ReconciliationReport {
  if (!run) return { run: null };
  return {
    run: {
      id: run.id,
      trigger: run.trigger,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt.toISOString(),
      cutoff: run.cutoff.toISOString(),
      accountsChecked: run.accounts,
      ledgerEntries: run.ledgerEntries,
      platformOps: run.platformOps,
      differenceCount: run.differenceCount,
      differences: run.differences,
    },
  };
}
