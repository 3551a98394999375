import type { App } from '../../core/http.js';
import { registerDigest, type DigestDeps } from './digest-register.js';
import { dashboardDigestSource, type DashboardReader } from './digest-source.js';
import { registerWallboard } from './wallboard.js';

/**
 * The live side of reports, beside the module's own routes: the support floor's wallboard (on support's
 * face) and the scheduled digest per role (its figures from the dashboards' service).
 */
export function registerReportsLive(
  app: App,
  deps: Omit<DigestDeps, 'source'> & { reports: DashboardReader },
): void {
  registerWallboard(app, deps);
  registerDigest(app, { ...deps, source: dashboardDigestSource(deps.reports) });
}
