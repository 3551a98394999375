import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from './options';

/** The trader's country or language, picked by its name in the interface language. */
export function CodeSelect({ kind, ...props }: { kind: 'country' | 'language' } & Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  const options = useCodeOptions(kind);
  return (
    <Select
      label={t(`cabinet.fields.${kind}`)}
      data={options}
      searchable
      nothingFoundMessage={t('cabinet.fields.nothingFound')}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
