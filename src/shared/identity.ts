/**
 * Identity value lists, shared by the server (src/modules/identity) and the web app. Kept free of Zod so
 * the browser bundle can import them at runtime; the response schemas in shared/contracts/identity.ts
 * derive their enums from them and re-export them.
 */

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
