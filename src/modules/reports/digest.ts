import type { Clock } from '../../core/clock.js';
import type { Viewer } from '../../core/events.js';
import type { Database, Executor } from '../../db/connection.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import { DIGEST_ROLES, type DigestRole } from '../../shared/contracts/reports-digest.js';
import {
  activeStaffWithPermission,
  mailRecipients,
  permissionsOf,
  ROLE_SCOPE,
  staffByIds,
  type Role,
} from '../identity/index.js';
import { digestMail, type DigestSection } from './digest-mail.js';
import { readDigest, writeDigest, type StoredDigest } from './digest-settings.js';

export type DigestPeriod = 'daily' | 'weekly';

/** The UTC days a digest covers: yesterday (daily) or the seven days before today (weekly). */
export interface DigestRange {
  from: string;
  to: string;
}

/** Where the figures come from: the dashboards' own service, under the recipient's record scope. */
export interface DigestSource {
  sections(viewer: Viewer, range: DigestRange, role: DigestRole): Promise<DigestSection[]>;
}

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const utcMidnight = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

export function digestRange(period: DigestPeriod, now: Date): DigestRange {
  const today = utcMidnight(now);
  return { from: isoDay(today - (period === 'daily' ? 1 : 7) * DAY_MS), to: isoDay(today - DAY_MS) };
}

/** Which digests are due at `now`: after the hour, once per UTC day (daily) or on the weekday (weekly). */
export function dueDigests(s: StoredDigest, now: Date): DigestPeriod[] {
  if (now.getUTCHours() < s.hourUtc) return [];
  const today = isoDay(utcMidnight(now));
  const due: DigestPeriod[] = [];
  if (s.lastDailyAt?.slice(0, 10) !== today) due.push('daily');
  const weekday = ((now.getUTCDay() + 6) % 7) + 1; // 1 = Monday
  if (weekday === s.weekday && s.lastWeeklyAt?.slice(0, 10) !== today) due.push('weekly');
  return due;
}

/**
 * The scheduled digest (issue 14): each role's headline figures, mailed through the outbox to the active
 * staff of the roles set to that period. The job runs every few minutes on every instance; the settings
 * row is locked while a digest is queued and its "last sent" written in the same transaction, so each
 * digest goes out once a day (weekly: once on its weekday) whichever instance gets there first.
 */
export class ReportDigest {
  constructor(
    private readonly deps: {
      database: Database;
      clock: Clock;
      mailer: Mailer;
      source: DigestSource;
      baseUrl: string;
    },
  ) {}

  /** The job's tick: sends whatever is due now. */
  async tick(): Promise<number> {
    const now = this.deps.clock.now();
    const glance = await readDigest(this.deps.database.db);
    let queued = 0;
    for (const period of dueDigests(glance, now)) queued += await this.send(period, { onlyIfDue: true });
    return queued;
  }

  /** Queues one period's digest now (the job, or an admin's "send now"); the number of mails queued. */
  async send(period: DigestPeriod, opts: { onlyIfDue?: boolean } = {}): Promise<number> {
    const now = this.deps.clock.now();
    return this.deps.database.db.transaction(async (tx) => {
      const s = await readDigest(tx, true);
      if (opts.onlyIfDue && !dueDigests(s, now).includes(period)) return 0;
      const roles = DIGEST_ROLES.filter((r) => s.roles[r] === period);
      const queued = await this.queueFor(tx, roles, period, now);
      const stamp = now.toISOString();
      await writeDigest(
        tx,
        { ...s, ...(period === 'daily' ? { lastDailyAt: stamp } : { lastWeeklyAt: stamp }) },
        null,
      );
      return queued;
    });
  }

  private async queueFor(tx: Executor, roles: readonly DigestRole[], period: DigestPeriod, now: Date) {
    if (!roles.length) return 0;
    const ids = await activeStaffWithPermission(tx, 'reports.read');
    const staff = (await staffByIds(tx, ids)).filter((s) => (roles as readonly string[]).includes(s.role));
    const addresses = await mailRecipients(
      tx,
      staff.map((s) => s.id),
    );
    const range = digestRange(period, now);
    let queued = 0;
    for (const member of staff) {
      const to = addresses.get(member.id);
      if (!to?.email) continue;
      const role = member.role as Role & DigestRole;
      const viewer: Viewer = {
        id: member.id,
        teamId: member.teamId,
        scope: ROLE_SCOPE[role],
        permissions: permissionsOf(role),
      };
      const sections = await this.deps.source.sections(viewer, range, role);
      await this.deps.mailer.queue(
        tx,
        digestMail({ to: to.email, name: to.name, period, range, sections, baseUrl: this.deps.baseUrl }),
      );
      queued += 1;
    }
    return queued;
  }
}
