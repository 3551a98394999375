import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SortOrder } from '../../../../../src/shared/contracts/common';
import type { Staff, StaffSortField } from '../../../../../src/shared/contracts/identity';
import { LanguageBadges } from '../../../components/LanguageBadges';
import { RoleBadge } from '../../../components/RoleBadge';
import { SortableTh } from '../../../components/SortableTh';
import { useFormatters } from '../../../i18n/format';

const SORTABLE_COLUMNS = ['name', 'email', 'role', 'team'] as const satisfies readonly StaffSortField[];

interface StaffTableProps {
  rows: Staff[];
  sort: StaffSortField;
  order: SortOrder;
  onSort: (field: StaffSortField) => void;
  /** Omitted for read-only viewers: rows are then not clickable. */
  onOpen?: (staff: Staff) => void;
}

export function StaffTable({ rows, sort, order, onSort, onOpen }: StaffTableProps) {
  const { t } = useTranslation();
  const { dateTime, relative } = useFormatters();
  const th = { sort, order, onSort };

  return (
    <Table.ScrollContainer minWidth={900} maxHeight="calc(100vh - 300px)">
      <Table data-testid="staff-table">
        <Table.Thead>
          <Table.Tr>
            {SORTABLE_COLUMNS.map((field) => (
              <SortableTh key={field} field={field} {...th}>
                {t(`staff.columns.${field}`)}
              </SortableTh>
            ))}
            <Table.Th>{t('staff.columns.languages')}</Table.Th>
            <Table.Th>{t('staff.columns.active')}</Table.Th>
            <Table.Th>{t('staff.columns.mfa')}</Table.Th>
            <SortableTh field="lastLoginAt" {...th}>
              {t('staff.columns.lastLogin')}
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((staff) => (
            <Table.Tr
              key={staff.id}
              data-testid="staff-row"
              data-staff-id={staff.id}
              onClick={onOpen && (() => onOpen(staff))}
              onKeyDown={onOpen && ((event) => event.key === 'Enter' && onOpen(staff))}
              tabIndex={onOpen ? 0 : undefined}
              style={onOpen ? { cursor: 'pointer' } : undefined}
              opacity={staff.active ? 1 : 0.6}
            >
              <Table.Td fw={500}>
                {staff.name}
                {staff.absent && (
                  <Badge size="xs" variant="light" color="orange" ms={6} data-testid="staff-absent">
                    {t('staff.outOfOffice')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text span fz="sm" dir="ltr">
                  {staff.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <RoleBadge role={staff.role} />
              </Table.Td>
              <Table.Td>
                {staff.teamName ?? (
                  <Text span c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <LanguageBadges codes={staff.languages} />
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="dot" color={staff.active ? 'teal' : 'gray'}>
                  {staff.active ? t('common.active') : t('common.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <MfaState enabled={staff.mfaEnabled} />
              </Table.Td>
              <Table.Td>
                {staff.lastLoginAt ? (
                  <Tooltip label={dateTime(staff.lastLoginAt)}>
                    <Text span fz="sm">
                      {relative(staff.lastLoginAt)}
                    </Text>
                  </Tooltip>
                ) : (
                  <Text span c="dimmed" fz="sm">
                    {t('common.never')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Whether two-factor sign-in is on, as a shield with its word in a tooltip. */
function MfaState({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const label = enabled ? t('common.on') : t('common.off');
  const Icon = enabled ? IconShieldCheck : IconShieldOff;
  return (
    <Tooltip label={label}>
      <Icon
        size={16}
        color={enabled ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-gray-5)'}
        aria-label={label}
      />
    </Tooltip>
  );
}
