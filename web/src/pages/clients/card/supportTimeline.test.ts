import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n/locales/en';
import { describeSupportEvent } from './supportTimeline';

const i18n = createInstance();
await i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
const h = { t: i18n.t.bind(i18n), iso: (v: string) => v };
const item = (type: string, payload: Record<string, unknown>) =>
  ({ id: 1, type, payload, createdAt: '2026-12-07T08:00:00.000Z' }) as never;

describe('the client card’s support sentences', () => {
  it('name channels and statuses in words, not codes', () => {
    const opened = describeSupportEvent(
      item('support.conversation_opened', { number: 7, channel: 'cabinet', subject: 'Bonus' }),
      h,
    );
    expect(opened?.title).toBe('Support conversation #7 opened (Cabinet ticket): Bonus');
    const moved = describeSupportEvent(
      item('support.conversation_status_changed', { number: 7, from: 'open', to: 'resolved' }),
      h,
    );
    expect(moved?.title).toBe('Support conversation #7: Open → Resolved');
    const converted = describeSupportEvent(
      item('support.conversation_converted', { number: 7, from: 'chat', to: 'email' }),
      h,
    );
    expect(converted?.title).toBe('Support chat #7 converted to a ticket (Email)');
  });
});
