import { useCallback, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { checkAll, checkField, type FieldErrors, type Rules } from './validation';

/**
 * Controlled-form state: values, per-field errors and one form-level error.
 *
 * With `rules`, `handleSubmit` checks every field before anything is sent and shows all the errors at
 * once; after a failed submit each field is re-checked as it is edited, and limits ("200 characters at
 * most") are checked while typing. API errors carrying `field` land on that field, others on the form.
 */
type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/**
 * `value`, `onChange` and `error` of an input bound to one field: `text` for text inputs (the value is
 * read from the event), `value` for inputs that hand over their value (Select, TagsInput, …), `choice`
 * for a Select that always holds one of its options (it cannot be cleared), `check` for a Switch or
 * Checkbox.
 */
export function fieldBinder<T extends object>(
  values: T,
  errors: FieldErrors<T>,
  setField: <K extends keyof T>(key: K, value: T[K]) => void,
) {
  return {
    text: <K extends StringKeys<T>>(key: K) => ({
      value: values[key] as string,
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        setField(key, event.currentTarget.value as T[K]),
      error: errors[key],
    }),
    value: <K extends keyof T>(key: K) => ({
      value: values[key],
      onChange: (value: T[K]) => setField(key, value),
      error: errors[key],
    }),
    // The field's type is the union of the options; the Select hands back one of them as a string.
    choice: <K extends StringKeys<T>>(key: K) => ({
      value: values[key] as string,
      onChange: (value: string | null) => {
        if (value !== null) setField(key, value as T[K]);
      },
      allowDeselect: false,
      error: errors[key],
    }),
    check: <K extends { [P in keyof T]: T[P] extends boolean ? P : never }[keyof T]>(key: K) => ({
      checked: values[key] as boolean,
      onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.checked as T[K]),
      error: errors[key],
    }),
  };
}

export function useFormState<T extends object>(initial: T, rules: Rules<T> = {}) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors<T>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Rules are rebuilt on every render (they close over translations); read the latest.
  const rulesRef = useRef(rules);
  rulesRef.current = rules;
  const submitted = useRef(false);

  // The latest values, also between a setField and the render it causes (several fields set at once).
  const latest = useRef(values);
  latest.current = values;

  const setField = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    const next = { ...latest.current, [key]: value };
    latest.current = next;
    setValues(next);
    // Editing a field replaces its stale error with what the rules say now.
    const message = checkField(rulesRef.current, key, next, !submitted.current);
    setErrors((errs) => (errs[key] === message ? errs : { ...errs, [key]: message }));
  }, []);

  const reset = useCallback((next: T) => {
    latest.current = next;
    setValues(next);
    setErrors({});
    setFormError(null);
    submitted.current = false;
  }, []);

  const showError = useCallback(
    (error: unknown, toMessage: (error: unknown) => string) => {
      const message = toMessage(error);
      if (isApiError(error) && error.field && error.field in (values as object)) {
        const field = error.field as keyof T;
        setErrors((current) => ({ ...current, [field]: message }));
        setFormError(null);
      } else {
        setFormError(message);
      }
    },
    [values],
  );

  const clearErrors = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  /** Checks every field; true when all pass. */
  const validate = useCallback((): boolean => {
    submitted.current = true;
    const found = checkAll(rulesRef.current, latest.current);
    setErrors(found);
    setFormError(null);
    return Object.keys(found).length === 0;
  }, []);

  /** An onSubmit handler: validates everything, then calls `onValid` only if nothing is wrong. */
  const handleSubmit = useCallback(
    (onValid: (values: T) => void) => (event?: FormEvent) => {
      event?.preventDefault();
      if (validate()) onValid(latest.current);
    },
    [validate],
  );

  const {
    text: textField,
    value: valueField,
    choice: choiceField,
    check: checkedField,
  } = fieldBinder(values, errors, setField);

  return {
    values,
    setField,
    textField,
    valueField,
    choiceField,
    checkedField,
    errors,
    setErrors,
    formError,
    setFormError,
    showError,
    clearErrors,
    reset,
    validate,
    handleSubmit,
  };
}
