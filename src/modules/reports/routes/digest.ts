import { z } from 'zod';
import { actorOf, routeDocs, type App } from '../../../core/http.js';
import { int } from '../../../core/primitives.js';
import type { Db } from '../../../db/connection.js';
import {
  DIGEST_FREQUENCIES,
  DIGEST_ROLES,
  digestRun,
  digestSettings,
} from '../../../shared/contracts/reports-digest.js';
import type { Guard } from '../../identity/index.js';
import type { ReportDigest } from '../digest.js';
import { readDigest, saveDigest } from '../digest-settings.js';

const doc = routeDocs(['reports']);

const frequency = z.enum(DIGEST_FREQUENCIES, { error: 'Use off, daily or weekly' });
export const digestSettingsInput = z.strictObject({
  roles: z.strictObject(
    Object.fromEntries(DIGEST_ROLES.map((r) => [r, frequency])) as Record<
      (typeof DIGEST_ROLES)[number],
      typeof frequency
    >,
  ),
  hourUtc: int({ min: 0, max: 23 }),
  weekday: int({ min: 1, max: 7 }),
});
const runInput = z.strictObject({ period: z.enum(['daily', 'weekly'], { error: 'Use daily or weekly' }) });

/** Admin: the digest's schedule per role, and "send now" (the same mails the job queues). */
export function digestRoutes(app: App, ctx: { db: Db; guard: Guard; digest: ReportDigest }): void {
  app.get(
    '/api/reports/digest-settings',
    doc(
      'The scheduled report digest: daily, weekly or off per role, the hour (UTC) and weekday',
      { response: { 200: digestSettings } },
      ctx.guard('settings.write'),
    ),
    async () => readDigest(ctx.db),
  );
  app.put(
    '/api/reports/digest-settings',
    doc(
      'Change who receives the report digest and when',
      { body: digestSettingsInput, response: { 200: digestSettings } },
      ctx.guard('settings.write'),
    ),
    async (request) => saveDigest(ctx.db, actorOf(request), request.body),
  );
  app.post(
    '/api/reports/digest/send',
    doc(
      "Queue one period's digest now to the roles set to it (as the schedule would)",
      { body: runInput, response: { 200: digestRun } },
      ctx.guard('settings.write'),
    ),
    async (request) => ({
      period: request.body.period,
      queued: await ctx.digest.send(request.body.period),
    }),
  );
}
