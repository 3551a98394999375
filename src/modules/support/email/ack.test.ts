import { describe, expect, it } from 'vitest';
import type { ConversationRow } from '../hooks.js';
import { acknowledgement } from './ack.js';

const conversation = (language: string | null, due: Date | null) =>
  ({ language, number: 1042, subject: 'Deposit', firstResponseDueAt: due }) as ConversationRow;

describe('acknowledgement', () => {
  it.each([
    ['id', 'Kami telah menerima pesan Anda', 'paling lambat'],
    ['ar', 'لقد تلقينا رسالتك', 'سنرد عليك قبل'],
    ['ru', 'Мы получили ваше сообщение', 'Мы ответим до'],
  ])(
    'is written in the conversation language %s with the ticket tag and the due time',
    (lang, subject, due) => {
      const ack = acknowledgement(conversation(lang, new Date('2026-12-08T10:30:00Z')));
      expect(ack.subject).toBe(`${subject}: Deposit [#1042]`);
      expect(ack.text).toContain('[#1042]');
      expect(ack.text).toContain(due);
      expect(ack.text).toContain('UTC');
    },
  );

  it('falls back on English, and on a plain sentence without an SLA', () => {
    const ack = acknowledgement(conversation('xx', null));
    expect(ack.subject).toBe('We received your message: Deposit [#1042]');
    expect(ack.text).toContain('We will answer as soon as we can.');
  });
});
