import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ar } from '../i18n/locales/ar';
import { en } from '../i18n/locales/en';
import { id } from '../i18n/locales/id';
import { ru } from '../i18n/locales/ru';
import { describeNotification, notificationLink } from './describeNotification';

const LOCALES = { en, ru, id, ar };
const SUPPORT_TYPES = [
  'support.conversation_assigned',
  'support.mentioned',
  'support.sla_warning',
  'support.sla_breached',
  'support.csat_received',
];
const conversationId = '6f1c2b1e-1111-4222-8333-944455556666';
const payload = {
  conversationId,
  number: 1042,
  channel: 'chat',
  subject: 'Withdrawal stuck',
  clientId: '7a1c2b1e-1111-4222-8333-944455556666',
  clientName: 'Ana Lima',
  score: 4,
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

describe('support notifications', () => {
  it.each(Object.keys(LOCALES) as (keyof typeof LOCALES)[])(
    'say a sentence for every event (%s)',
    async (lng) => {
      const i18n = await i18nFor(lng);
      const generic = i18n.t('notifications.generic.title');
      for (const type of SUPPORT_TYPES) {
        const { title, body } = describeNotification(i18n.t, i18n, type, payload);
        expect(title, type).not.toBe(generic);
        expect(`${title} ${body}`, type).not.toMatch(/support\.|notifications\.|\{\{/);
        expect(body, type).toContain('1042');
        expect(body, type).toContain('Withdrawal stuck');
      }
      const csat = describeNotification(i18n.t, i18n, 'support.csat_received', payload).body;
      expect(csat).toContain('4');
    },
  );

  it('falls back to the client name when there is no subject', async () => {
    const i18n = await i18nFor('en');
    const { body } = describeNotification(i18n.t, i18n, 'support.mentioned', { ...payload, subject: null });
    expect(body).toBe('#1042 Ana Lima');
  });

  it('isolates names in Arabic sentences', async () => {
    const i18n = await i18nFor('ar');
    const { body } = describeNotification(i18n.t, i18n, 'support.mentioned', payload);
    expect(body).toContain('\u2068Withdrawal stuck\u2069');
  });

  it('opens the conversation, not the client card', () => {
    expect(notificationLink('support.sla_breached', payload)).toBe(`/support?view=all&c=${conversationId}`);
    expect(notificationLink('payment.requested', payload)).toBe(`/clients/${payload.clientId}`);
  });
});
