import { z } from 'zod';
import { int, queryInt, text, uuid } from '../../core/primitives.js';
import { CLIENT_STATUSES } from '../clients/index.js';
import { NPS_SEGMENTS } from './answers.js';
import { CARE_LANGUAGES } from './texts.js';

const codes = (max: number, label: string) =>
  z.array(text({ min: 1, max, label })).max(50, { error: `At most 50 ${label} values` });

export const segmentInput = z.strictObject({
  statuses: z.array(z.enum(CLIENT_STATUSES)).max(10).optional(),
  countries: codes(2, 'country').optional(),
  languages: codes(8, 'language').optional(),
  managerIds: z.array(uuid()).max(50).optional(),
});

export const campaignInput = z.strictObject({
  name: text({ trim: true, min: 1, max: 120, label: 'Name' }),
  question: text({ trim: true, max: 300, label: 'Question' }).nullish(),
  segment: segmentInput.default({}),
  channels: z
    .array(z.enum(['email', 'cabinet']))
    .min(1, { error: 'Pick email, the cabinet or both' })
    .max(2),
});

export const answerInput = z.strictObject({
  score: int({ min: 0, max: 10 }),
  comment: text({ trim: true, max: 2000, label: 'Comment' }).nullish(),
});

export const resultsQuery = z.object({
  campaignId: uuid().optional(),
  by: z.enum(NPS_SEGMENTS).default('status'),
  weeks: queryInt({ min: 1, max: 104 }).default(26),
});

export const commentsQuery = z.object({
  campaignId: uuid().optional(),
  limit: queryInt({ min: 1, max: 500 }).default(100),
});

const template = z.strictObject({
  subject: text({ trim: true, min: 1, max: 200, label: 'Subject' }),
  body: text({ trim: true, min: 1, max: 5000, label: 'Body' }),
});
const templates = z.partialRecord(z.enum(CARE_LANGUAGES), template);
export const proactiveSettingsInput = z.strictObject({
  followUp: z.strictObject({
    enabled: z.boolean(),
    delayHours: int({ min: 1, max: 24 * 30 }),
    templates,
  }),
  alerts: z.strictObject({ enabled: z.boolean(), templates }),
});
export type ProactiveSettingsInput = z.output<typeof proactiveSettingsInput>;
