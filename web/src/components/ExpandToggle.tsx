import { ActionIcon, useDirection } from '@mantine/core';
import { IconChevronDown, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Chevron for expandable table rows; points "forward" in both LTR and RTL. */
export function ExpandToggle({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const Closed = dir === 'rtl' ? IconChevronLeft : IconChevronRight;
  return (
    <ActionIcon
      variant="subtle"
      size="xs"
      color="gray"
      aria-expanded={open}
      aria-label={open ? t('common.hideDetails') : t('common.showDetails')}
    >
      {open ? <IconChevronDown size={14} /> : <Closed size={14} />}
    </ActionIcon>
  );
}
