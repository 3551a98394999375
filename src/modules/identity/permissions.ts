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
  ],
  sales_manager: ['clients.read', 'clients.write', 'payments.read', 'reports.read'],
  retention_manager: ['clients.read', 'clients.write', 'payments.read', 'reports.read'],
  support_agent: ['clients.read', 'support.handle', 'knowledge.write', 'complaints.handle', 'reports.read'],
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
