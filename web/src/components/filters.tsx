import { Button, Select, TextInput, type SelectProps, type TextInputProps } from '@mantine/core';
import { DatePickerInput, DatesProvider, type DatePickerInputProps } from '@mantine/dates';
import { IconCalendar, IconSearch, IconX } from '@tabler/icons-react';
import 'dayjs/locale/ar';
import 'dayjs/locale/id';
import 'dayjs/locale/ru';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';

/** The building blocks of the filter bars above lists: small fields named by their placeholder. */

/** Date pickers in the viewer's language, weeks starting on Monday. */
export function LocalDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

export function ClearFiltersButton({ onClick, testId }: { onClick: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button
      size="xs"
      variant="subtle"
      color="gray"
      leftSection={<IconX size={14} />}
      onClick={onClick}
      data-testid={testId}
    >
      {t('common.clearFilters')}
    </Button>
  );
}

type Labelled = { label: string; testId: string };

/** A free-text filter; the label is its placeholder and its accessible name. */
export function SearchFilter({
  label,
  testId,
  ...props
}: Labelled & Omit<TextInputProps, 'label' | 'size' | 'placeholder'>) {
  return (
    <TextInput
      size="xs"
      leftSection={<IconSearch size={14} />}
      placeholder={label}
      aria-label={label}
      data-testid={testId}
      {...props}
    />
  );
}

/** A one-of filter; empty (cleared) means any. */
export function SelectFilter({
  label,
  testId,
  ...props
}: Labelled & Omit<SelectProps, 'label' | 'size' | 'clearable'>) {
  return <Select size="xs" aria-label={label} clearable data-testid={testId} {...props} />;
}

/** A calendar-day or day-range filter, shown in the house date format. */
export function DateFilter<Type extends 'default' | 'range' = 'default'>({
  label,
  testId,
  ...props
}: Labelled & Omit<DatePickerInputProps<Type>, 'label' | 'size' | 'clearable'>) {
  const { pickedDates } = useFormatters();
  return (
    <DatePickerInput<Type>
      size="xs"
      leftSection={<IconCalendar size={14} />}
      placeholder={label}
      valueFormatter={pickedDates}
      aria-label={label}
      clearable
      data-testid={testId}
      {...(props as DatePickerInputProps<Type>)}
    />
  );
}
