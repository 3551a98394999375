import { z } from 'zod';
import {
  LANGUAGE_CODES,
  ROLES,
  STAFF_LANGUAGES,
  TEAM_KINDS,
  UI_LOCALES,
  type Role,
  type TeamKind,
} from '../identity.js';
import { isoTime, type SortOrder } from './common.js';

// Staff accounts, teams, sign-in and the signed-in member's own record: the identity API's answers.

// The value lists live in src/shared/identity.ts (no Zod there, so the browser may import them).
export { LANGUAGE_CODES, ROLES, STAFF_LANGUAGES, TEAM_KINDS, UI_LOCALES, type Role, type TeamKind };

/** Who a staff member is: what both the admin's list and the member's own record show. */
const memberFields = {
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  languages: z.array(z.string()),
};

export const staffView = z.object({
  ...memberFields,
  active: z.boolean(),
  /** Out of office: skipped by automatic assignment. */
  absent: z.boolean(),
  /** Weight in round-robin assignment (0–1000). */
  capacity: z.number(),
  mfaEnabled: z.boolean(),
  lastLoginAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type StaffView = z.input<typeof staffView>;
/** The web app's name for StaffView. */
export type Staff = StaffView;

export const staffList = z.object({ items: z.array(staffView), total: z.number() });

/** The signed-in staff member. */
export const meView = z.object({
  ...memberFields,
  locale: z.string(),
  /** Out of office: automatic assignment skips this person. */
  absent: z.boolean(),
  /** Also send notifications by email. */
  emailNotifications: z.boolean(),
  /** Notification types that do not pop up or get emailed (they still reach the bell). */
  mutedNotifications: z.array(z.string()),
  mfaEnabled: z.boolean(),
  /** True when policy (or the admin role) makes 2FA mandatory for this user. */
  mfaRequired: z.boolean(),
  permissions: z.array(z.string()),
});
export type MeView = z.input<typeof meView>;
/** The web app's name for MeView. */
export type User = MeView;
export const userAnswer = z.object({ user: meView });
export type UserAnswer = z.input<typeof userAnswer>;

export const enrolmentView = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export type MfaEnrolment = z.input<typeof enrolmentView>;

export const loginAnswer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), user: meView }),
  z.object({ status: z.literal('mfa_required') }),
  z.object({ status: z.literal('mfa_enrolment_required'), enrolment: enrolmentView }),
]);
export type LoginResult = z.input<typeof loginAnswer>;
/** Second factor accepted: signed in. */
export const signedInAnswer = z.object({ status: z.literal('ok'), user: meView });
export type SignedInAnswer = z.input<typeof signedInAnswer>;
/** Enrolment finished at sign-in: signed in, with the recovery codes shown once. */
export const enrolledAnswer = z.object({
  status: z.literal('ok'),
  user: meView,
  recoveryCodes: z.array(z.string()),
});
export type EnrolledAnswer = z.input<typeof enrolledAnswer>;

export const recoveryCodesAnswer = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesAnswer = z.input<typeof recoveryCodesAnswer>;

export const sessionView = z.object({
  /** A prefix of the session id: enough to end it, useless as a cookie. */
  id: z.string(),
  current: z.boolean(),
  createdAt: isoTime,
  lastSeenAt: isoTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type Session = z.input<typeof sessionView>;

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  leadId: z.string().nullable(),
  leadName: z.string().nullable(),
  memberCount: z.number(),
});
export type TeamView = z.input<typeof teamView>;
/** The web app's Team: its kind is one of TEAM_KINDS (the only kinds a team can be created with). */
export type Team = Omit<TeamView, 'kind'> & { kind: TeamKind };

export const rolesMatrix = z.object({
  roles: z.array(z.object({ role: z.enum(ROLES), permissions: z.array(z.string()) })),
  permissions: z.array(z.string()),
});
export type RolesMatrix = z.input<typeof rolesMatrix>;

// ── requests the web app sends ──────────────────────────────────────────────────────────────────

export type StaffSortField = 'name' | 'email' | 'role' | 'team' | 'createdAt' | 'lastLoginAt';

/** GET /api/staff */
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

/** PATCH /api/staff/:id (and the fields of a new member). */
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

/** POST /api/staff */
export interface NewStaffInput extends StaffInput {
  password: string;
}

/** POST /api/teams (and PATCH as a partial). */
export interface TeamInput {
  name: string;
  kind: TeamKind;
  leadId: string | null;
}

/** PATCH /api/me: the signed-in member's own settings. */
export interface MePatch {
  locale?: string;
  name?: string;
  absent?: boolean;
  emailNotifications?: boolean;
  mutedNotifications?: string[];
}
