import type { Clock } from '../core/clock.js';
import type { Database } from '../db/connection.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import { Conversations, SupportHooks } from '../modules/support/index.js';

export interface SupportWiring {
  hooks: SupportHooks;
  // conversations:
  conversations: Conversations;
  // routing and SLA: (services)
  // widget and CSAT: (services)
  // email and attachments: (services)
}

/**
 * Builds the support desk's services (the composition root's part for the support module) and
 * subscribes its parts to each other's changes through the hooks, in this order: routing, SLA,
 * metrics, email.
 */
export function buildSupport(opts: {
  database: Database;
  clock: Clock;
  mailer: Mailer;
  baseUrl: string;
  dataDir: string;
}): SupportWiring {
  void opts;
  const hooks = new SupportHooks();
  // conversations: the one writer of conversations and messages; the parts below subscribe to its hooks.
  const conversations = new Conversations(opts.database.db, opts.clock, hooks);
  // routing and SLA:
  // widget and CSAT:
  // email and attachments:
  return { hooks, conversations };
}
