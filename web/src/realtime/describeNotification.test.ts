import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../src/shared/contracts/clients';
import { createFormatters } from '../i18n/format';
import { ar } from '../i18n/locales/ar';
import { en } from '../i18n/locales/en';
import { id } from '../i18n/locales/id';
import { ru } from '../i18n/locales/ru';
import { describePaymentEvent } from '../pages/payments/card/paymentsTimeline';
import { describeNotification, notificationLink } from './describeNotification';

const LOCALES = { en, ru, id, ar };
const PAYMENT_TYPES = [
  'payment.requested',
  'payment.executed',
  'payment.rejected',
  'payment.problem',
  'payment.ftd',
  'payment.refunded',
  'payment.charged_back',
  'withdrawal.requested',
  'withdrawal.approved',
  'withdrawal.paid',
  'withdrawal.rejected',
] as const;
const payload = {
  requestId: 'r1',
  clientId: '6f1c2b1e-1111-4222-8333-944455556666',
  clientName: 'Ana Lima',
  direction: 'deposit',
  login: '5001234',
  status: 'executed',
  amount: 123456,
  currency: 'USD',
  systemName: 'Bank wire',
  problem: 'declined',
  step: 'final',
  reasonCode: 'other',
  note: 'Wrong name',
};

async function i18nFor(lng: keyof typeof LOCALES) {
  const i18n = createInstance();
  await i18n.init({
    resources: Object.fromEntries(Object.entries(LOCALES).map(([k, v]) => [k, { translation: v }])),
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return i18n;
}

describe('payments notifications and timeline', () => {
  it.each(Object.keys(LOCALES) as (keyof typeof LOCALES)[])(
    'say a sentence for every event (%s)',
    async (lng) => {
      const i18n = await i18nFor(lng);
      const generic = i18n.t('notifications.generic.title');
      const amount = createFormatters(lng).money(1234.56, 'USD')!;
      for (const type of [...PAYMENT_TYPES, 'payments.reconciliation_diff']) {
        const { title, body } = describeNotification(i18n.t, i18n, type, {
          ...payload,
          differences: 2,
          accounts: 9,
        });
        expect(title, type).not.toBe(generic);
        // No raw key or event type leaks into the text (a missing translation would show the key).
        expect(`${title} ${body}`, type).not.toMatch(/payment|withdrawal|notifications\./);
        if (type !== 'payments.reconciliation_diff') expect(body, type).toContain(amount);
      }
    },
  );

  it.each(Object.keys(LOCALES) as (keyof typeof LOCALES)[])(
    'timeline entries are sentences (%s)',
    async (lng) => {
      const i18n = await i18nFor(lng);
      const helpers = { t: i18n.t, iso: (v: string) => v, fmt: createFormatters(lng) };
      for (const type of PAYMENT_TYPES) {
        const item = { type, payload } as unknown as TimelineItem;
        const described = describePaymentEvent(item, helpers);
        expect(described, type).not.toBeNull();
        expect(described!.title, type).not.toMatch(/payments\.timeline|withdrawal\.|payment\./);
        expect(described!.details, type).toContain('5001234');
      }
    },
  );

  it('a cleared problem and a first approval get their own wording', async () => {
    const i18n = await i18nFor('en');
    expect(describeNotification(i18n.t, i18n, 'payment.problem', { ...payload, problem: null }).title).toBe(
      'Payment problem resolved',
    );
    expect(
      describeNotification(i18n.t, i18n, 'withdrawal.approved', { ...payload, step: 'first' }).title,
    ).toBe('Withdrawal: first approval');
    expect(describeNotification(i18n.t, i18n, 'payment.ftd', payload).body).toBe(
      'Ana Lima made a first deposit of \u2066$1,234.56\u2069',
    );
  });

  it('other events keep the generic fallback; reconciliation differences open the report', async () => {
    const i18n = await i18nFor('en');
    expect(describeNotification(i18n.t, i18n, 'something.new', {}).body).toBe('New activity: something.new');
    expect(notificationLink('payments.reconciliation_diff', { runId: 'x' })).toBe('/payments/reconciliation');
  });
});
