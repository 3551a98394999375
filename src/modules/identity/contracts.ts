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
import { LANGUAGE_CODES, TEAM_KINDS, UI_LOCALES } from '../../shared/contracts/identity.js';
import { passwordSchema } from './passwords.js';
import { NOTIFICATION_TYPES } from '../../shared/notifications.js';

// Input shapes of the identity API, shared by routes, services and the OpenAPI document.

// The value lists and the answers (views) are shared with the web app: src/shared/contracts/identity.ts.
export {
  enrolmentView,
  LANGUAGE_CODES,
  meView,
  staffView,
  TEAM_KINDS,
  teamView,
  UI_LOCALES,
  type MeView,
  type StaffView,
} from '../../shared/contracts/identity.js';

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
