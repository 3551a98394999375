import { z } from 'zod';
import {
  credential,
  email as emailText,
  flag,
  int,
  pagingQuery,
  text,
  uuid as uuidText,
} from '../../core/primitives.js';
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

const email = emailText();
const name = text({ trim: true, min: 1, max: 120, label: 'Name' });
const uuid = uuidText();

/** Any text: a sign-in with text that cannot be stored is a wrong sign-in, throttled and audited. */
export const loginInput = z.strictObject({
  email: credential({ max: 254, required: 'Enter your email', identifier: true }),
  password: credential({ max: 1000, required: 'Enter your password' }),
});
export const codeInput = z.strictObject({ code: text({ trim: true, min: 6, max: 20, label: 'Code' }) });

export const staffCreateInput = z.strictObject({
  name,
  email,
  password: passwordSchema,
  role: z.enum(ROLES),
  teamId: uuid.nullable().default(null),
  languages: z.array(z.enum(LANGUAGE_CODES)).max(20).default([]),
  active: z.boolean().default(true),
  capacity: int({ min: 0, max: 1000 }).default(10),
  absent: z.boolean().default(false),
});
export const staffUpdateInput = z.strictObject({
  name: name.optional(),
  email: email.optional(),
  role: z.enum(ROLES).optional(),
  teamId: uuid.nullable().optional(),
  languages: z.array(z.enum(LANGUAGE_CODES)).max(20).optional(),
  active: z.boolean().optional(),
  capacity: int({ min: 0, max: 1000 }).optional(),
  absent: z.boolean().optional(),
});
export const passwordResetInput = z.strictObject({ password: passwordSchema });
export const passwordChangeInput = z.strictObject({
  currentPassword: text({ label: 'Password', min: 1, max: 1000 }),
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

export const staffListQuery = z.strictObject({
  search: text({ trim: true, max: 200 }).optional(),
  role: z.enum(ROLES).optional(),
  teamId: uuid.optional(),
  active: flag().optional(),
  sort: z.enum(['name', 'email', 'role', 'team', 'createdAt', 'lastLoginAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pagingQuery,
});

export const teamInput = z.strictObject({
  name: text({ trim: true, min: 1, max: 80, label: 'Name' }),
  kind: z.enum(TEAM_KINDS),
  leadId: uuid.nullable().default(null),
});
export const teamUpdateInput = z.strictObject({
  name: text({ trim: true, min: 1, max: 80, label: 'Name' }).optional(),
  kind: z.enum(TEAM_KINDS).optional(),
  leadId: uuid.nullable().optional(),
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
