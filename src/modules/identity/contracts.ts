import { z } from 'zod';
import { ROLES } from './permissions.js';
import { passwordSchema } from './passwords.js';
import { NOTIFICATION_TYPES } from '../../shared/notifications.js';

// Input and output shapes of the identity API, shared by routes, services and the OpenAPI document.

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
export const UI_LOCALES = ['en', 'ru', 'id', 'ar'] as const;
export const TEAM_KINDS = ['sales', 'retention', 'support', 'finance', 'compliance', 'management'] as const;

const email = z.string().trim().toLowerCase().max(254).email('Enter a valid email address');
const name = z.string().trim().min(1, 'Name is required').max(120, 'Name is too long');
const uuid = z.string().uuid();

export const loginInput = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1000),
});
export const codeInput = z.strictObject({ code: z.string().trim().min(6).max(20) });

export const staffCreateInput = z.strictObject({
  name,
  email,
  password: passwordSchema,
  role: z.enum(ROLES),
  teamId: uuid.nullable().default(null),
  languages: z.array(z.enum(LANGUAGE_CODES)).max(20).default([]),
  active: z.boolean().default(true),
  capacity: z.number().int().min(0).max(1000).default(10),
  absent: z.boolean().default(false),
});
export const staffUpdateInput = z.strictObject({
  name: name.optional(),
  email: email.optional(),
  role: z.enum(ROLES).optional(),
  teamId: uuid.nullable().optional(),
  languages: z.array(z.enum(LANGUAGE_CODES)).max(20).optional(),
  active: z.boolean().optional(),
  capacity: z.number().int().min(0).max(1000).optional(),
  absent: z.boolean().optional(),
});
export const passwordResetInput = z.strictObject({ password: passwordSchema });
export const passwordChangeInput = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: passwordSchema,
});
export const profileUpdateInput = z.strictObject({
  name: name.optional(),
  locale: z.enum(UI_LOCALES).optional(),
  /** Out of office: no new clients are assigned automatically. */
  absent: z.boolean().optional(),
  emailNotifications: z.boolean().optional(),
  /** Notification types that should not pop up or be emailed; the whole list, replaced as given. */
  mutedNotifications: z
    .array(z.enum(NOTIFICATION_TYPES))
    .max(NOTIFICATION_TYPES.length * 2)
    .transform((types) => [...new Set(types)].sort())
    .optional(),
});

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const pagingQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
};
export const staffListQuery = z.strictObject({
  search: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  teamId: uuid.optional(),
  active: booleanQuery.optional(),
  sort: z.enum(['name', 'email', 'role', 'team', 'createdAt', 'lastLoginAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pagingQuery,
});

export const teamInput = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(80),
  kind: z.enum(TEAM_KINDS),
  leadId: uuid.nullable().default(null),
});
export const teamUpdateInput = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  kind: z.enum(TEAM_KINDS).optional(),
  leadId: uuid.nullable().optional(),
});

export const auditQuery = z.strictObject({
  type: z.string().trim().max(100).optional(),
  actorId: uuid.optional(),
  subjectId: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  ...pagingQuery,
});

export const securitySettings = z.strictObject({ mfaRequiredForAll: z.boolean() });

export const staffView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  languages: z.array(z.string()),
  active: z.boolean(),
  absent: z.boolean(),
  capacity: z.number(),
  mfaEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffView = z.infer<typeof staffView>;

export const meView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  languages: z.array(z.string()),
  locale: z.string(),
  absent: z.boolean(),
  emailNotifications: z.boolean(),
  mutedNotifications: z.array(z.string()),
  mfaEnabled: z.boolean(),
  mfaRequired: z.boolean(),
  permissions: z.array(z.string()),
});
export type MeView = z.infer<typeof meView>;

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  leadId: z.string().nullable(),
  leadName: z.string().nullable(),
  memberCount: z.number(),
});

export const enrolmentView = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
