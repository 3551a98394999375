import { useCallback, useState } from 'react';
import { isApiError } from '../api/client';

type FieldErrors<T> = Partial<Record<keyof T, string>>;

/**
 * Minimal controlled-form state: values, per-field errors and one form-level
 * error. API errors carrying `field` land on that field, others on the form.
 */
export function useFormState<T extends object>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors<T>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const setField = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    // Editing a field clears its stale error.
    setErrors((current) => (current[key] ? { ...current, [key]: undefined } : current));
  }, []);

  const reset = useCallback((next: T) => {
    setValues(next);
    setErrors({});
    setFormError(null);
  }, []);

  const showError = useCallback(
    (error: unknown, toMessage: (error: unknown) => string) => {
      const message = toMessage(error);
      if (isApiError(error) && error.field && error.field in (values as object)) {
        setErrors({ [error.field]: message } as FieldErrors<T>);
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

  return { values, setField, errors, setErrors, formError, setFormError, showError, clearErrors, reset };
}
