import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PaymentRequestView } from '../../../api/paymentTypes';

export type ActionName = 'execute' | 'approve' | 'confirm' | 'reject';

/**
 * What finance may do with a request in its status (the server decides; this only offers the buttons
 * that can succeed): a manual deposit is executed, a differing amount confirmed, a withdrawal approved
 * (twice above the threshold), then paid; anything still open can be rejected.
 */
export function actionsFor(row: Pick<PaymentRequestView, 'direction' | 'status'>): ActionName[] {
  if (row.direction === 'deposit') {
    if (row.status === 'pending') return ['execute', 'reject'];
    if (row.status === 'needs_review') return ['confirm', 'reject'];
    return [];
  }
  switch (row.status) {
    case 'requested':
    case 'approved_once':
      return ['approve', 'reject'];
    case 'approved':
    case 'payout_failed':
      return ['execute', 'reject'];
    default:
      return [];
  }
}

interface RequestActionButtonsProps {
  row: PaymentRequestView;
  /** The action of this row in flight, if any. */
  busy: ActionName | null;
  onAction: (row: PaymentRequestView, action: ActionName) => void;
  size?: 'compact-xs' | 'xs';
}

/** The buttons at the end of a queue row (and in the detail drawer). */
export function RequestActionButtons({
  row,
  busy,
  onAction,
  size = 'compact-xs',
}: RequestActionButtonsProps) {
  const { t } = useTranslation();
  const actions = actionsFor(row);
  if (actions.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {actions.map((action) => {
        const label =
          row.direction === 'withdrawal' && action === 'execute'
            ? t('payments.actions.markPaid')
            : t(`payments.actions.${action}`);
        return (
          <Button
            key={action}
            size={size}
            variant={action === 'reject' ? 'subtle' : 'light'}
            color={action === 'reject' ? 'red' : undefined}
            loading={busy === action}
            disabled={busy !== null && busy !== action}
            onClick={(event) => {
              event.stopPropagation();
              onAction(row, action);
            }}
            aria-label={`${label}: ${row.clientName}`}
            data-testid={`payment-${action}`}
          >
            {label}
          </Button>
        );
      })}
    </Group>
  );
}
