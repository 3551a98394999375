import { Button, Checkbox, Divider, Popover, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CLIENT_LIST_COLUMNS, type ClientListColumn } from '../../../../../src/shared/client-list';
import { useColumnLabel } from './clientColumns';
import { ToolButton } from '../../../components/ToolButton';

/** "Columns" menu of the client list: tick the columns to show; the name is always there. */
export function ColumnChooser({
  columns,
  onToggle,
  onReset,
}: {
  columns: ClientListColumn[];
  onToggle: (column: ClientListColumn) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const labelOf = useColumnLabel();
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <ToolButton icon={IconColumns} variant="default" data-testid="columns-chooser">
          {t('workview.columns.chooser')}
        </ToolButton>
      </Popover.Target>
      <Popover.Dropdown p="sm">
        <Text fw={600} size="sm" mb="xs" id="columns-chooser-title">
          {t('workview.columns.chooserTitle')}
        </Text>
        <Stack gap={6} role="group" aria-labelledby="columns-chooser-title">
          {CLIENT_LIST_COLUMNS.map((column) => (
            <Checkbox
              key={column}
              size="xs"
              label={labelOf(column)}
              checked={columns.includes(column)}
              onChange={() => onToggle(column)}
              data-testid={`column-toggle-${column}`}
            />
          ))}
        </Stack>
        <Divider my="xs" />
        <Button size="compact-xs" variant="subtle" onClick={onReset} data-testid="columns-reset">
          {t('workview.columns.reset')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
