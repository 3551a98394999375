import { Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { Notice } from './Notice';

/** Inline, form-level error (field errors are shown on the fields themselves). */
export function FormError({
  message,
  title,
  testId = 'form-error',
}: {
  message: string | null;
  title?: string;
  testId?: string;
}) {
  if (!message) return null;
  return (
    <Notice color="red" icon={IconAlertCircle} compact title={title} role="alert" data-testid={testId}>
      <Text size="sm">{message}</Text>
    </Notice>
  );
}
