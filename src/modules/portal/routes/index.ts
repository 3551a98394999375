import type { App, AppContext } from '../../../app/context.js';
import { traderGuard } from '../trader-guard.js';
import { portalAccountRoutes } from './account-routes.js';
import { portalMeRoutes } from './me-routes.js';
import { portalStaffRoutes } from './staff-routes.js';

/** Every route of the trader's cabinet, plus the staff action that opens a cabinet for a client. */
export function portalRoutes(app: App, ctx: AppContext): void {
  const signedIn = traderGuard(app, ctx.portal);
  portalAccountRoutes(app, ctx);
  portalMeRoutes(app, ctx, signedIn);
  portalStaffRoutes(app, ctx);
}
