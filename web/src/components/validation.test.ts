import { describe, expect, it } from 'vitest';
import { checkAll, checkField, isEmail, isPhone, type Rule, type Rules } from './validation';

interface Form {
  name: string;
  email: string;
  phone: string;
}

const required: Rule<unknown> = (v) => (typeof v === 'string' && v.trim() ? null : 'required');
const max200: Rule<unknown> = Object.assign(
  (v: unknown) => (String(v).trim().length > 200 ? 'too long' : null),
  {
    live: true,
  },
);
const email: Rule<unknown> = (v) => (String(v) && !isEmail(String(v)) ? 'bad email' : null);
const phone: Rule<unknown> = (v) => (String(v) && !isPhone(String(v)) ? 'bad phone' : null);
const rules: Rules<Form> = { name: [required, max200], email: [required, email], phone: [phone] };

describe('form rules', () => {
  it('names every wrong field at once, each with its first failing rule', () => {
    expect(checkAll(rules, { name: 'x'.repeat(201), email: 'nope', phone: '123' })).toEqual({
      name: 'too long',
      email: 'bad email',
      phone: 'bad phone',
    });
    expect(checkAll(rules, { name: '', email: '', phone: '' })).toEqual({
      name: 'required',
      email: 'required',
    });
    expect(checkAll(rules, { name: 'Ada', email: 'ada@example.com', phone: '+44 20 7946 0958' })).toEqual({});
  });

  it('checks only the limits while the visitor is still typing', () => {
    const values = { name: 'x'.repeat(201), email: '', phone: '' };
    expect(checkField(rules, 'name', values, true)).toBe('too long');
    expect(checkField(rules, 'email', values, true)).toBeUndefined();
    expect(checkField(rules, 'email', values)).toBe('required');
  });

  it('accepts phones the way the server stores them (E.164 after dropping spaces, dashes, brackets)', () => {
    expect(isPhone('+62 812-3456 (7890)')).toBe(true);
    expect(isPhone('0044 20 7946 0958')).toBe(true);
    expect(isPhone('12345')).toBe(false);
  });
});
