import type { Clock } from '../../../core/clock.js';
import type { Database } from '../../../db/connection.js';
import type { Mailer } from '../../../integrations/mail/mailer.js';
import type { Conversations } from '../conversations/service.js';
import { WidgetChat } from './chat.js';
import { Csat } from './csat.js';
import { WidgetHub } from './hub.js';
import type { WidgetServices } from './register.js';
import { TraderTokens } from './tokens.js';
import { Visitors } from './visitors.js';

/** The widget's services, for the composition root (support-wiring.ts). */
export function buildWidget(opts: {
  database: Database;
  clock: Clock;
  mailer: Pick<Mailer, 'queue'>;
  baseUrl: string;
  secretKey: Buffer;
  conversations: Conversations;
}): WidgetServices {
  const db = opts.database.db;
  const traderTokens = new TraderTokens(opts.secretKey);
  const visitors = new Visitors(db, opts.clock, traderTokens);
  const chat = new WidgetChat(db, opts.clock, opts.conversations, visitors, opts.mailer, opts.baseUrl);
  return {
    traderTokens,
    visitors,
    chat,
    hub: new WidgetHub(opts.database, opts.conversations, chat),
    csat: new Csat(db, opts.clock, opts.mailer, opts.baseUrl, opts.secretKey),
  };
}
