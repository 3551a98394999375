import type { Mailer } from '../../integrations/mail/mailer.js';
import type { Conversations } from '../support/index.js';

/** What the complaints services use of others: support's conversations, the mail outbox, the base URL. */
export interface Integrations {
  conversations: Pick<Conversations, 'open' | 'addMessage'>;
  mailer: Pick<Mailer, 'queue'>;
  baseUrl: string;
}
