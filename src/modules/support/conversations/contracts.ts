import { z } from 'zod';
import { pagingQuery, queryInt, text, timestamp, uuid } from '../../../core/primitives.js';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_STATUSES,
  INBOX_VIEWS,
  MESSAGE_VISIBILITIES,
  SUPPORT_CHANNELS,
} from '../../../shared/support.js';
import { MESSAGE_BODY_MAX } from './service.js';

// Request schemas of the conversations part (the answers are src/shared/contracts/support.ts).

/** An ISO 639-1 language code ("id", "pt"); a region suffix is dropped by the callers that need it. */
export const languageCode = () =>
  text({ trim: true, min: 2, max: 8, label: 'Language' })
    .toLowerCase()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,4})?$/, 'Use a language code such as en or pt-br');

export const CONVERSATION_SORTS = ['lastMessageAt', 'createdAt', 'priority', 'waitingSince'] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  text({ max: 400 })
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(20));

export const conversationListQuery = z.strictObject({
  view: z.enum(INBOX_VIEWS).default('all'),
  status: oneOf(CONVERSATION_STATUSES).optional(),
  channel: oneOf(SUPPORT_CHANNELS).optional(),
  language: languageCode().optional(),
  teamId: uuid().optional(),
  assigneeId: uuid().optional(),
  /** Subject, contact name or email, or the number (#1042 or 1042). */
  q: text({ trim: true, max: 200 }).optional(),
  sort: z.enum(CONVERSATION_SORTS).default('lastMessageAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pagingQuery,
});
export type ConversationListQuery = z.output<typeof conversationListQuery>;

export const messagesQuery = z.strictObject({
  after: queryInt({ min: 0 }).default(0),
  limit: queryInt({ min: 1, max: 500 }).default(200),
});

const body = () => text({ max: MESSAGE_BODY_MAX, label: 'Message' });
/** The sender's id for one message, so a retried send is stored once. */
const clientMessageId = () => text({ trim: true, min: 1, max: 100, label: 'clientMessageId' });

export const staffMessageInput = z.strictObject({
  body: body(),
  visibility: z.enum(MESSAGE_VISIBILITIES).default('public'),
  clientMessageId: clientMessageId().optional(),
  attachmentIds: z.array(uuid()).max(10).optional(),
  mentions: z.array(uuid()).max(20).optional(),
});

export const conversationPatch = z
  .strictObject({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    priority: z.enum(CONVERSATION_PRIORITIES).optional(),
    tags: z
      .array(text({ trim: true, min: 1, max: 40, label: 'Tag' }))
      .max(20)
      .optional(),
    language: languageCode().nullable().optional(),
    /** With status snoozed (or alone: snoozes). null is the same as leaving it out. */
    snoozedUntil: timestamp().nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Change at least one field', path: ['status'] });

export const assignInput = z.strictObject({
  assigneeId: uuid().nullable(),
  teamId: uuid().nullable().optional(),
});
export const linkInput = z.strictObject({ clientId: uuid() });
export const mergeInput = z.strictObject({
  intoId: uuid(),
  /** Merge conversations of different customers anyway (support.supervise only). */
  force: z.boolean().optional(),
});
export const convertInput = z.strictObject({ to: z.literal('ticket') });

// Cabinet tickets (the trader's own).
export const ticketInput = z.strictObject({
  subject: text({ trim: true, min: 1, max: 200, label: 'Subject' }),
  body: body(),
  language: languageCode().optional(),
  clientMessageId: clientMessageId().optional(),
});
export const ticketReplyInput = z.strictObject({
  body: body(),
  clientMessageId: clientMessageId().optional(),
});
export const ticketListQuery = z.strictObject({ ...pagingQuery });

// Canned responses.
export const cannedQuery = z.strictObject({
  language: languageCode().optional(),
  teamId: uuid().optional(),
  q: text({ trim: true, max: 100 }).optional(),
});
const cannedFields = {
  title: text({ trim: true, min: 1, max: 120, label: 'Title' }),
  shortcut: text({ trim: true, min: 1, max: 40, label: 'Shortcut' }).regex(
    /^[a-z0-9_-]+$/,
    'Use lower-case letters, digits, - and _',
  ),
  language: languageCode(),
  body: text({ min: 1, max: 5000, label: 'Body' }),
};
export const cannedInput = z.strictObject({ ...cannedFields, teamId: uuid().nullable().default(null) });
// No defaults here: a field left out of a PATCH stays as it is (teamId above would reset it to null).
export const cannedPatch = z
  .strictObject({
    title: cannedFields.title.optional(),
    shortcut: cannedFields.shortcut.optional(),
    language: cannedFields.language.optional(),
    body: cannedFields.body.optional(),
    teamId: uuid().nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Change at least one field', path: ['title'] });
export const renderInput = z.strictObject({ conversationId: uuid() });
