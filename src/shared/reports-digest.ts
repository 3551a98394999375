/** Value lists of the scheduled report digest, shared with the web app (no Zod). */

/** The roles that may read reports, so the only ones a digest can go to. */
export const DIGEST_ROLES = [
  'admin',
  'team_lead',
  'sales_manager',
  'retention_manager',
  'support_agent',
  'finance',
  'compliance',
] as const;
export type DigestRole = (typeof DIGEST_ROLES)[number];
export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
