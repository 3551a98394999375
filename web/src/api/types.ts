/** DTOs of the BrokerDesk API, mirrored from the backend contract. */

export const ROLES = [
  'admin',
  'team_lead',
  'sales_manager',
  'retention_manager',
  'support_agent',
  'finance',
  'compliance',
] as const;
export type Role = (typeof ROLES)[number];

export const TEAM_KINDS = ['sales', 'retention', 'support', 'finance', 'compliance', 'management'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** Languages a staff member can speak with clients (not the UI languages); mirrors the server's list. */
export const STAFF_LANGUAGES = [
  'en',
  'ru',
  'id',
  'ar',
  'es',
  'de',
  'fr',
  'it',
  'pt',
  'tr',
  'vi',
  'th',
  'zh',
  'ms',
  'hi',
  'ja',
  'ko',
  'fa',
  'uk',
  'pl',
] as const;

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  languages: string[];
  locale: string;
  mfaEnabled: boolean;
  /** True when policy (or the admin role) makes 2FA mandatory for this user. */
  mfaRequired?: boolean;
  /** Out of office: automatic assignment skips this person. */
  absent?: boolean;
  /** Also send notifications by email. */
  emailNotifications?: boolean;
  /** Notification types that do not pop up or get emailed (they still reach the bell). */
  mutedNotifications?: string[];
  permissions: string[];
}

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export type LoginResult =
  | { status: 'ok'; user: User }
  | { status: 'mfa_required' }
  | { status: 'mfa_enrolment_required'; enrolment: MfaEnrolment };

export interface Session {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface Staff {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  languages: string[];
  active: boolean;
  /** Out of office: skipped by automatic assignment. */
  absent: boolean;
  /** Weight in round-robin assignment (0–1000). */
  capacity: number;
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export type StaffSortField = 'name' | 'email' | 'role' | 'team' | 'createdAt' | 'lastLoginAt';
export type SortOrder = 'asc' | 'desc';

export interface StaffQuery {
  search?: string;
  role?: Role | null;
  teamId?: string | null;
  active?: boolean | null;
  sort: StaffSortField;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export interface StaffInput {
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  languages: string[];
  active: boolean;
  capacity: number;
  absent: boolean;
}

export interface NewStaffInput extends StaffInput {
  password: string;
}

export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
  leadId: string | null;
  leadName: string | null;
  memberCount: number;
}

export interface TeamInput {
  name: string;
  kind: TeamKind;
  leadId: string | null;
}

export interface RolesMatrix {
  roles: { role: Role; permissions: string[] }[];
  permissions: string[];
}

export interface AuditEvent {
  id: number;
  type: string;
  actorId: string | null;
  actorName: string | null;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface AuditQuery {
  type?: string;
  actorId?: string | null;
  from?: string | null;
  to?: string | null;
  page: number;
  pageSize: number;
}

export interface AppNotification {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationsPage {
  items: AppNotification[];
  total: number;
  unread: number;
}

export interface SecuritySettings {
  mfaRequiredForAll: boolean;
}

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  /** Null in the list for a sensitive mail (password, one-time link): open it with `outboxApi.get`. */
  text: string | null;
  sensitive: boolean;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}
