/**
 * The trader's cabinet: self-registration, the cabinet staff open for a client, email confirmation,
 * trader sessions (cookie `bd_tsid`), profile, password change and reset. URLs stay under /api/portal
 * (the module's old name). Its tables are trader_accounts and trader_tokens.
 */
import type { App, CookiePolicy } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { ClientService } from '../clients/index.js';
import type { Guard } from '../identity/index.js';
import type { CabinetService } from './cabinet-service.js';
import { traderGuard } from './trader-guard.js';
import { cabinetSessionRoutes } from './routes/account-routes.js';
import { cabinetMeRoutes } from './routes/me-routes.js';
import { cabinetStaffRoutes } from './routes/staff-routes.js';

export {
  CabinetService,
  DEFAULT_CABINET_LIMITS,
  type CabinetLimits,
  type CabinetServiceDeps,
} from './cabinet-service.js';
export { TRADER_COOKIE, trader, traderSession, type TraderPrincipal } from './trader-guard.js';
export type { CabinetClientView, RegisterInput } from './contracts.js';
/** What trading's account opening checks of the cabinet (its trader_accounts stay inside). */
export { cabinetEmailConfirmed } from './trader-accounts.js';

export interface CabinetDeps {
  cabinet: CabinetService;
  /** The staff action reads the client card (scope check, then the answer). */
  clients: Pick<ClientService, 'get'>;
  guard: Guard;
  cookies: CookiePolicy;
  config: { SESSION_ABSOLUTE_HOURS: number };
  jobs: ModuleJobs;
}

/**
 * Every route of the trader's cabinet, plus the staff action that opens a cabinet for a client. Also
 * decorates requests with `trader`, which Fastify allows once: register before trading's cabinet routes.
 */
export function registerCabinet(app: App, deps: CabinetDeps): void {
  const signedIn = traderGuard(app, deps.cabinet);
  cabinetSessionRoutes(app, deps);
  cabinetMeRoutes(app, deps, signedIn);
  cabinetStaffRoutes(app, deps);
  deps.jobs.housekeeping(() => deps.cabinet.purgeExpired());
  // Reset links queued after answering are issued before the database goes away.
  deps.jobs.beforeStop(() => deps.cabinet.settled());
}
