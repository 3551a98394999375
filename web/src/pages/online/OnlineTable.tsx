import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconBellRinging, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OnlineClientView } from '../../../../src/shared/contracts/trading';
import { useFormatters } from '../../i18n/format';
import { CountryCode } from '../clients/components/CountryCode';
import { OnlineIndicator } from './OnlineIndicator';
import { marginLevelColor, useNow, useTradingFormat } from './tradingFormat';
import { HintText } from '../../components/HintText';
import { ProblemBadge } from '../payments/paymentFormat';
import { MonoText } from '../../components/MonoText';
import { usePermission } from '../../session/useSession';
import { CallButton } from '../telephony/CallButton';

/** Numbers line up at the end of their cells (right in LTR, left in RTL) and keep their digits tabular. */
const NUM = { ta: 'end', style: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } } as const;

/** Dense "Online now" table: one line per client, the riskiest account's figures. */
export function OnlineTable({ rows }: { rows: OnlineClientView[] }) {
  const { t } = useTranslation();
  const { relative, dateTime } = useFormatters();
  const { money, signedMoney, percent, clock } = useTradingFormat();
  useNow(15_000); // "online for …" keeps ticking between refetches
  // Click-to-call where the viewer may call; otherwise the button opens the card.
  const canCall = usePermission('telephony.call');

  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table data-testid="online-table" highlightOnHover stickyHeader verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('online.page.columns.client')}</Table.Th>
            <Table.Th>{t('online.page.columns.manager')}</Table.Th>
            <Table.Th>{t('online.page.columns.country')}</Table.Th>
            <Table.Th>{t('online.page.columns.onlineSince')}</Table.Th>
            <Table.Th>{t('online.page.columns.login')}</Table.Th>
            <Table.Th ta="end">{t('online.page.columns.equity')}</Table.Th>
            <Table.Th ta="end">{t('online.page.columns.marginLevel')}</Table.Th>
            <Table.Th ta="end">{t('online.page.columns.floating')}</Table.Th>
            <Table.Th ta="center">{t('online.page.columns.alerts')}</Table.Th>
            <Table.Th w={90} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const card = `/clients/${row.clientId}`;
            const level = marginLevelColor(row.marginLevel);
            return (
              <Table.Tr key={row.clientId} data-testid="online-row" data-client-id={row.clientId}>
                <Table.Td maw={260}>
                  <Group gap={8} wrap="nowrap">
                    <OnlineIndicator clientId={row.clientId} onlineSince={row.onlineSince} live />
                    <Anchor
                      component={Link}
                      to={card}
                      fz="sm"
                      fw={500}
                      c="var(--mantine-color-text)"
                      truncate="end"
                      data-testid="online-row-name"
                    >
                      {row.name}
                    </Anchor>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text span fz="sm" c={row.managerName ? undefined : 'dimmed'}>
                    {row.managerName ?? t('online.page.noManager')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CountryCode code={row.country} />
                </Table.Td>
                <Table.Td>
                  <HintText
                    hint={dateTime(row.onlineSince)}
                    span
                    fz="sm"
                    style={{ whiteSpace: 'nowrap' }}
                    data-testid="online-row-since"
                  >
                    {relative(row.onlineSince)}
                    <Text span fz="xs" c="dimmed" ms={6}>
                      {t('online.page.since', { time: clock(row.onlineSince) })}
                    </Text>
                  </HintText>
                </Table.Td>
                <Table.Td>
                  <MonoText>{row.login}</MonoText>
                </Table.Td>
                <Table.Td {...NUM}>
                  <Tooltip
                    label={t('online.page.balance', { amount: money(row.balance, row.currency) })}
                    withArrow
                    openDelay={300}
                  >
                    <Text span fz="sm" fw={500} dir="ltr">
                      {money(row.equity, row.currency)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td {...NUM} data-testid="online-row-margin">
                  {row.marginLevel === null ? (
                    <Tooltip label={t('online.page.noMarginLevel')} withArrow openDelay={300}>
                      <Text span c="dimmed">
                        —
                      </Text>
                    </Tooltip>
                  ) : (
                    <Badge
                      size="sm"
                      variant="light"
                      radius="sm"
                      color={level}
                      dir="ltr"
                      style={{ fontVariantNumeric: 'tabular-nums' }}
                    >
                      {percent(row.marginLevel)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td {...NUM}>
                  <Text
                    span
                    fz="sm"
                    c={row.floatingProfit < 0 ? 'red' : row.floatingProfit > 0 ? 'teal' : 'dimmed'}
                    dir="ltr"
                  >
                    {signedMoney(row.floatingProfit, row.currency)}
                  </Text>
                </Table.Td>
                <Table.Td ta="center">
                  {row.paymentProblem && <ProblemBadge problem={row.paymentProblem} />}
                  {row.openAlerts > 0 ? (
                    <Tooltip label={t('online.page.openAlerts', { count: row.openAlerts })} withArrow>
                      <Badge
                        size="sm"
                        color="red"
                        variant="filled"
                        leftSection={<IconBellRinging size={11} />}
                        data-testid="online-row-alerts"
                      >
                        {row.openAlerts}
                      </Badge>
                    </Tooltip>
                  ) : row.paymentProblem ? null : (
                    <Text span c="dimmed" aria-label={t('online.page.noAlerts')}>
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {canCall ? (
                    <CallButton
                      target={{ clientId: row.clientId }}
                      name={row.name}
                      size="compact-xs"
                      data-testid="online-row-call"
                    />
                  ) : (
                    <Tooltip label={t('online.page.callHint', { name: row.name })} withArrow openDelay={300}>
                      <Button
                        component={Link}
                        to={card}
                        size="compact-xs"
                        variant="light"
                        leftSection={<IconPhone size={12} />}
                        data-testid="online-row-call"
                      >
                        {t('online.page.call')}
                      </Button>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
