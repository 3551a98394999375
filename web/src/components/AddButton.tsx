import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

/** The small "+ New …" button above an admin list. */
export function AddButton({
  label,
  onClick,
  testId,
}: {
  label: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}
