import { Group, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconAlertOctagon,
  IconCash,
  IconCircleCheck,
  IconPlugConnected,
  IconPlugConnectedX,
  IconWallet,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { TimelineItem } from '../../../../../../src/shared/contracts/clients';
import { ALERT_KINDS, BALANCE_OP_KINDS } from '../../../../../../src/shared/trading';
import type { useFormatters } from '../../../../i18n/format';
import type { EventType } from '../../../../../../src/shared/events';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
/** A formatted number stays one left-to-right run inside any sentence. */
const ltr = (value: string) => `\u2066${value}\u2069`;

interface TradingHelpers {
  t: TFunction;
  iso: (value: string) => string;
  fmt: ReturnType<typeof useFormatters>;
}

/** Small grey line under the title: "Account 5001234 · USD · 1:100". */
function Facts({ parts }: { parts: (string | null | false | undefined)[] }) {
  const shown = parts.filter((p): p is string => !!p);
  if (!shown.length) return null;
  return (
    <Group gap={6} wrap="wrap">
      {shown.map((part, index) => (
        <Text key={index} span inherit>
          {index > 0 ? '· ' : ''}
          {part}
        </Text>
      ))}
    </Group>
  );
}

/** Timeline wording of the trading.* events (payloads: src/modules/trading ingest, accounts and alerts). */
export function describeTradingEvent(
  item: TimelineItem,
  { t, iso, fmt }: TradingHelpers,
): { icon: Icon; color: string; title: ReactNode; details?: ReactNode } | null {
  if (!item.type.startsWith('trading.')) return null;
  const p = item.payload ?? {};
  const login = str(p.login);
  const currency = str(p.currency);
  const account = login ? t('trading.alerts.account', { login: iso(login) }) : null;
  const money = (value: unknown) => {
    const n = num(value);
    if (n === null) return null;
    return ltr((currency ? fmt.money(n, currency) : fmt.number(n, 2, 2)) ?? '');
  };
  const alertName = () => {
    const kind = str(p.kind);
    const known = (ALERT_KINDS as readonly string[]).includes(kind);
    return iso(known ? t(`trading.alerts.kind.${kind}`) : str(p.ruleName) || kind);
  };
  const level = (value: unknown) => {
    const n = num(value);
    return n === null ? null : t('trading.timeline.marginLevel', { value: ltr(fmt.percent(n) ?? '') });
  };

  switch (item.type as EventType) {
    case 'trading.account_opened': {
      const kind = str(p.kind);
      return {
        icon: IconWallet,
        color: kind === 'live' ? 'teal' : 'blue',
        title: t('trading.timeline.accountOpened'),
        details: (
          <Facts
            parts={[
              account,
              kind === 'demo' || kind === 'live' ? t(`trading.kind.${kind}`) : null,
              currency,
              num(p.leverage) !== null ? ltr(t('trading.account.leverage', { leverage: p.leverage })) : null,
            ]}
          />
        ),
      };
    }
    case 'trading.client_online':
    case 'trading.client_offline': {
      const online = item.type === 'trading.client_online';
      return {
        icon: online ? IconPlugConnected : IconPlugConnectedX,
        color: online ? 'green' : 'gray',
        title: online ? t('trading.timeline.clientOnline') : t('trading.timeline.clientOffline'),
        details: <Facts parts={[account]} />,
      };
    }
    case 'trading.balance_operation': {
      const kind = str(p.kind);
      const known = (BALANCE_OP_KINDS as readonly string[]).includes(kind);
      const amount = num(p.amount);
      return {
        icon: IconCash,
        color: amount !== null && amount < 0 ? 'orange' : 'teal',
        title: t('trading.timeline.balanceOperation', {
          kind: iso(known ? t(`trading.balanceKind.${kind}`) : kind),
        }),
        details: <Facts parts={[money(p.amount), account, str(p.comment) ? iso(str(p.comment)) : null]} />,
      };
    }
    case 'trading.margin_call':
    case 'trading.stop_out': {
      const stopOut = item.type === 'trading.stop_out';
      return {
        icon: stopOut ? IconAlertOctagon : IconAlertTriangle,
        color: 'red',
        title: stopOut ? t('trading.timeline.stopOut') : t('trading.timeline.marginCall'),
        details: <Facts parts={[account, level(p.marginLevel), money(p.equity)]} />,
      };
    }
    case 'trading.alert_raised':
    case 'trading.alert_cleared': {
      const raised = item.type === 'trading.alert_raised';
      const kind = str(p.kind);
      const figure = (value: unknown) =>
        kind === 'margin_call' || kind === 'stop_out'
          ? num(value) !== null
            ? ltr(fmt.percent(num(value)) ?? '')
            : null
          : kind === 'no_trading'
            ? num(value) !== null
              ? t('trading.alerts.days', { count: num(value) ?? 0 })
              : null
            : money(value);
      const value = figure(p.value);
      const threshold = figure(p.threshold);
      return {
        icon: raised ? IconAlertTriangle : IconCircleCheck,
        color: raised ? 'orange' : 'teal',
        title: t(raised ? 'trading.timeline.alertRaised' : 'trading.timeline.alertCleared', {
          alert: alertName(),
        }),
        details: (
          <Facts
            parts={[
              account,
              value && threshold && kind !== 'no_trading'
                ? t('trading.alerts.valueVsThreshold', { value, threshold })
                : value,
            ]}
          />
        ),
      };
    }
    default:
      return { icon: IconWallet, color: 'gray', title: t('trading.timeline.other', { type: item.type }) };
  }
}
