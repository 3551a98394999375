import type { OutgoingMail } from '../../integrations/mail/mailer.js';
import type { AccountKind } from './schema.js';
import type { OpenedAccountView } from './contracts.js';

type Mail = Omit<OutgoingMail, 'to'>;

/** The subject names the account but never a secret: it is copied to the client's timeline. */
export const credentialsSubject = (kind: AccountKind, login: string) =>
  `Your ${kind} trading account ${login}`;

/**
 * The terminal credentials of a newly opened account. BrokerDesk never stores the passwords, so this
 * email (and the one-time API answer) is the only copy; it is marked sensitive so the outbox keeps
 * the body encrypted and forgets it once SMTP accepted it.
 */
export function accountCredentialsMail(
  name: string,
  kind: AccountKind,
  account: { currency: string; leverage: number },
  credentials: OpenedAccountView['credentials'],
): Mail {
  return {
    sensitive: true,
    subject: credentialsSubject(kind, credentials.login),
    text: [
      `Hello ${name},`,
      '',
      kind === 'live'
        ? 'Your live trading account has been opened. Connect your trading terminal with:'
        : 'Your demo trading account has been opened with virtual money. Connect your trading terminal with:',
      '',
      `Server: ${credentials.server}`,
      `Login: ${credentials.login}`,
      `Password: ${credentials.password}`,
      `Investor (read-only) password: ${credentials.investorPassword}`,
      '',
      `Currency: ${account.currency}, leverage 1:${account.leverage}`,
      '',
      'Keep these passwords private: we will never ask you for them. You can change them in the terminal.',
    ].join('\n'),
  };
}
