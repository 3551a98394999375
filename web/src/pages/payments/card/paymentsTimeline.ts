import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowDownLeft,
  IconArrowUpRight,
  IconCircleCheck,
  IconCircleX,
  IconCreditCardOff,
  IconStarFilled,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { TimelineItem } from '../../../../../src/shared/contracts/clients';
import type { EventType } from '../../../../../src/shared/events';
import { toDecimal } from '../../../api/paymentValues';
import type { Formatters } from '../../../i18n/format';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A formatted amount stays one left-to-right run inside any sentence. */
const ltr = (value: string) => `\u2066${value}\u2069`;

/**
 * The values a payments sentence is built from (payload: src/modules/payments/payment-events.ts):
 * the amount in the viewer's locale (the payload has minor units), names isolated for right-to-left
 * text, the problem in words. Shared by the card's timeline and the notifications.
 */
export function paymentSentenceValues(
  payload: Record<string, unknown>,
  { t, iso, fmt }: { t: TFunction; iso: (value: string) => string; fmt: Formatters },
): Record<string, string | number> {
  const currency = str(payload.currency);
  const amount =
    typeof payload.amount === 'number' && currency
      ? ltr(fmt.money(toDecimal(payload.amount, currency), currency) ?? '')
      : '';
  const problem = str(payload.problem);
  return {
    clientName: iso(str(payload.clientName)),
    systemName: iso(str(payload.systemName)),
    login: ltr(str(payload.login)),
    amount,
    problem: problem ? t(`payments.problem.${problem}`, { defaultValue: problem }) : '',
    differences: typeof payload.differences === 'number' ? payload.differences : 0,
    accounts: typeof payload.accounts === 'number' ? payload.accounts : 0,
  };
}

/** The key under payments.notifications / payments.timeline for an event, or null if it is not a payments one. */
export function paymentTextKey(type: string, payload: Record<string, unknown>): string | null {
  if (!/^(payment|withdrawal|payments)\./.test(type)) return null;
  // A problem event with no problem says the problem went away.
  if (type === 'payment.problem' && !payload.problem) return 'payment.problemResolved';
  if (type === 'withdrawal.approved' && payload.step === 'first') return 'withdrawal.approvedFirst';
  return type;
}

const LOOK: Partial<Record<EventType, { icon: Icon; color: string }>> = {
  'payment.requested': { icon: IconArrowDownLeft, color: 'blue' },
  'payment.executed': { icon: IconCircleCheck, color: 'teal' },
  'payment.rejected': { icon: IconCircleX, color: 'red' },
  'payment.problem': { icon: IconAlertTriangle, color: 'red' },
  'payment.ftd': { icon: IconStarFilled, color: 'teal' },
  'payment.refunded': { icon: IconArrowBackUp, color: 'grape' },
  'payment.charged_back': { icon: IconCreditCardOff, color: 'grape' },
  'withdrawal.requested': { icon: IconArrowUpRight, color: 'orange' },
  'withdrawal.approved': { icon: IconCircleCheck, color: 'blue' },
  'withdrawal.paid': { icon: IconCircleCheck, color: 'teal' },
  'withdrawal.rejected': { icon: IconCircleX, color: 'red' },
};

/** Timeline wording of the payment.* and withdrawal.* events on the client's card. */
export function describePaymentEvent(
  item: TimelineItem,
  helpers: { t: TFunction; iso: (value: string) => string; fmt: Formatters },
): { icon: Icon; color: string; title: string; details?: string } | null {
  const look = LOOK[item.type as EventType];
  const p = item.payload ?? {};
  const key = paymentTextKey(item.type, p);
  if (!look || !key) return null;
  const { t } = helpers;
  const values = paymentSentenceValues(p, helpers);
  const facts = [
    values.systemName && t('payments.timeline.via', { system: values.systemName }),
    str(p.login) && t('trading.alerts.account', { login: values.login }),
    (str(p.note) || str(p.reasonCode)) &&
      t('clients.timeline.reason', { reason: helpers.iso(str(p.note) || str(p.reasonCode)) }),
  ].filter(Boolean);
  return {
    ...look,
    color: key === 'payment.problemResolved' ? 'teal' : look.color,
    title: t(`payments.timeline.${key}`, values),
    details: facts.length ? facts.join(' · ') : undefined,
  };
}
