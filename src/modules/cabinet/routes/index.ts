import type { App } from '../../../core/http.js';
import type { AppContext } from '../../../app/context.js';
import { traderGuard } from '../trader-guard.js';
import { cabinetSessionRoutes } from './account-routes.js';
import { cabinetMeRoutes } from './me-routes.js';
import { cabinetStaffRoutes } from './staff-routes.js';

/** Every route of the trader's cabinet, plus the staff action that opens a cabinet for a client. */
export function cabinetRoutes(app: App, ctx: AppContext): void {
  const signedIn = traderGuard(app, ctx.cabinet);
  cabinetSessionRoutes(app, ctx);
  cabinetMeRoutes(app, ctx, signedIn);
  cabinetStaffRoutes(app, ctx);
}
