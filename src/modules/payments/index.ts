/**
 * Payments: payment systems (manual and behind a provider), deposits and withdrawals, the append-only
 * ledger with its platform postings, provider callbacks, fx rates and settings. Its tables are the
 * payment_* ones, provider_callbacks and fx_rates; other modules use what this file exports.
 */
import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import { purgeIdempotencyKeys } from '../../core/idempotency.js';
import type { Db } from '../../db/connection.js';
import type { CabinetService } from '../cabinet/index.js';
import type { Guard } from '../identity/index.js';
import type { CallbackService } from './callbacks.js';
import type { DepositService, PaymentProviderEntry } from './deposit-service.js';
import type { PlatformPosting } from './posting.js';
import { flagStuckRequests } from './problems.js';
import type { PaymentReads } from './queue.js';
import type { PaymentSettings } from './settings.js';
import type { PaymentSystems } from './systems.js';
import { callbackRoutes } from './routes/callbacks.js';
import { portalPaymentRoutes } from './routes/portal.js';
import { paymentRequestRoutes } from './routes/requests.js';
import { paymentSettingsRoutes } from './routes/settings.js';
import { paymentSystemRoutes } from './routes/systems.js';

export { CallbackService, type PayoutCallbackHandler } from './callbacks.js';
export { DepositService, feeOf, type PaymentProviderEntry } from './deposit-service.js';
export { DepositBook, lockDeposit, type MoneyActor } from './deposits.js';
export { appendLedger, ledgerOf, opIds, type LedgerInput } from './ledger.js';
export { appendPaymentEvent } from './payment-events.js';
export { PlatformPosting } from './posting.js';
export { clearProblem, flagStuckRequests, markProblem } from './problems.js';
export { PaymentReads } from './queue.js';
export {
  canTransition,
  lockRequest,
  patchRequest,
  readRequest,
  requestViews,
  systemById,
  toPortalView,
  transition,
  TRANSITIONS,
  type RequestRow,
  type SystemRow,
} from './requests.js';
export { convert, FINANCE_AUDIENCE, PaymentSettings } from './settings.js';
export { instructionsFor, offeredIn, PaymentSystems } from './systems.js';
export {
  PROVIDER_CALLBACK_TYPES,
  providerCallbackBody,
  type CreatePaymentRequest,
  type CreatePayoutRequest,
  type PaymentProvider,
  type ProviderCallback,
  type ProviderCallbackType,
  type RefundRequest,
} from './provider.js';

export interface PaymentsDeps {
  paymentSystems: PaymentSystems;
  paymentSettings: PaymentSettings;
  deposits: DepositService;
  paymentReads: PaymentReads;
  callbacks: CallbackService;
  posting: PlatformPosting;
  /** Providers by name, with their callback secrets. */
  paymentProviders: ReadonlyMap<string, PaymentProviderEntry>;
  /** The cabinet's routes resolve the trader session. */
  cabinet: Pick<CabinetService, 'resolveSession'>;
  database: { db: Db };
  clock: Clock;
  guard: Guard;
  jobs: ModuleJobs;
}

/**
 * Payment systems, settings and rates, the finance queue and its actions, the cabinet's deposits and
 * history, provider callbacks; the posting retry and stuck-pending jobs and the idempotency-key purge.
 * Register after the cabinet (trader sessions) and trading (accounts).
 */
export function registerPayments(app: App, deps: PaymentsDeps): void {
  paymentSystemRoutes(app, deps);
  paymentSettingsRoutes(app, deps);
  paymentRequestRoutes(app, deps);
  portalPaymentRoutes(app, deps);
  callbackRoutes(app, deps);

  // Platform postings that failed (or were cut off by a crash) are retried until the platform takes them.
  deps.jobs.every('payment postings', 5_000, async () => {
    await deps.posting.postDue();
  });
  deps.jobs.every('stuck payments', 60_000, async () => {
    const { stuckPendingMinutes } = await deps.paymentSettings.get();
    await flagStuckRequests(deps.database.db, deps.clock, stuckPendingMinutes);
  });
  deps.jobs.housekeeping(async () => {
    await purgeIdempotencyKeys(deps.database.db);
  });
}
// Withdrawals and reconciliation register their own routes (built in src/app/payments-wiring.ts).
export { registerWithdrawals } from './withdrawals-register.js';
