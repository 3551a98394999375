import type { App } from '../../../core/http.js';
import type { IdentityDeps } from '../index.js';
import { actorOf, routeDocs } from '../../../core/http.js';
import { securitySettings } from '../contracts.js';
import { securitySettingsView } from '../../../shared/contracts/activity.js';

const doc = routeDocs(['settings']);

/** The security policy (2FA for everyone or for admins only). */
export function securitySettingsRoutes(app: App, ctx: Pick<IdentityDeps, 'auth' | 'guard'>): void {
  app.get(
    '/api/settings/security',
    doc('Security policy', { response: { 200: securitySettingsView } }, ctx.guard('settings.write')),
    async () => ctx.auth.securitySettings(),
  );

  app.patch(
    '/api/settings/security',
    doc(
      'Change the security policy',
      { body: securitySettings, response: { 200: securitySettingsView } },
      ctx.guard('settings.write'),
    ),
    async (request) => ctx.auth.updateSecuritySettings(actorOf(request), request.body),
  );
}
