import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { Db } from '../../db/connection.js';
import type { CabinetService } from '../cabinet/index.js';
import type { Guard } from '../identity/index.js';
import type { ReconciliationService } from './reconciliation.js';
import { reconciliationRoutes } from './routes/reconciliation.js';
import { withdrawalRoutes } from './routes/withdrawals.js';
import type { WithdrawalService } from './withdrawals.js';

export interface WithdrawalsDeps {
  withdrawals: WithdrawalService;
  reconciliation: ReconciliationService;
  cabinet: Pick<CabinetService, 'resolveSession'>;
  database: { db: Db };
  clock: Clock;
  guard: Guard;
  jobs: ModuleJobs;
}

/** How often the retry loop looks for unrecorded holds and unposted releases. */
const RETRY_MS = 30_000;
/** How often the daily reconciliation checks whether a day has passed since its last run. */
const RECONCILE_CHECK_MS = 10 * 60_000;

/**
 * Withdrawal and reconciliation routes with their loops, for registerPayments to call: the retry of
 * holds and releases the platform did not take, and the daily reconciliation (which alerts finance).
 */
export function registerWithdrawals(app: App, deps: WithdrawalsDeps): void {
  withdrawalRoutes(app, deps);
  reconciliationRoutes(app, deps);
  deps.jobs.every('withdrawal postings', RETRY_MS, async () => {
    await deps.withdrawals.retryHolds();
    await deps.withdrawals.actions.retryReleases();
  });
  deps.jobs.every('payments reconciliation', RECONCILE_CHECK_MS, () => deps.reconciliation.runIfDue());
}
