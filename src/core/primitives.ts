import { z } from 'zod';

/**
 * The building blocks of every request contract (routes, ingestion): what PostgreSQL can store and what
 * is in a sane range. A value outside them is a 400 naming the field, never a failed insert (a 500) or a
 * row nobody can read back. Contracts use these instead of z.string()/z.number()/z.coerce (lint enforces
 * it), so a new field cannot forget.
 */

// ── text ──────────────────────────────────────────────────────────────────────────────────────────

/** NUL (text and jsonb refuse it) or a UTF-16 surrogate without its pair (not valid UTF-8). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const isStorable = (value: string): boolean => !UNSTORABLE.test(value);
/** A storable copy (each offending character becomes U+FFFD), for recording input that was refused. */
export const storableCopy = (value: string): string => value.replace(UNSTORABLE_ALL, '\uFFFD');

export const unstorableMessage = (label = 'This text') =>
  `${label} contains characters that cannot be stored`;

export interface TextOptions {
  /** Names the field in messages: "Name is too long…". */
  label?: string;
  /** Strip surrounding whitespace before the length checks. */
  trim?: boolean;
  min?: number;
  max?: number;
  /** The refusal of unstorable text, when the field has a better one than "… cannot be stored". */
  unstorable?: string;
}

/**
 * Text the database can store. Chain further string checks as usual (`.email()`, `.regex()`,
 * `.toLowerCase()`); the storability check runs first, so it is the error a client sees.
 */
export function text(opts: TextOptions = {}): z.ZodString {
  const label = opts.label ?? 'This text';
  let schema = z.string().refine(isStorable, opts.unstorable ?? unstorableMessage(opts.label));
  if (opts.trim) schema = schema.trim();
  if (opts.min !== undefined)
    schema = schema.min(
      opts.min,
      opts.min === 1 ? `${label} is required` : `${label} is too short (${opts.min} characters at least)`,
    );
  if (opts.max !== undefined)
    schema = schema.max(opts.max, `${label} is too long (${opts.max} characters at most)`);
  return schema;
}

/**
 * Sign-in input (an email or login, a password): any text up to `max`, storable or not. It is only
 * compared, never stored as typed; the sign-in services treat unstorable text as matching no account,
 * so it is answered, throttled and audited (as a storable copy) like any other wrong sign-in.
 */
export function credential(opts: { max: number; required: string; identifier?: boolean }) {
  const raw = z.string();
  // An email or login is compared trimmed and in lower case; a password exactly as typed.
  const typed = opts.identifier ? raw.trim().toLowerCase() : raw;
  return typed.min(1, opts.required).max(opts.max, `Too long (${opts.max} characters at most)`);
}

export const email = () =>
  text({ trim: true, max: 254, label: 'Email' }).toLowerCase().email('Enter a valid email address');

/** A record's id as the API shows it. */
export const uuid = () => z.uuid({ error: 'Must be an id (UUID)' });

/**
 * A string-to-text map stored as JSON (e.g. a saved view's filters): keys and values must be storable.
 * A bad key is reported on the record itself, so the message never has to quote it.
 */
export function textRecord(opts: { keyMax: number; valueMax: number; maxEntries: number; label: string }) {
  return z.record(z.string(), text({ max: opts.valueMax })).superRefine((record, ctx) => {
    const keys = Object.keys(record);
    if (keys.length > opts.maxEntries)
      ctx.addIssue({ code: 'custom', message: `${opts.label}: ${opts.maxEntries} entries at most` });
    else if (keys.some((k) => !isStorable(k)))
      ctx.addIssue({ code: 'custom', message: unstorableMessage(`A ${opts.label.toLowerCase()} name`) });
    else if (keys.some((k) => k.length === 0 || k.length > opts.keyMax))
      ctx.addIssue({ code: 'custom', message: `${opts.label} names are 1–${opts.keyMax} characters` });
  });
}

