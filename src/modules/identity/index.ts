/**
 * Identity: staff accounts, teams, sign-in with 2FA, staff sessions, roles and permissions, and the
 * record scope every client read goes through. Its tables are staff_users, teams, sessions and the
 * login throttle's; other modules use what this file exports, never those tables.
 */
import type { App, CookiePolicy, StaffGuard } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { AuthService } from './auth-service.js';
import type { Permission } from './permissions.js';
import type { SessionStore } from './sessions.js';
import type { StaffService } from './staff-service.js';
import type { TeamService } from './team-service.js';
import { authRoutes } from './routes/auth-routes.js';
import { meRoutes } from './routes/me-routes.js';
import { securitySettingsRoutes } from './routes/security-settings-routes.js';
import { staffRoutes } from './routes/staff-routes.js';
import { teamRoutes } from './routes/team-routes.js';

export { AuthService, type LoginOutcome } from './auth-service.js';
export { StaffService, STAFF_AUDIENCE, type SelfActor } from './staff-service.js';
export { TeamService } from './team-service.js';
export { SessionStore, type SessionPolicy } from './sessions.js';
export { DEFAULT_THROTTLE, LoginThrottle, type ThrottlePolicy } from './throttle.js';
export { authenticate, CHALLENGE_COOKIE, SESSION_COOKIE, staffGuard } from './staff-guard.js';
export {
  ROLES,
  ROLE_SCOPE,
  PERMISSIONS,
  isRole,
  permissionsOf,
  type Permission,
  type Role,
} from './permissions.js';
export { canSeeClient, clientScope, withScope, type ScopedColumns } from './scope.js';
export { decoyHash, generatePassword, hashPassword, passwordSchema, verifyPassword } from './passwords.js';
/** The staff directory: what other modules read of staff and teams (see directory.ts). */
export {
  activeStaffWithPermission,
  activeTeamLeads,
  availableTeamMembers,
  longestServingAdmin,
  mailRecipients,
  staffById,
  staffByIds,
  staffNames,
  staffNamesByIds,
  teamExists,
  teamNames,
  type MailRecipient,
  type StaffRef,
} from './directory.js';

/** The staff guard with identity's permission names. */
export type Guard = StaffGuard<Permission>;

export interface IdentityDeps {
  staff: StaffService;
  teams: TeamService;
  auth: AuthService;
  sessions: SessionStore;
  guard: Guard;
  cookies: CookiePolicy;
  config: { SESSION_ABSOLUTE_HOURS: number };
  jobs: ModuleJobs;
}

/** Sign-in, own profile and sessions, staff and team administration, the security policy. */
export function registerIdentity(app: App, deps: IdentityDeps): void {
  authRoutes(app, deps);
  meRoutes(app, deps);
  staffRoutes(app, deps);
  teamRoutes(app, deps);
  securitySettingsRoutes(app, deps);
  deps.jobs.housekeeping(() => deps.sessions.purgeExpired());
  deps.jobs.housekeeping(() => deps.auth.purgeExpiredChallenges());
}
