import { Anchor, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useClientAccounts, useClientAlerts } from '../../../../api/trading';
import type { AccountView, AlertView } from '../../../../../../src/shared/contracts/trading';
import type { AlertKind } from '../../../../../../src/shared/trading';
import { useFormatters } from '../../../../i18n/format';
import { useSelectedAccount } from './useSelectedAccount';
import { Notice } from '../../../../components/Notice';

/** Margin call and stop-out mean money is being lost right now: red; the rest: orange. */
const SEVERE: AlertKind[] = ['margin_call', 'stop_out'];
const colorOf = (alerts: AlertView[]) => (alerts.some((a) => SEVERE.includes(a.kind)) ? 'red' : 'orange');

/** Keeps a formatted number (minus sign, currency symbol) in one left-to-right run inside any sentence. */
const ltr = (value: string) => `\u2066${value}\u2069`;

/** Reads an alert's value and threshold in the unit of its kind. */
function useAlertFigures() {
  const { money, percent, number } = useFormatters();
  return (alert: AlertView, currency: string | undefined) => {
    const show = (value: number | null): string | null => {
      if (value === null) return null;
      switch (alert.kind) {
        case 'margin_call':
          return percent(value);
        case 'no_trading':
          return number(value, 0, 0);
        default:
          return currency ? money(value, currency) : number(value, 2, 2);
      }
    };
    return { value: show(alert.value), threshold: show(alert.threshold) };
  };
}

function AlertLine({
  alert,
  account,
  onSelect,
}: {
  alert: AlertView;
  account: AccountView | undefined;
  onSelect: (accountId: string) => void;
}) {
  const { t } = useTranslation();
  const { relative, dateTime } = useFormatters();
  const figures = useAlertFigures()(alert, account?.currency);
  const isDays = alert.kind === 'no_trading';
  return (
    <Group gap="xs" wrap="wrap" data-testid="trading-alert" data-alert-kind={alert.kind}>
      <Badge size="sm" radius="sm" color={SEVERE.includes(alert.kind) ? 'red' : 'orange'} variant="filled">
        {t(`trading.alerts.kind.${alert.kind}`)}
      </Badge>
      <Anchor
        component="button"
        type="button"
        fz="sm"
        onClick={() => {
          onSelect(alert.accountId);
          document.getElementById('trading-accounts')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        }}
      >
        {t('trading.alerts.account', { login: alert.login })}
      </Anchor>
      {figures.value !== null && (
        <Text fz="sm" fw={500}>
          {isDays
            ? t('trading.alerts.days', { count: alert.value ?? 0 })
            : figures.threshold !== null
              ? t('trading.alerts.valueVsThreshold', {
                  value: ltr(figures.value),
                  threshold: ltr(figures.threshold),
                })
              : t('trading.alerts.value', { value: ltr(figures.value) })}
        </Text>
      )}
      <Tooltip label={dateTime(alert.raisedAt)} withArrow openDelay={200}>
        <Text fz="xs" c="dimmed">
          {t('trading.alerts.raised', { when: relative(alert.raisedAt) })}
        </Text>
      </Tooltip>
      {alert.taskId && (
        <Tooltip label={t('trading.alerts.task')} withArrow>
          <IconChecklist size={14} aria-label={t('trading.alerts.task')} />
        </Tooltip>
      )}
      {alert.ruleName && alert.ruleName !== t(`trading.alerts.kind.${alert.kind}`) && (
        <Text fz="xs" c="dimmed">
          · <bdi>{alert.ruleName}</bdi>
        </Text>
      )}
    </Group>
  );
}

/** The red/orange flag at the top of the card: every open alert on the client's accounts, live. */
export function TradingAlertsStrip({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const alerts = useClientAlerts(clientId);
  const accounts = useClientAccounts(clientId);
  const { select } = useSelectedAccount(accounts.data);
  // Loading or failed: the panel below says so; the flag only appears when there is something to flag.
  if (!alerts.data || alerts.data.length === 0) return null;
  const byId = new Map((accounts.data ?? []).map((a) => [a.id, a]));
  return (
    <Notice
      color={colorOf(alerts.data)}
      icon={IconAlertTriangle}
      p="xs"
      title={t('trading.alerts.title', { count: alerts.data.length })}
      role="alert"
      data-testid="trading-alerts"
      styles={{ root: { borderInlineStart: `4px solid var(--mantine-color-${colorOf(alerts.data)}-6)` } }}
    >
      <Stack gap={4}>
        {alerts.data.map((alert) => (
          <AlertLine key={alert.id} alert={alert} account={byId.get(alert.accountId)} onSelect={select} />
        ))}
      </Stack>
    </Notice>
  );
}

/** A small badge for the card header: "Alerts: 2", coloured like the strip. */
export function TradingAlertsBadge({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const alerts = useClientAlerts(clientId);
  if (!alerts.data || alerts.data.length === 0) return null;
  return (
    <Badge
      size="md"
      radius="sm"
      color={colorOf(alerts.data)}
      leftSection={<IconAlertTriangle size={12} />}
      component="button"
      type="button"
      onClick={() =>
        document.getElementById('trading-accounts')?.scrollIntoView({ behavior: 'smooth', block: 'start' })
      }
      style={{ cursor: 'pointer', border: 0 }}
      data-testid="trading-alerts-badge"
    >
      {t('trading.alerts.badge', { count: alerts.data.length })}
    </Badge>
  );
}
