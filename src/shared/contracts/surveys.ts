import { z } from 'zod';
import { isoTime } from './common.js';

// NPS surveys and proactive messages (src/modules/surveys): the answers of its routes.

export const surveySegmentView = z.object({
  statuses: z.array(z.string()).optional(),
  countries: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  managerIds: z.array(z.string()).optional(),
});

export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  question: z.string().nullable(),
  segment: surveySegmentView,
  channels: z.array(z.enum(['email', 'cabinet'])),
  recipients: z.number(),
  answers: z.number(),
  /** −100..100; null before the first answer. */
  nps: z.number().nullable(),
  createdAt: isoTime,
  /** Set when a team lead closed it: answers are no longer taken. */
  closedAt: isoTime.nullable(),
});
export type CampaignView = z.input<typeof campaignView>;
export const campaignList = z.object({ items: z.array(campaignView) });

const npsFigures = {
  answers: z.number(),
  promoters: z.number(),
  passives: z.number(),
  detractors: z.number(),
  nps: z.number().nullable(),
};
export const npsResults = z.object({
  by: z.enum(['status', 'country', 'language', 'manager']),
  overall: z.object(npsFigures),
  groups: z.array(z.object({ key: z.string().nullable(), ...npsFigures })),
  /** Per ISO week (Monday, YYYY-MM-DD), all segments together. */
  trend: z.array(z.object({ week: z.string(), key: z.null(), ...npsFigures })),
  /** Per week and segment value. */
  trendByGroup: z.array(z.object({ week: z.string(), key: z.string().nullable(), ...npsFigures })),
});
export type NpsResults = z.input<typeof npsResults>;

export const npsCommentList = z.object({
  items: z.array(
    z.object({
      campaignId: z.string(),
      campaignName: z.string(),
      clientId: z.string(),
      clientName: z.string(),
      score: z.number(),
      comment: z.string(),
      createdAt: isoTime,
    }),
  ),
});
export type NpsCommentList = z.input<typeof npsCommentList>;

export const portalSurveyList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), question: z.string() })),
});
export const surveyAnswerView = z.object({ duplicate: z.boolean(), score: z.number() });

const template = z.object({ subject: z.string(), body: z.string() });
export const proactiveSettingsView = z.object({
  followUp: z.object({
    enabled: z.boolean(),
    delayHours: z.number(),
    templates: z.record(z.string(), template),
  }),
  alerts: z.object({ enabled: z.boolean(), templates: z.record(z.string(), template) }),
  /** What a language without a template of its own receives (read-only). */
  defaults: z.object({
    followUp: z.record(z.string(), template),
    alerts: z.record(z.string(), template),
  }),
});
export type ProactiveSettingsView = z.input<typeof proactiveSettingsView>;
