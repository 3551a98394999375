import type { ConversationRow } from '../hooks.js';

/**
 * The acknowledgement a new email conversation gets: its ticket number (which threads a reply that
 * lost its headers) and when to expect an answer, from the SLA's first-response due time. In the
 * contact's language when the desk knows it, else English; a plain sentence when no SLA applies.
 */
const TEXTS: Record<
  string,
  { subject: string; hello: string; due: (when: string) => string; noDue: string }
> = {
  en: {
    subject: 'We received your message',
    hello: 'Thank you for writing to us. Your request has ticket number',
    due: (when) => `We will answer by ${when}.`,
    noDue: 'We will answer as soon as we can.',
  },
  de: {
    subject: 'Wir haben Ihre Nachricht erhalten',
    hello: 'Vielen Dank für Ihre Nachricht. Ihre Anfrage hat die Ticketnummer',
    due: (when) => `Wir antworten bis ${when}.`,
    noDue: 'Wir antworten so bald wie möglich.',
  },
  ru: {
    subject: 'Мы получили ваше сообщение',
    hello: 'Спасибо за обращение. Номер вашего запроса',
    due: (when) => `Мы ответим до ${when}.`,
    noDue: 'Мы ответим как можно скорее.',
  },
  id: {
    subject: 'Kami telah menerima pesan Anda',
    hello: 'Terima kasih telah menghubungi kami. Nomor tiket permintaan Anda adalah',
    due: (when) => `Kami akan menjawab paling lambat ${when}.`,
    noDue: 'Kami akan menjawab secepat mungkin.',
  },
  ar: {
    subject: 'لقد تلقينا رسالتك',
    hello: 'شكرًا لتواصلك معنا. رقم تذكرة طلبك هو',
    due: (when) => `سنرد عليك قبل ${when}.`,
    noDue: 'سنرد عليك في أقرب وقت ممكن.',
  },
  es: {
    subject: 'Hemos recibido su mensaje',
    hello: 'Gracias por escribirnos. Su solicitud tiene el número',
    due: (when) => `Le responderemos antes de ${when}.`,
    noDue: 'Le responderemos lo antes posible.',
  },
};

export function acknowledgement(conversation: ConversationRow): { subject: string; text: string } {
  const lang = conversation.language && TEXTS[conversation.language] ? conversation.language : 'en';
  const t = TEXTS[lang]!;
  const due = conversation.firstResponseDueAt;
  const when = due
    ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
        due,
      ) + ' UTC'
    : null;
  const tag = `[#${conversation.number}]`;
  return {
    subject: `${t.subject}: ${conversation.subject || '…'} ${tag}`,
    text: `${t.hello} ${tag}.\n${when ? t.due(when) : t.noDue}\n`,
  };
}
