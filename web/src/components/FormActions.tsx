import { Button, Group, type GroupProps, type MantineSize } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The end of a form: Cancel, then the form's own buttons (the children). */
export function FormActions({
  onCancel,
  size,
  cancelDisabled,
  children,
  ...group
}: {
  onCancel: () => void;
  size?: MantineSize;
  cancelDisabled?: boolean;
  children: ReactNode;
} & Omit<GroupProps, 'children'>) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs" {...group}>
      <Button variant="default" size={size} onClick={onCancel} disabled={cancelDisabled}>
        {t('common.cancel')}
      </Button>
      {children}
    </Group>
  );
}
