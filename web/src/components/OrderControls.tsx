import { ActionIcon, Group, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The first cell of an ordered list's row: its position, and buttons moving it one place up or down
 * (`onMove(index, -1 | 1)`); the first row cannot go up, the last cannot go down.
 */
export function OrderControls({
  index,
  count,
  onMove,
  disabled,
  testIdPrefix,
}: {
  index: number;
  count: number;
  onMove: (index: number, by: -1 | 1) => void;
  /** While a reorder is being saved. */
  disabled?: boolean;
  /** `<prefix>-up` and `<prefix>-down`. */
  testIdPrefix?: string;
}) {
  const { t } = useTranslation();
  const button = (by: -1 | 1) => (
    <ActionIcon
      size="sm"
      variant="subtle"
      color="gray"
      disabled={disabled || (by < 0 ? index === 0 : index === count - 1)}
      onClick={() => onMove(index, by)}
      aria-label={t(by < 0 ? 'clients.rules.moveUp' : 'clients.rules.moveDown')}
      data-testid={testIdPrefix && `${testIdPrefix}-${by < 0 ? 'up' : 'down'}`}
    >
      {by < 0 ? <IconArrowUp size={14} /> : <IconArrowDown size={14} />}
    </ActionIcon>
  );
  return (
    <Group gap={2} wrap="nowrap">
      <Text span size="sm" fw={600} w={22}>
        {index + 1}
      </Text>
      {button(-1)}
      {button(1)}
    </Group>
  );
}
