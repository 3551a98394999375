import type { Clock } from '../core/clock.js';
import { scoreSentiment } from '../core/language/sentiment.js';
import type { Database } from '../db/connection.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import {
  AttachmentStore,
  Conversations,
  Router,
  SlaBreachJob,
  SlaEngine,
  SentimentFlags,
  SlaPolicies,
  SupportHooks,
  SupportSettingsCache,
  TeamCalendars,
  buildBot,
  buildWidget,
  buildEmail,
  CallbackRequests,
  DEFAULT_EMAIL_CONFIG,
  type EmailConfig,
  type EmailServices,
  type FaqBot,
  type KnowledgeSearch,
  type WidgetServices,
} from '../modules/support/index.js';

export interface SupportWiring {
  hooks: SupportHooks;
  // conversations:
  conversations: Conversations;
  // routing and SLA:
  routing: {
    router: Router;
    sla: SlaEngine;
    settings: SupportSettingsCache;
    policies: SlaPolicies;
    calendars: TeamCalendars;
    breach: SlaBreachJob;
  };
  // widget and CSAT:
  widget: WidgetServices;
  // email and attachments:
  email: EmailServices;
  // attachments:
  attachments: AttachmentStore;
  // the FAQ bot:
  bot: FaqBot;
  /** Callback requests (issue 13): telephony closes one through `close(tx, conversationId, callId)`. */
  callbackRequests: CallbackRequests;
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
  /** The app's secret: the cabinet's chat token and the CSAT links are signed with keys derived from it. */
  secretKey: Buffer;
  /** The `support — email` settings (the app's config); absent: the channel's defaults, SMTP off. */
  email?: EmailConfig;
  /** The knowledge base's search, the FAQ bot's answers (absent: the bot answers nothing, hands over). */
  knowledge?: KnowledgeSearch | null;
  /** Where the bot's failures are logged (its reply runs after the visitor's message is stored). */
  log?: { error: (obj: object, msg: string) => void };
}): SupportWiring {
  const hooks = new SupportHooks();
  // conversations: the one writer of conversations and messages; the parts below subscribe to its hooks.
  const conversations = new Conversations(opts.database.db, opts.clock, hooks);
  // routing and SLA: routing first (it sets the team whose calendar the clocks use), then the clocks;
  // the router assigns through the conversation service, like a person would.
  const router = new Router(opts.clock, conversations);
  // Policies and calendars as the clocks read them on every message (one copy per instance).
  const settings = new SupportSettingsCache();
  const sla = new SlaEngine(opts.clock, settings);
  // the FAQ bot: with it on, a new chat is the bot's first — routing and the clocks wait for its handover.
  // An upset visitor (core/language/sentiment.ts) goes to people at once.
  const bot = buildBot({
    ...opts,
    db: opts.database.db,
    conversations,
    router,
    sla,
    sentiment: scoreSentiment,
  });
  hooks.onOpened(bot.claim);
  hooks.onOpened(bot.unlessClaimed(router.routeNew));
  hooks.onOpened(bot.unlessClaimed(sla.start));
  hooks.onMessage(sla.onMessage);
  hooks.onStatus(sla.onStatus);
  hooks.onStatus(router.freed);
  hooks.onAssigned(router.reassigned);
  hooks.onReclassified(sla.rematch);
  const routing = {
    router,
    sla,
    settings,
    policies: new SlaPolicies(opts.database.db, opts.clock, settings),
    calendars: new TeamCalendars(opts.database.db, opts.clock, settings),
    breach: new SlaBreachJob(opts.database.db, opts.clock),
  };
  // widget and CSAT: visitors, the widget's sockets, CSAT asked on each resolution.
  const widget = buildWidget({ ...opts, conversations });
  hooks.onStatus(widget.csat.onStatus);
  // The bot replies once the visitor's message is stored; a failure leaves the message to the bot's
  // sweep, which hands an unanswered chat to people.
  widget.chat.onCustomerMessage(async (conv, message) => {
    if (!message.body.trim()) return;
    await bot.reply(conv.id, message).catch((err: unknown) => opts.log?.error({ err }, 'support bot reply'));
  });
  // attachments: files under the data directory, by their sha256.
  const attachments = new AttachmentStore(opts.dataDir, opts.clock);
  // email and attachments: mail in through the SMTP listener, an agent's public reply mailed out.
  const email = buildEmail({
    db: opts.database.db,
    clock: opts.clock,
    conversations,
    mailer: opts.mailer,
    attachments,
    config: opts.email ?? DEFAULT_EMAIL_CONFIG,
  });
  hooks.onMessage(email.outbound.onMessage);
  // sentiment: every customer message scored and flagged; a very negative one raises the priority.
  // A detected language re-routes a conversation still waiting for a person (router.languageDetected).
  hooks.onMessage(new SentimentFlags(hooks, undefined, router.languageDetected).onMessage);
  // callback requests: conversations of channel callback, closed by telephony when the call reached them.
  const callbackRequests = new CallbackRequests(opts.database.db, opts.clock, conversations);
  return { hooks, conversations, routing, widget, email, attachments, bot, callbackRequests };
}
