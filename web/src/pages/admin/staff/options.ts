import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, STAFF_LANGUAGES } from '../../../../../src/shared/identity';
import { useFormatters } from '../../../i18n/format';

export function useRoleOptions() {
  const { t } = useTranslation();
  return useMemo(() => ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })), [t]);
}

export function useLanguageOptions() {
  const { languageName } = useFormatters();
  return useMemo(
    () => STAFF_LANGUAGES.map((code) => ({ value: code, label: `${languageName(code)} (${code})` })),
    [languageName],
  );
}
