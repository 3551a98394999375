import { Alert, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

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
    <Alert
      color="red"
      variant="light"
      p="xs"
      icon={<IconAlertCircle size={16} />}
      title={title}
      role="alert"
      data-testid={testId}
    >
      <Text size="sm">{message}</Text>
    </Alert>
  );
}
