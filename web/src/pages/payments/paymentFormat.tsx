import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { minorDigits, toDecimal, type PaymentProblem, type PaymentStatus } from '../../api/paymentValues';
import { useFormatters } from '../../i18n/format';

/** Money in the API is integer minor units: these show it in the viewer's locale, and read it back. */
export function useMinorMoney() {
  const { money } = useFormatters();
  return useCallback(
    (minor: number | null | undefined, currency: string) =>
      minor === null || minor === undefined ? '—' : (money(toDecimal(minor, currency), currency) ?? '—'),
    [money],
  );
}

/** "123.45" typed by a person → 12345 minor units; null when it is not a positive amount with ≤ the currency's digits. */
export function parseMinor(value: string | number, currency: string): number | null {
  const text = String(value).trim().replace(',', '.');
  const digits = minorDigits(currency);
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(text)) return null;
  const minor = Math.round(Number(text) * 10 ** digits);
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/** 12345 → "123.45": an editable decimal string for a form field. */
export const minorToInput = (minor: number, currency: string) =>
  (minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));

const STATUS_COLOR: Record<PaymentStatus, string> = {
  pending: 'yellow',
  awaiting_payment: 'gray',
  provider_pending: 'blue',
  needs_review: 'orange',
  executed: 'teal',
  rejected: 'red',
  declined: 'red',
  refunded: 'grape',
  charged_back: 'grape',
  requested: 'yellow',
  approved_once: 'orange',
  approved: 'blue',
  payout_pending: 'blue',
  payout_failed: 'red',
  paid: 'teal',
};

/** `status` is a PaymentStatus; the contract types it as a string. */
export function PaymentStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      radius="sm"
      variant="light"
      color={STATUS_COLOR[status as PaymentStatus] ?? 'gray'}
      data-testid="payment-status"
    >
      {t(`payments.status.${status}`)}
    </Badge>
  );
}

export function ProblemBadge({ problem }: { problem: PaymentProblem | null }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <Tooltip label={t(`payments.problemHint.${problem}`)} withArrow openDelay={300}>
      <Badge
        size="sm"
        radius="sm"
        color="red"
        variant="filled"
        leftSection={<IconAlertTriangle size={11} />}
        data-testid="payment-problem"
      >
        {t(`payments.problem.${problem}`)}
      </Badge>
    </Tooltip>
  );
}

/** A request's state where it is listed: its status, and what went wrong with it if anything did. */
export function PaymentStateBadges({
  status,
  problem,
  gap = 4,
}: {
  status: string;
  problem: PaymentProblem | null;
  gap?: number;
}) {
  return (
    <Group gap={gap} wrap="nowrap">
      <PaymentStatusBadge status={status} />
      <ProblemBadge problem={problem} />
    </Group>
  );
}

/** Time waiting since the request was made, in hours and minutes; red past the stuck threshold. */
export function AgeText({ since, now, stuckMinutes }: { since: string; now: number; stuckMinutes: number }) {
  const { t } = useTranslation();
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  const label =
    minutes < 60
      ? t('payments.age.minutes', { count: minutes })
      : minutes < 48 * 60
        ? t('payments.age.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 })
        : t('payments.age.days', { count: Math.floor(minutes / 1440) });
  const late = minutes >= stuckMinutes;
  return (
    <Text
      span
      fz="sm"
      c={late ? 'red' : undefined}
      fw={late ? 600 : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {label}
    </Text>
  );
}

/** Numbers line up at the end of their cells and keep tabular digits. */
export const NUM = {
  ta: 'end',
  style: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
} as const;
