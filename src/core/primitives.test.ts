import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  amount,
  credential,
  email,
  int,
  isoInstant,
  isStorable,
  MAX_AMOUNT,
  money,
  queryInt,
  storableCopy,
  text,
  textRecord,
  timestamp,
} from './primitives.js';

const issue = (schema: z.ZodType, value: unknown) => {
  const res = schema.safeParse(value);
  return res.success
    ? null
    : { path: res.error.issues[0]!.path.join('.'), message: res.error.issues[0]!.message };
};

describe('storable text', () => {
  it('refuses NUL and unpaired surrogates, keeps every real character', () => {
    for (const bad of ['a\u0000b', 'a\ud800b', '\udc00', 'x\ud83d']) expect(isStorable(bad), bad).toBe(false);
    for (const good of ['', 'Zoë 🚀', 'محمد', '\u200Fיוסף', '\ud83d\ude80', 'tab\there'])
      expect(isStorable(good)).toBe(true);
    expect(storableCopy('n\u0000\ud800x\ud83d\ude80')).toBe('n\ufffd\ufffdx🚀');
  });

  it('says which field cannot be stored before any other complaint, then trims and bounds it', () => {
    const name = text({ trim: true, min: 1, max: 5, label: 'Name' });
    expect(issue(name, 'way too long\u0000')?.message).toBe('Name contains characters that cannot be stored');
    expect(issue(name, '   ')?.message).toBe('Name is required');
    expect(issue(name, 'abcdef')?.message).toBe('Name is too long (5 characters at most)');
    expect(name.parse('  ab ')).toBe('ab');
    expect(issue(text(), '\ud800')?.message).toBe('This text contains characters that cannot be stored');
    expect(issue(text({ unstorable: 'Not a text file' }), '\u0000')?.message).toBe('Not a text file');
  });

  it('checks emails the same way and lowercases them', () => {
    expect(email().parse(' Anna@Example.COM ')).toBe('anna@example.com');
    expect(issue(email(), 'a\u0000@example.com')?.message).toBe(
      'Email contains characters that cannot be stored',
    );
  });

  it('lets sign-in credentials through as typed, so the service can count and audit them', () => {
    const password = credential({ max: 10, required: 'Enter your password' });
    expect(password.parse(' a\u0000\ud800')).toBe(' a\u0000\ud800');
    expect(password.safeParse('x'.repeat(11)).success).toBe(false);
    const login = credential({ max: 10, required: 'Enter your email', identifier: true });
    expect(login.parse(' Ann\u0000 ')).toBe('ann\u0000');
    expect(issue(login, '   ')?.message).toBe('Enter your email');
  });

  it('refuses unstorable keys and values of a record, naming the record', () => {
    const filters = z.object({
      filters: textRecord({ keyMax: 10, valueMax: 5, maxEntries: 2, label: 'Filter' }),
    });
    expect(issue(filters, { filters: { 'a\u0000': 'x' } })).toEqual({
      path: 'filters',
      message: 'A filter name contains characters that cannot be stored',
    });
    expect(issue(filters, { filters: { q: 'x\ud800' } })?.path).toBe('filters.q');
    expect(issue(filters, { filters: { a: '1', b: '2', c: '3' } })?.message).toBe(
      'Filter: 2 entries at most',
    );
    expect(issue(filters, { filters: { ['k'.repeat(11)]: '1' } })?.path).toBe('filters');
    expect(filters.parse({ filters: { q: 'Zoë' } })).toEqual({ filters: { q: 'Zoë' } });
  });
});

describe('numbers', () => {
  it('keeps whole numbers within int4 unless told otherwise', () => {
    expect(int().safeParse(2 ** 31 - 1).success).toBe(true);
    for (const bad of [2 ** 31, -(2 ** 31) - 1, 1.5, 1e20, Number.NaN, Infinity, '1'])
      expect(int().safeParse(bad).success, String(bad)).toBe(false);
    expect(issue(int({ min: 0, max: 10 }), -1)?.message).toBe('Must be at least 0');
  });

  it('reads whole numbers from query strings, refusing fractions and overflow', () => {
    expect(queryInt({ min: 1, max: 200 }).parse('25')).toBe(25);
    for (const bad of ['1.5', '1e20', '2147483648', 'ten', 'NaN', 'Infinity'])
      expect(queryInt().safeParse(bad).success, bad).toBe(false);
  });

  it('bounds platform amounts at 10^15 and money to whole minor units', () => {
    expect(amount().parse(-MAX_AMOUNT)).toBe(-MAX_AMOUNT);
    expect(amount().safeParse(1e16).success).toBe(false);
    expect(amount({ positive: true }).safeParse(0).success).toBe(false);
    expect(money().parse(12_345)).toBe(12_345);
    for (const bad of [12.5, -1, 1e16, Number.NaN])
      expect(money().safeParse(bad).success, String(bad)).toBe(false);
    expect(money({ signed: true }).parse(-500)).toBe(-500);
  });
});

describe('instants', () => {
  it('accepts ISO date-times with an offset between 1970 and 2200', () => {
    for (const ok of ['1970-01-01T00:00:00Z', '2199-12-31T23:59:59.999Z', '2026-03-01T10:00:00+15:59'])
      expect(isoInstant().safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      '1969-12-31T23:59:59Z',
      '2200-01-01T00:00:00Z',
      '2026-03-01T10:00:00+16:00',
      '10000-01-01',
      '0001-01-01',
      '2026-03-01',
      '2026-03-01T10:00:00',
      'tomorrow',
    ])
      expect(isoInstant().safeParse(bad).success, bad).toBe(false);
    expect(issue(isoInstant(), '2200-06-01T00:00:00+16:00')?.message).toBe(
      'Must be between 1970 and 2200, with an offset of at most ±15:59',
    );
  });

  it('gives a Date for timestamps', () => {
    expect(timestamp().parse('2026-03-01T10:00:00+02:00')).toEqual(new Date('2026-03-01T08:00:00Z'));
  });
});
