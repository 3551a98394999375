/**
 * Support desk: conversations from every channel (the chat widget, email, cabinet tickets; phone
 * callbacks with telephony), their messages numbered per conversation, routing by language and load,
 * SLA clocks on team calendars, CSAT, canned responses and the raw support metrics reports roll up.
 * Its tables are those in schema.ts; other modules use what this file exports.
 *
 * Parts, each a folder with its own `register…` (routes and jobs):
 * - conversations/: the conversation and message service, the inbox API, cabinet tickets;
 * - routing/ and sla/: agents, load-aware round-robin, SLA policies, calendars, breach job, metrics;
 * - widget/: the visitor's WebSocket, visitor and trader tokens, typing, CSAT;
 * - email/: the SMTP server in, threaded replies out;
 * - attachments/: files stored by their sha256 with the sniffed type, staff upload and download.
 * They talk inside a transaction through SupportHooks (hooks.ts).
 */
import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { Database } from '../../db/connection.js';
import type { CabinetService } from '../cabinet/index.js';
import type { ClientService } from '../clients/index.js';
import type { Guard } from '../identity/index.js';
import type { SupportHooks } from './hooks.js';
import type { Conversations } from './conversations/service.js';
import { registerConversations } from './conversations/register.js';
import type { Router } from './routing/router.js';
import { registerRouting } from './routing/register.js';
import { registerEmail, type EmailServices } from './email/register.js';
import { registerAttachments } from './attachments/register.js';
import type { AttachmentStore } from './attachments/store.js';
import type { SlaBreachJob } from './sla/breach.js';
import type { SlaPolicies } from './sla/policies.js';
import type { SupportSettingsCache } from './sla/settings-cache.js';
import type { TeamCalendars } from './sla/team-calendar.js';
import { registerWidget, type WidgetServices } from './widget/register.js';
import { registerBot } from './bot/register.js';
import type { FaqBot } from './bot/service.js';
import type { CallbackRequests } from './callbacks/service.js';
import { callbackRoutes } from './callbacks/routes.js';

export { SupportHooks, type ConversationRow, type MessageRow } from './hooks.js';
// conversations: the service every channel writes through, and who acted.
export {
  Conversations,
  MESSAGE_BODY_MAX,
  type MessageInput,
  type MessageWithAttachments,
  type OpenInput,
} from './conversations/service.js';
export { staffActor, SYSTEM_ACTOR, type SupportActor } from './conversations/actor.js';
// complaints: a conversation becomes a formal complaint (its kind; the inbox shows a badge).
export { conversationRefs, lockVisibleConversation, markConversationKind } from './conversations/kind.js';
// routing and SLA: business-time arithmetic (D's acknowledgement, reports), the services the wiring builds.
export { addBusinessTime, businessTimeBetween, measureFor, type BusinessCalendar } from './sla/calendar.js';
export { SlaEngine } from './sla/engine.js';
export { SlaBreachJob } from './sla/breach.js';
export { SlaPolicies, DEFAULT_POLICIES } from './sla/policies.js';
export { SupportSettingsCache } from './sla/settings-cache.js';
export { TeamCalendars, calendarFor } from './sla/team-calendar.js';
export { Router, CAPACITY_CHANNELS, type AssignPort } from './routing/router.js';
// the demo seed (src/app/demo-support-seed.ts) sets agents up and writes canned responses like a person.
export { SupportAgents } from './routing/agents.js';
export { CannedResponses } from './conversations/canned.js';
export { ConversationActions } from './conversations/actions.js';
export { recordMetric } from './metrics.js';
// reports: the support floor now (the wallboard: waiting chats, agents online, today's FRT and CSAT).
export { supportFloor, type SupportFloor } from './floor.js';
/** Reports (issue 14) follow the raw metrics by id and attribute volume with a conversation's facets. */
export {
  conversationFacets,
  supportMetricRows,
  type ConversationFacet,
  type SupportMetricFeedRow,
} from './report-feed.js';
// sentiment: flags on customer messages (the root subscribes it to the hooks).
export { SentimentFlags, DEFAULT_SENTIMENT_POLICY, type SentimentPolicy } from './sentiment/flags.js';
// widget and CSAT: the widget's services, built by the root.
export { buildWidget } from './widget/build.js';
// email and attachments: the channel's services, built by the root.
export { buildEmail, DEFAULT_EMAIL_CONFIG, type EmailConfig, type EmailServices } from './email/register.js';
export type { WidgetServices } from './widget/register.js';
// email: inbound SMTP, threaded replies out.
export { EmailInbound, type EmailSettings, type InboundResult } from './email/inbound.js';
export { EmailOutbound } from './email/outbound.js';
// attachments: the store, built by the root.
export { AttachmentStore, sanitizeFileName } from './attachments/store.js';
// the FAQ bot: built by the root with the knowledge base's search as its engine's port.
export { buildBot } from './bot/build.js';
export { FaqBot, understand, type SentimentScorer } from './bot/service.js';
export { KnowledgeEngine, confidenceOf } from './bot/engine.js';
export type { BotEngine, BotAnswer, BotQuestion, KnowledgeSearch, KnowledgeHit } from './bot/engine.js';
export { DEFAULT_BOT_SETTINGS, type BotSettingsValue } from './bot/settings.js';
// callback requests (issue 13): the widget's and cabinet's form; telephony closes one when its call reached the customer.
export { CallbackRequests, type CallbackInput, type CallbackRow } from './callbacks/service.js';
export { toE164 } from './callbacks/phone.js';
export { notifyConversation, SUPPORT_AUDIENCE, SUPPORT_CHANNEL, type ConversationChange } from './notify.js';

export interface SupportDeps {
  hooks: SupportHooks;
  /** The cabinet's routes and the widget's trader token resolve the trader session. */
  cabinet: Pick<CabinetService, 'resolveSession'>;
  database: Database;
  clock: Clock;
  guard: Guard;
  jobs: ModuleJobs;
  // conversations:
  conversations: Conversations;
  /** A lead created from a conversation's contact goes through the clients module's own create. */
  clients: Pick<ClientService, 'createInTx'>;
  // routing and SLA:
  routing: {
    router: Router;
    policies: SlaPolicies;
    calendars: TeamCalendars;
    breach: SlaBreachJob;
    /** The clocks' copy of policies and calendars, listening for other instances' changes. */
    settings?: SupportSettingsCache;
  };
  // widget and CSAT:
  widget: WidgetServices;
  config: { baseUrl: string; SUPPORT_WIDGET_ORIGINS: string[]; SUPPORT_ATTACHMENT_MAX_MB: number };
  // email and attachments:
  email: EmailServices;
  attachments: AttachmentStore;
  // the FAQ bot:
  bot: FaqBot;
  // callback requests:
  callbackRequests: CallbackRequests;
}

/** The desk's routes and jobs. Register after the cabinet (trader sessions) and payments. */
export function registerSupport(app: App, deps: SupportDeps): void {
  registerConversations(app, deps);
  registerRouting(app, deps);
  registerWidget(app, deps);
  registerEmail(app, deps);
  registerAttachments(app, deps);
  registerBot(app, deps);
  callbackRoutes(app, deps);
}
