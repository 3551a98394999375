import { Select } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isUiLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n/languages';
import { useChangeLanguage } from '../i18n/useChangeLanguage';

const OPTIONS = UI_LANGUAGES.map(({ code, label }) => ({ value: code, label }));

/** `onChange` runs after the switch, e.g. to save the choice to a signed-in user's profile. */
export function LanguageSwitcher({ onChange }: { onChange?: (language: UiLanguage) => void } = {}) {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <Select
      size="xs"
      w={{ base: 124, sm: 168 }}
      data={OPTIONS}
      value={i18n.language}
      onChange={(value) => {
        if (!isUiLanguage(value)) return;
        changeLanguage(value);
        onChange?.(value);
      }}
      allowDeselect={false}
      leftSection={<IconLanguage size={14} />}
      aria-label={t('language.label')}
      comboboxProps={{ withinPortal: true }}
      data-testid="language-switcher"
    />
  );
}
