import type { Mailer, OutgoingMail } from '../../integrations/mail/mailer.js';
import type { Executor } from '../../db/connection.js';
import { minorDigits } from '../../shared/payments.js';
import { clientOf } from './payment-events.js';
import type { RequestRow } from './requests.js';

// The emails a trader gets about their payments, queued in the outbox in the same transaction as the
// change (a mail exists only if the change committed). Links use the configured BASE_URL.

export type PaymentMailKind = 'executed' | 'rejected' | 'declined' | 'refunded' | 'charged_back';

const format = (minor: number, currency: string) =>
  `${(minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency))} ${currency}`;

function paymentMail(
  kind: PaymentMailKind,
  r: RequestRow,
  name: string,
  baseUrl: string,
  reason: string | null,
): Omit<OutgoingMail, 'to'> {
  const what = r.direction === 'deposit' ? 'deposit' : 'withdrawal';
  const amount = format(r.providerAmount ?? r.amount, r.currency);
  const credited = r.accountAmount !== null ? format(r.accountAmount, r.accountCurrency) : null;
  const line = {
    executed: `Your ${what} of ${amount} to account ${r.login} has been credited${credited ? ` (${credited})` : ''}.`,
    rejected: `Your ${what} of ${amount} to account ${r.login} was rejected.`,
    declined: `Your ${what} of ${amount} to account ${r.login} was declined by the payment provider.`,
    refunded: `Your ${what} of ${amount} to account ${r.login} was refunded.`,
    charged_back: `Your ${what} of ${amount} to account ${r.login} was charged back; the amount was taken from the account.`,
  }[kind];
  const subject = {
    executed: 'Your deposit has been credited',
    rejected: `Your ${what} was rejected`,
    declined: `Your ${what} was declined`,
    refunded: `Your ${what} was refunded`,
    charged_back: `Your ${what} was charged back`,
  }[kind];
  return {
    subject,
    text: [
      `Hello ${name},`,
      '',
      line,
      ...(reason ? ['', `Reason: ${reason}`] : []),
      '',
      `Details are in your cabinet: ${baseUrl}/cabinet/payments`,
    ].join('\n'),
  };
}

/** The mail to the client's email, or null when they have none. */
export async function paymentMailOf(
  tx: Executor,
  baseUrl: string,
  kind: PaymentMailKind,
  r: RequestRow,
  reason: string | null = null,
): Promise<OutgoingMail | null> {
  const client = await clientOf(tx, r.clientId);
  if (!client.email) return null;
  return { to: client.email, ...paymentMail(kind, r, client.name, baseUrl, reason) };
}

/** Queues the mail to the client's email, when they have one. */
export async function queuePaymentMail(
  tx: Executor,
  mailer: Pick<Mailer, 'queue'>,
  baseUrl: string,
  kind: PaymentMailKind,
  r: RequestRow,
  reason: string | null = null,
): Promise<void> {
  const mail = await paymentMailOf(tx, baseUrl, kind, r, reason);
  if (mail) await mailer.queue(tx, mail);
}
