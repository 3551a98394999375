import { Badge, Code, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../../src/shared/contracts/activity';
import { DataTable } from '../../../components/DataTable';
import { ExpandToggle } from '../../../components/ExpandToggle';
import { JsonBlock } from '../../../components/JsonBlock';
import { useFormatters } from '../../../i18n/format';
import { summarizePayload } from './summarizePayload';
import { MonoText } from '../../../components/MonoText';

const COLUMNS = ['time', 'type', 'actor', 'subject', 'ip', 'summary'] as const;
/** The expander column and the named ones: the width of an opened payload row. */
const COLUMN_COUNT = COLUMNS.length + 1;

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  const { dateTimeSeconds } = useFormatters();
  const [expanded, setExpanded] = useState<number | null>(null);

  return (
    <DataTable
      minWidth={960}
      maxHeight="calc(100vh - 300px)"
      testId="audit-table"
      columns={[{ w: 36 }, ...COLUMNS.map((key) => ({ label: t(`audit.columns.${key}`) }))]}
    >
      {events.map((event) => {
        const open = expanded === event.id;
        return (
          <Fragment key={event.id}>
            <Table.Tr
              data-testid="audit-row"
              data-event-type={event.type}
              style={{ cursor: 'pointer' }}
              onClick={() => setExpanded(open ? null : event.id)}
            >
              <Table.Td>
                <ExpandToggle open={open} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTimeSeconds(event.createdAt)}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" radius="sm" tt="none" ff="monospace" dir="ltr">
                  {event.type}
                </Badge>
              </Table.Td>
              <Table.Td>
                {event.actorName ?? (
                  <Text span c="dimmed" fz="sm">
                    {t('audit.system')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {event.subjectType ? (
                  <MonoText fz="xs">
                    {event.subjectType}
                    {event.subjectId ? `:${event.subjectId.slice(0, 8)}` : ''}
                  </MonoText>
                ) : (
                  <Text span c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {event.ip ? (
                  <Code fz="xs" dir="ltr">
                    {event.ip}
                  </Code>
                ) : (
                  <Text span c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td maw={360}>
                <Text fz="xs" c="dimmed" truncate dir="auto">
                  {summarizePayload(event.payload)}
                </Text>
              </Table.Td>
            </Table.Tr>
            {open && (
              <Table.Tr>
                <Table.Td colSpan={COLUMN_COUNT} bg="var(--mantine-color-default-hover)">
                  <Text fz="xs" fw={600} mb={4}>
                    {t('audit.payload')}
                  </Text>
                  <JsonBlock value={event.payload} />
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        );
      })}
    </DataTable>
  );
}