// ── numbers ───────────────────────────────────────────────────────────────────────────────────────

/** What an int4 column holds. */
export const INT4 = { min: -2_147_483_648, max: 2_147_483_647 } as const;
/** bigint columns read back as JS numbers: exact up to 2^53 − 1. */
export const SAFE_BIGINT = Number.MAX_SAFE_INTEGER;

interface Range {
  min?: number;
  max?: number;
}
const limits = (range: Range, floor: number, ceiling: number) => {
  const min = range.min ?? floor;
  const max = range.max ?? ceiling;
  return { min, max, below: `Must be at least ${min}`, above: `Must be at most ${max}` };
};
const bounded = (schema: z.ZodNumber, range: Range, floor: number, ceiling: number) => {
  const l = limits(range, floor, ceiling);
  return schema.min(l.min, l.below).max(l.max, l.above);
};

/** A whole number, by default within int4. */
export const int = (range: Range = {}) =>
  bounded(z.number('Must be a number').int('Must be a whole number'), range, INT4.min, INT4.max);

/** A whole number from a query string ("25"); "1.5", "1e20" and words are refused. */
export const queryInt = (range: Range = {}) => {
  const l = limits(range, INT4.min, INT4.max);
  return z.coerce
    .number<string>('Must be a number')
    .int('Must be a whole number')
    .min(l.min, l.below)
    .max(l.max, l.above);
};

/** Far beyond any real account, and still exact to the cent in a double: sums cannot overflow. */
export const MAX_AMOUNT = 1e15;

/**
 * A decimal amount as trading platforms report it (account currency, stored as double precision):
 * finite, within ±10^15. `positive` refuses zero and below.
 */
export const amount = (range: Range & { positive?: boolean } = {}) => {
  const schema = bounded(z.number('Must be a number'), range, -MAX_AMOUNT, MAX_AMOUNT);
  return range.positive ? schema.positive('Must be more than 0') : schema;
};

/**
 * Money as the CRM keeps it: integer minor units (cents), within ±10^15 (bigint holds it, a double
 * adds it up exactly). Not negative unless `signed`.
 */
export const money = (opts: { signed?: boolean } = {}) =>
  bounded(
    z.number('Must be a number').int('Use whole minor units (cents)'),
    {},
    opts.signed ? -MAX_AMOUNT : 0,
    MAX_AMOUNT,
  );

// ── time ──────────────────────────────────────────────────────────────────────────────────────────

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
const OFFSET = /([+-])(\d{2}):?(\d{2})$/;

/** Whether an ISO 8601 instant is one PostgreSQL stores as written and any clock could mean. */
const saneInstant = (value: string) => {
  const offset = OFFSET.exec(value);
  if (offset && Number(offset[2]) > 15) return false;
  const ms = Date.parse(value);
  return ms >= EARLIEST && ms < LATEST;
};

/**
 * An ISO 8601 date-time with Z or an offset (±15:59 at most, what PostgreSQL accepts), between 1970
 * and 2200, kept as the string it was written as.
 */
export const isoInstant = () =>
  z.iso
    .datetime({ offset: true, error: 'Use an ISO 8601 date and time, e.g. 2025-01-31T09:00:00Z' })
    .refine(saneInstant, 'Must be between 1970 and 2200, with an offset of at most ±15:59');

/** The same instant as a Date. */
export const timestamp = () => isoInstant().transform((v) => new Date(v));

// ── querystrings ──────────────────────────────────────────────────────────────────────────────────

/** `true` or `false` in a query string. */
export const flag = () => z.enum(['true', 'false']).transform((v) => v === 'true');

/** Page and page size of a list (spread into a query object). */
export const pagingQuery = {
  page: queryInt({ min: 1, max: 100_000 }).default(1),
  pageSize: queryInt({ min: 1, max: 200 }).default(25),
};

/** `/:id` route parameters. */
export const idParams = () => z.object({ id: uuid() });
