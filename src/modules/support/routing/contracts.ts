import { z } from 'zod';
import { int, text, uuid } from '../../../core/primitives.js';
import { AGENT_STATUSES, CONVERSATION_PRIORITIES, SUPPORT_CHANNELS } from '../../../shared/support.js';
import { languageCode } from '../conversations/contracts.js';

// Request schemas of routing and SLA (the answers are src/shared/contracts/support.ts).

export const staffIdParams = z.strictObject({ staffId: uuid() });
export const teamIdParams = z.strictObject({ teamId: uuid() });

export const agentSettingsInput = z.strictObject({
  teamIds: z.array(uuid()).max(20),
  languages: z.array(languageCode()).max(30),
  capacity: int({ min: 1, max: 50 }),
});

export const agentStatusInput = z.strictObject({ status: z.enum(AGENT_STATUSES) });

const target = () => int({ min: 1, max: 60 * 24 * 365 }).nullable();
export const slaPolicyInput = z.strictObject({
  name: text({ trim: true, min: 1, max: 100, label: 'Name' }),
  channel: z.enum(SUPPORT_CHANNELS).nullable().default(null),
  priority: z.enum(CONVERSATION_PRIORITIES).nullable().default(null),
  firstResponseMinutes: target().default(null),
  nextResponseMinutes: target().default(null),
  resolutionMinutes: target().default(null),
  businessHoursOnly: z.boolean().default(true),
  warnBeforeMinutes: int({ min: 0, max: 60 * 24 }).default(5),
  sortOrder: int({ min: 0, max: 100_000 }).default(0),
  enabled: z.boolean().default(true),
});
export const slaPolicyPatch = z.strictObject({
  name: text({ trim: true, min: 1, max: 100, label: 'Name' }).optional(),
  channel: z.enum(SUPPORT_CHANNELS).nullable().optional(),
  priority: z.enum(CONVERSATION_PRIORITIES).nullable().optional(),
  firstResponseMinutes: target().optional(),
  nextResponseMinutes: target().optional(),
  resolutionMinutes: target().optional(),
  businessHoursOnly: z.boolean().optional(),
  warnBeforeMinutes: int({ min: 0, max: 60 * 24 }).optional(),
  sortOrder: int({ min: 0, max: 100_000 }).optional(),
  enabled: z.boolean().optional(),
});

const minuteRange = z
  .tuple([int({ min: 0, max: 1440 }), int({ min: 0, max: 1440 })])
  .refine(([s, e]) => s < e, 'A range starts before it ends ([start, end) minutes of the day)');
const isoDay = text({ max: 10 }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2026-12-25');
export const teamCalendarInput = z.strictObject({
  timeZone: text({ trim: true, min: 1, max: 64, label: 'Time zone' }),
  businessHours: z
    .strictObject({
      '1': z.array(minuteRange).max(6).optional(),
      '2': z.array(minuteRange).max(6).optional(),
      '3': z.array(minuteRange).max(6).optional(),
      '4': z.array(minuteRange).max(6).optional(),
      '5': z.array(minuteRange).max(6).optional(),
      '6': z.array(minuteRange).max(6).optional(),
      '7': z.array(minuteRange).max(6).optional(),
    })
    .default({}),
  holidays: z.array(isoDay).max(400).default([]),
  languages: z.array(languageCode()).max(30).default([]),
  isDefault: z.boolean().default(false),
});
