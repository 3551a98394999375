/**
 * The one permission table. Routes ask for a permission, never for a role, so changing what a role
 * may do is a one-line change here.
 */
import { ROLES, type Role } from '../../shared/contracts/identity.js';

// The roles are a value list the web app shares (src/shared/contracts/identity.ts).
export { ROLES, type Role };

export const PERMISSIONS = [
  'admin.access',
  'staff.read',
  'staff.write',
  'teams.write',
  'audit.read',
  'settings.write',
  'outbox.read',
  'events.all',
  'clients.read',
  'clients.write',
  'clients.assign',
  'clients.export',
  'payments.read',
  'payments.execute',
  'support.handle',
  // Reassign another agent's conversation, merge across customers (team leads, admins).
  'support.supervise',
  'knowledge.write',
  // Complaints: raise and work on them; the register, its export and report; oversight (compliance).
  'complaints.handle',
  'complaints.register',
  'complaints.oversee',
  'kyc.review',
  'reports.read',
  // Call recordings (issue 13): play them in the browser; save the file. Record scope applies to both.
  'telephony.listen',
  'telephony.download',
  // Telephony: click-to-call, dispositions, the calls on a client card (within record scope).
  'telephony.call',
  // Hang up or set the outcome of another staff member's call (team leads, admins).
  'telephony.supervise',
  // Reports over every manager and agent; without it reports.read shows one's own (team lead: the team's).
  'reports.all',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const everything = [...PERMISSIONS];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: everything,
  team_lead: [
    'staff.read',
    'clients.read',
    'clients.write',
    'clients.assign',
    'clients.export',
    'payments.read',
    'support.handle',
    'support.supervise',
    'reports.read',
    'complaints.handle',
    'complaints.register',
    'telephony.listen',
    'telephony.download',
    'telephony.call',
    'telephony.supervise',
  ],
  // Managers listen to their own clients' calls (scope `own`); they do not take the files away.
  sales_manager: [
    'clients.read',
    'clients.write',
    'payments.read',
    'reports.read',
    'telephony.call',
    'telephony.listen',
  ],
  retention_manager: [
    'clients.read',
    'clients.write',
    'payments.read',
    'reports.read',
    'telephony.call',
    'telephony.listen',
  ],
  support_agent: [
    'clients.read',
    'support.handle',
    'knowledge.write',
    'complaints.handle',
    'reports.read',
    'telephony.call',
  ],
  finance: ['clients.read', 'payments.read', 'payments.execute', 'reports.read', 'reports.all'],
  compliance: [
    'clients.read',
    'kyc.review',
    'audit.read',
    'reports.read',
    'reports.all',
    'clients.export',
    'complaints.handle',
    'complaints.register',
    'complaints.oversee',
    'telephony.listen',
    'telephony.download',
  ],
};

/**
 * Record scope: which clients a role sees. Managers see their own, a team lead the team's; back-office
 * roles that act on any client (finance executes any deposit, compliance reviews any KYC) see all.
 */
export const ROLE_SCOPE: Record<Role, 'own' | 'team' | 'all'> = {
  admin: 'all',
  team_lead: 'team',
  sales_manager: 'own',
  retention_manager: 'own',
  support_agent: 'all',
  finance: 'all',
  compliance: 'all',
};

export const permissionsOf = (role: Role): ReadonlySet<Permission> => new Set(ROLE_PERMISSIONS[role]);
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
