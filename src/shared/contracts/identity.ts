import { z } from 'zod';
import { isoTime } from './common.js';

// Staff accounts, teams, sign-in and the signed-in member's own record: the identity API's answers.

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

/** Languages a staff member can speak with clients (not the interface languages). */
export const LANGUAGE_CODES = [
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
/** The web app's name for LANGUAGE_CODES. */
export const STAFF_LANGUAGES = LANGUAGE_CODES;
/** Interface languages of the workspace. */
export const UI_LOCALES = ['en', 'ru', 'id', 'ar'] as const;

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
/** Enrolment finished at sign-in: signed in, with the recovery codes shown once. */
export const enrolledAnswer = z.object({
  status: z.literal('ok'),
  user: meView,
  recoveryCodes: z.array(z.string()),
});

export const recoveryCodesAnswer = z.object({ recoveryCodes: z.array(z.string()) });

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
