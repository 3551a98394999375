import { Input, Tabs, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../../../i18n/languages';

interface InstructionsFieldProps {
  value: Record<string, string>;
  error?: string;
  onChange: (value: Record<string, string>) => void;
}

/** A manual system's instructions in each UI language; the trader is shown theirs, else English. */
export function InstructionsField({ value, error, onChange }: InstructionsFieldProps) {
  const { t } = useTranslation();
  return (
    <Input.Wrapper
      label={t('payments.systems.instructions')}
      description={t('payments.systems.instructionsHint')}
      error={error}
    >
      <Tabs defaultValue="en" variant="outline" mt={4}>
        <Tabs.List>
          {UI_LANGUAGES.map((lang) => (
            <Tabs.Tab key={lang.code} value={lang.code} fz="xs">
              {lang.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {UI_LANGUAGES.map((lang) => (
          <Tabs.Panel key={lang.code} value={lang.code} pt={6}>
            <Textarea
              aria-label={`${t('payments.systems.instructions')} (${lang.label})`}
              dir={lang.dir}
              autosize
              minRows={3}
              maxRows={10}
              value={value[lang.code] ?? ''}
              onChange={(e) => onChange({ ...value, [lang.code]: e.currentTarget.value })}
              data-testid={`system-form-instructions-${lang.code}`}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Input.Wrapper>
  );
}
