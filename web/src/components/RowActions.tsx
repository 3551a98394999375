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
  return (
    <Group gap={gap} wrap="nowrap" justify="flex-end">
      {onEdit && (
        <Tooltip label={t('common.edit')} withArrow={withArrow}>
          <ActionIcon
            size="sm"
            variant="subtle"
            onClick={onEdit}
            aria-label={t('common.edit')}
            data-testid={`${testIdPrefix}-edit`}
          >
            <IconPencil size={iconSize} />
          </ActionIcon>
        </Tooltip>
      )}
      {onDelete && (
        <Tooltip label={t('common.delete')} withArrow={withArrow}>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="red"
            onClick={onDelete}
            aria-label={t('common.delete')}
            data-testid={`${testIdPrefix}-delete`}
          >
            <IconTrash size={iconSize} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
