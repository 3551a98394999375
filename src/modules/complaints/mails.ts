import type { OutgoingMail } from '../../integrations/mail/mailer.js';
import type { ClientRef } from '../clients/index.js';
import type { ComplaintRow } from './events.js';
import { fill, longDate, wordsFor } from './templates.js';

// The mails a client gets about their complaint, in their language, queued in the outbox in the same
// transaction as the change. The deadline shown is the last day (the deadline is that day's end).

const cabinetUrl = (baseUrl: string) => `${baseUrl}/cabinet/complaints`;

export function acknowledgementMail(
  c: ComplaintRow,
  client: Pick<ClientRef, 'name' | 'email'>,
  baseUrl: string,
): OutgoingMail {
  const w = wordsFor(c.language);
  const values = {
    name: client.name,
    ref: c.reference,
    date: longDate(new Date(c.finalResponseDueAt.getTime() - 1), c.language, c.timeZone),
    url: cabinetUrl(baseUrl),
  };
  return {
    to: client.email!,
    subject: fill(w.ackSubject, values),
    text: w.ackLines.map((l) => fill(l, values)).join('\n'),
    headers: { 'X-Complaint-Reference': c.reference },
  };
}

export function finalResponseMail(
  c: ComplaintRow,
  client: Pick<ClientRef, 'name' | 'email'>,
  baseUrl: string,
  body: string,
  letter: { fileName: string; pdf: Buffer },
): OutgoingMail {
  const w = wordsFor(c.language);
  const values = { name: client.name, ref: c.reference, body, url: cabinetUrl(baseUrl) };
  return {
    to: client.email!,
    subject: fill(w.finalSubject, values),
    text: w.finalLines.map((l) => fill(l, values)).join('\n'),
    headers: { 'X-Complaint-Reference': c.reference },
    attachments: [{ filename: letter.fileName, contentType: 'application/pdf', content: letter.pdf }],
  };
}
