/**
 * Complaints: value lists and the jurisdiction presets, shared by the server and the web app (no Node,
 * no database). The deadline arithmetic is in src/modules/complaints/calendar.ts.
 */

export const COMPLAINT_CATEGORIES = [
  'execution',
  'deposit',
  'withdrawal',
  'account',
  'platform',
  'fees',
  'bonus',
  'service',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_PRODUCTS = ['forex', 'cfd', 'stocks', 'crypto', 'payments', 'other'] as const;
export type ComplaintProduct = (typeof COMPLAINT_PRODUCTS)[number];

/** open → responded (the final response letter was sent). */
export const COMPLAINT_STATUSES = ['open', 'responded'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The escalation path, in order. */
export const COMPLAINT_LEVELS = ['agent', 'team_lead', 'compliance'] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

export const COMPLAINT_OUTCOMES = ['upheld', 'partially_upheld', 'rejected'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Where a complaint came from: raised by staff from a conversation, or filed by the trader. */
export const COMPLAINT_SOURCES = ['staff', 'cabinet'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/** The languages a letter is written in (the client's language, else English). */
export const LETTER_LANGUAGES = ['en', 'ru', 'id', 'ar'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

export const COMPLAINT_DEADLINES = ['acknowledgement', 'final_response'] as const;
export type ComplaintDeadline = (typeof COMPLAINT_DEADLINES)[number];

/** Warnings are sent when this share of a deadline's time has passed (100 = at the deadline). */
export const WARNING_LEVELS = [50, 80, 100] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/**
 * How a deadline is counted from the moment the complaint was received:
 * - `hours`: exactly n hours later;
 * - `business_days`: the end of the n-th business day after the day of receipt (weekends and the
 *   policy's holidays are skipped);
 * - `calendar_days` / `months`: the end of that calendar day; when it is a weekend or holiday, the end
 *   of the last business day before it (the reply leaves while the office is open).
 * Days are local days in the policy's time zone.
 */
export interface DeadlineRule {
  unit: 'hours' | 'business_days' | 'calendar_days' | 'months';
  n: number;
}

export const JURISDICTIONS = ['fca', 'cysec', 'asic'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export interface JurisdictionPreset {
  name: string;
  timeZone: string;
  acknowledgement: DeadlineRule;
  finalResponse: DeadlineRule;
  /** A starting list of public holidays (local ISO dates); the broker edits it in the settings. */
  holidays: readonly string[];
}

export const JURISDICTION_PRESETS: Record<Jurisdiction, JurisdictionPreset> = {
  // DISP 1.6: a prompt written acknowledgement (read here as by the end of the next business day) and a
  // final response within eight weeks.
  fca: {
    name: 'UK FCA (DISP 1.6)',
    timeZone: 'Europe/London',
    acknowledgement: { unit: 'business_days', n: 1 },
    finalResponse: { unit: 'calendar_days', n: 56 },
    holidays: [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ],
  },
  // CySEC Directive DI87-01: acknowledge within 5 working days, answer within 2 months.
  cysec: {
    name: 'CySEC (DI87-01)',
    timeZone: 'Asia/Nicosia',
    acknowledgement: { unit: 'business_days', n: 5 },
    finalResponse: { unit: 'months', n: 2 },
    holidays: [
      '2026-01-01',
      '2026-01-06',
      '2026-02-23',
      '2026-03-25',
      '2026-04-01',
      '2026-04-10',
      '2026-04-13',
      '2026-04-14',
      '2026-05-01',
      '2026-06-01',
      '2026-10-01',
      '2026-10-28',
      '2026-12-24',
      '2026-12-25',
    ],
  },
  // ASIC RG 271: acknowledge within 24 hours, final response within 30 calendar days.
  asic: {
    name: 'ASIC (RG 271)',
    timeZone: 'Australia/Sydney',
    acknowledgement: { unit: 'hours', n: 24 },
    finalResponse: { unit: 'calendar_days', n: 30 },
    holidays: [
      '2026-01-01',
      '2026-01-26',
      '2026-04-03',
      '2026-04-06',
      '2026-06-08',
      '2026-10-05',
      '2026-12-25',
      '2026-12-28',
    ],
  },
};
