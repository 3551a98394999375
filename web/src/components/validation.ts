import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** One check of one field: a message when the value is wrong, else null. */
export type Rule<V, T = unknown> = ((value: V, values: T) => string | null) & {
  /** Checked while typing, not only on submit (e.g. "200 characters at most"). */
  live?: boolean;
};
export type Rules<T> = { [K in keyof T]?: Rule<T[K], T>[] };
export type FieldErrors<T> = Partial<Record<keyof T, string>>;

// The server's limits (src/modules/clients/contracts.ts, identity/passwords.ts), checked here first so a
// form names every wrong field at once; the server still has the last word.
export const LIMITS = { name: 200, email: 254, password: { min: 10, max: 200 } } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** The server stores E.164: spaces, dashes and brackets dropped, a leading 00 read as +. */
export const normalisePhone = (value: string) =>
  value
    .trim()
    .replace(/[\s().-]/g, '')
    .replace(/^00/, '+');
export const isPhone = (value: string) => /^\+[1-9]\d{7,14}$/.test(normalisePhone(value));
export const isEmail = (value: string) => EMAIL.test(value.trim());

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const blank = (value: unknown) =>
  value === null || value === undefined || value === false || (typeof value === 'string' && !value.trim());

/** The first failing rule's message for one field, or undefined. */
export function checkField<T, K extends keyof T>(
  rules: Rules<T>,
  key: K,
  values: T,
  liveOnly = false,
): string | undefined {
  for (const rule of rules[key] ?? []) {
    if (liveOnly && !rule.live) continue;
    const message = rule(values[key], values);
    if (message) return message;
  }
  return undefined;
}

/** Every field's first failing rule, all at once. */
export function checkAll<T>(rules: Rules<T>, values: T): FieldErrors<T> {
  const errors: FieldErrors<T> = {};
  for (const key of Object.keys(rules) as (keyof T)[]) {
    const message = checkField(rules, key, values);
    if (message) errors[key] = message;
  }
  return errors;
}

/** Rule builders with messages in the UI language; a form may pass its own wording. */
export function useRules() {
  const { t } = useTranslation();
  return useMemo(() => {
    const maxLength = (max: number): Rule<unknown> => {
      const rule: Rule<unknown> = (v) => (text(v).trim().length > max ? t('form.tooLong', { max }) : null);
      rule.live = true;
      return rule;
    };
    return {
      required:
        (message?: string): Rule<unknown> =>
        (v) =>
          blank(v) ? (message ?? t('common.required')) : null,
      maxLength,
      minLength:
        (min: number, message?: string): Rule<unknown> =>
        (v) =>
          text(v).length > 0 && text(v).length < min ? (message ?? t('form.tooShort', { min })) : null,
      email:
        (message?: string): Rule<unknown> =>
        (v) =>
          text(v).trim() && !isEmail(text(v)) ? (message ?? t('form.email')) : null,
      phone:
        (message?: string): Rule<unknown> =>
        (v) =>
          text(v).trim() && !isPhone(text(v)) ? (message ?? t('form.phone')) : null,
    };
  }, [t]);
}

/**
 * A length limit said out loud instead of a silent `maxLength` cut: the error once the value is over
 * the limit, and a "180 of 200 characters" counter once it nears it. For fields outside useFormState
 * (whose `rules.maxLength` gives the same error).
 */
export function useLengthLimit() {
  const { t } = useTranslation();
  return useCallback(
    (value: string, max: number) => {
      const length = value.trim().length;
      return {
        over: length > max,
        error: length > max ? t('form.tooLong', { max }) : undefined,
        hint: value.length >= max * 0.8 ? t('form.counter', { count: length, max }) : undefined,
      };
    },
    [t],
  );
}
