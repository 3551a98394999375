/**
 * The surveys part of the event catalogue (spread into EVENT_CATALOGUE in events.ts). Zod only, shared
 * with the browser.
 */
import { z } from 'zod';

const id = z.string();
const text = z.string();
const aboutClient = { clientName: text };

export const SURVEY_EVENTS = {
  // NPS surveys and proactive messages (src/modules/surveys): a campaign sent to its segment, a trader's
  // answer (on the client's timeline), a proactive message mailed to a client (follow-up, alert).
  'survey.campaign_sent': z.object({ campaignId: id, name: text, recipients: z.number() }),
  'survey.campaign_closed': z.object({ campaignId: id, name: text, answers: z.number() }),
  'survey.answered': z.object({
    campaignId: id,
    campaignName: text,
    clientId: id,
    ...aboutClient,
    score: z.number(),
    channel: text,
  }),
  'proactive.message_sent': z.object({
    messageId: id,
    kind: text,
    clientId: id,
    ...aboutClient,
    subject: text,
    sourceId: text,
  }),
  'proactive.settings_changed': z.object({ followUpEnabled: z.boolean(), delayHours: z.number() }),
} as const;
