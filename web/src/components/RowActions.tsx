import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface RowActionsProps {
  onEdit?: () => void;
  onDelete?: () => void;
  /** `${testIdPrefix}-edit` and `${testIdPrefix}-delete`. */
  testIdPrefix: string;
  iconSize?: number;
  withArrow?: boolean;
  gap?: number;
}

/** The edit and delete buttons at the end of an admin table row. */
export function RowActions({
  onEdit,
  onDelete,
  testIdPrefix,
  iconSize = 14,
  withArrow = true,
  gap = 2,
}: RowActionsProps) {
  const { t } = useTranslation();
  const action = (kind: 'edit' | 'delete', onClick: () => void) => (
    <Tooltip label={t(`common.${kind}`)} withArrow={withArrow}>
      <ActionIcon
        size="sm"
        variant="subtle"
        color={kind === 'delete' ? 'red' : undefined}
        onClick={onClick}
        aria-label={t(`common.${kind}`)}
        data-testid={`${testIdPrefix}-${kind}`}
      >
        {kind === 'edit' ? <IconPencil size={iconSize} /> : <IconTrash size={iconSize} />}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Group gap={gap} wrap="nowrap" justify="flex-end">
      {onEdit && action('edit', onEdit)}
      {onDelete && action('delete', onDelete)}
    </Group>
  );
}
