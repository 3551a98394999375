import { Stack, Table, Text } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutboxPage } from '../../../api/outbox';
import { DataTable } from '../../../components/DataTable';
import { ExpandToggle } from '../../../components/ExpandToggle';
import { QueryCard } from '../../../components/QueryCard';
import { TablePager } from '../../../components/TablePager';
import { useFormatters } from '../../../i18n/format';
import { OutboxBody, SensitiveBody } from './OutboxBody';

const PAGE_SIZE = 25;
const COLUMNS = ['to', 'subject', 'createdAt'] as const;

export default function OutboxTab() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<string | null>(null);
  const outbox = useOutboxPage(page, PAGE_SIZE);

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('outbox.description')}
      </Text>
      <QueryCard
        query={outbox}
        skeletonRows={5}
        empty={{
          isEmpty: (data) => data.items.length === 0,
          icon: <IconMailOff size={22} />,
          title: t('outbox.emptyTitle'),
          description: t('outbox.emptyDescription'),
        }}
      >
        {(data) => (
          <>
            <DataTable
              minWidth={640}
              testId="outbox-table"
              columns={[{ w: 36 }, ...COLUMNS.map((key) => ({ label: t(`outbox.columns.${key}`) }))]}
            >
              {data.items.map((email) => {
                const open = expanded === email.id;
                return (
                  <Fragment key={email.id}>
                    <Table.Tr
                      data-testid="outbox-row"
                      style={{ cursor: 'pointer' }}
                      onClick={() => setExpanded(open ? null : email.id)}
                    >
                      <Table.Td>
                        <ExpandToggle open={open} />
                      </Table.Td>
                      <Table.Td>
                        <Text span fz="sm" dir="ltr">
                          {email.to}
                        </Text>
                      </Table.Td>
                      <Table.Td fw={500}>{email.subject}</Table.Td>
                      <Table.Td>{dateTime(email.createdAt)}</Table.Td>
                    </Table.Tr>
                    {open && (
                      <Table.Tr>
                        <Table.Td colSpan={4} bg="var(--mantine-color-default-hover)">
                          {email.text === null ? (
                            <SensitiveBody id={email.id} />
                          ) : (
                            <OutboxBody text={email.text} />
                          )}
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </DataTable>
            <TablePager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
          </>
        )}
      </QueryCard>
    </Stack>
  );
}
