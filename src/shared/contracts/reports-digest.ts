import { z } from 'zod';
import { isoTime } from './common.js';
import { DIGEST_FREQUENCIES, DIGEST_ROLES } from '../reports-digest.js';

export {
  DIGEST_FREQUENCIES,
  DIGEST_ROLES,
  type DigestFrequency,
  type DigestRole,
} from '../reports-digest.js';

/**
 * The scheduled email digest of reports (issue 14): per role, daily or weekly or off; sent by the
 * reports module's job through the mail outbox. Response schemas of `/api/reports/digest*`.
 */

export const digestSettings = z.object({
  roles: z.record(z.enum(DIGEST_ROLES), z.enum(DIGEST_FREQUENCIES)),
  /** The hour (UTC, 0–23) the digest goes out. */
  hourUtc: z.number(),
  /** The weekday of the weekly digest: 1 = Monday … 7 = Sunday. */
  weekday: z.number(),
  lastDailyAt: isoTime.nullable(),
  lastWeeklyAt: isoTime.nullable(),
});
export type DigestSettings = z.input<typeof digestSettings>;

export const digestRun = z.object({
  period: z.enum(['daily', 'weekly']),
  /** Mails queued in the outbox, one per recipient. */
  queued: z.number(),
});
export type DigestRun = z.input<typeof digestRun>;
