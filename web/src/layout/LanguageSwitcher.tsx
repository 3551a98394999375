import { Select } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isUiLanguage, UI_LANGUAGES } from '../i18n/languages';
import { useChangeLanguage } from '../i18n/useChangeLanguage';

const OPTIONS = UI_LANGUAGES.map(({ code, label }) => ({ value: code, label }));

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <Select
      size="xs"
      w={{ base: 124, sm: 168 }}
      data={OPTIONS}
      value={i18n.language}
      onChange={(value) => isUiLanguage(value) && changeLanguage(value)}
      allowDeselect={false}
      leftSection={<IconLanguage size={14} />}
      aria-label={t('language.label')}
      comboboxProps={{ withinPortal: true }}
      data-testid="language-switcher"
    />
  );
}
