import type { Clock } from '../../core/clock.js';
import type { Viewer } from '../../core/events.js';
import type { Database } from '../../db/connection.js';
import type { Mailer, OutgoingMail } from '../../integrations/mail/mailer.js';
import { settings } from '../../core/schema.js';
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
import { digestLocale, type DigestLocale } from './digest-texts.js';
import {
  DEFAULT_DIGEST,
  DIGEST_SETTINGS_KEY,
  readDigest,
  writeDigest,
  type StoredDigest,
} from './digest-settings.js';

export type DigestPeriod = 'daily' | 'weekly';

/** The UTC days a digest covers: yesterday (daily) or the seven days before today (weekly). */
export interface DigestRange {
  from: string;
  to: string;
}

/** Where the figures come from: the dashboards' own service, under the recipient's record scope. */
export interface DigestSource {
  sections(
    viewer: Viewer,
    range: DigestRange,
    role: DigestRole,
    locale: DigestLocale,
  ): Promise<DigestSection[]>;
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

  /**
   * Queues one period's digest now (the job, or an admin's "send now"); the number of mails queued. The
   * figures are read first, outside any transaction (the dashboards' reads use their own connection);
   * then the settings row is locked, the schedule checked again and the mails queued with the new "last
   * sent" in one transaction, so a digest another instance sent meanwhile is not sent twice.
   */
  async send(period: DigestPeriod, opts: { onlyIfDue?: boolean } = {}): Promise<number> {
    const now = this.deps.clock.now();
    const db = this.deps.database.db;
    const glance = await readDigest(db);
    const roles = DIGEST_ROLES.filter((r) => glance.roles[r] === period);
    const mails = await this.mailsFor(roles, period, now);
    const last = (s: StoredDigest) => (period === 'daily' ? s.lastDailyAt : s.lastWeeklyAt);
    return db.transaction(async (tx) => {
      await tx
        .insert(settings)
        .values({ key: DIGEST_SETTINGS_KEY, value: DEFAULT_DIGEST })
        .onConflictDoNothing();
      const s = await readDigest(tx, true);
      if (opts.onlyIfDue && (!dueDigests(s, now).includes(period) || last(s) !== last(glance))) return 0;
      await this.deps.mailer.queueMany(tx, mails);
      const stamp = now.toISOString();
      await writeDigest(
        tx,
        { ...s, ...(period === 'daily' ? { lastDailyAt: stamp } : { lastWeeklyAt: stamp }) },
        null,
      );
      return mails.length;
    });
  }

  private async mailsFor(
    roles: readonly DigestRole[],
    period: DigestPeriod,
    now: Date,
  ): Promise<OutgoingMail[]> {
    if (!roles.length) return [];
    const db = this.deps.database.db;
    const ids = await activeStaffWithPermission(db, 'reports.read');
    const staff = (await staffByIds(db, ids)).filter((s) => (roles as readonly string[]).includes(s.role));
    const addresses = await mailRecipients(
      db,
      staff.map((s) => s.id),
    );
    const range = digestRange(period, now);
    const mails: OutgoingMail[] = [];
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
      const locale = digestLocale(to.locale);
      const sections = await this.deps.source.sections(viewer, range, role, locale);
      mails.push(
        digestMail({
          to: to.email,
          name: to.name,
          period,
          range,
          sections,
          baseUrl: this.deps.baseUrl,
          locale,
        }),
      );
    }
    return mails;
  }
}
