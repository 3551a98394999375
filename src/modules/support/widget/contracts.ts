import { z } from 'zod';
import { email, int, queryInt, text, uuid } from '../../../core/primitives.js';
import { languageCode } from '../conversations/contracts.js';
import { MESSAGE_BODY_MAX } from '../conversations/service.js';

// Request schemas of the widget and CSAT (the answers are in src/shared/contracts/support.ts).

const name = () => text({ trim: true, min: 1, max: 120, label: 'Name' });
const token = () => text({ min: 10, max: 400, label: 'Token' });
export const clientMessageId = () =>
  text({ min: 1, max: 64, label: 'Message id' }).regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _');
export const messageBody = () => text({ max: MESSAGE_BODY_MAX, label: 'Message' });

export const sessionInput = z.strictObject({
  name: name().optional(),
  email: email().optional(),
  language: languageCode().optional(),
  /** A token from an earlier session, to resume it. */
  token: token().optional(),
  /** The cabinet's chat token (GET /api/cabinet/support/chat-token). */
  traderToken: token().optional(),
});

export const configQuery = z.strictObject({ language: languageCode().optional() });

export const sendInput = z.strictObject({
  conversationId: uuid().optional(),
  body: messageBody(),
  clientMessageId: clientMessageId(),
});

export const messagesQuery = z.strictObject({
  conversationId: uuid(),
  after: queryInt({ min: 0, max: 2_147_483_647 }).default(0),
});

export const transcriptInput = z.strictObject({ conversationId: uuid(), email: email().optional() });

export const csatInput = z.strictObject({
  conversationId: uuid(),
  score: int({ min: 1, max: 5 }),
  comment: text({ trim: true, max: 2000, label: 'Comment' }).optional(),
});

export const typingInput = z.strictObject({ typing: z.boolean() });

/** Frames a widget sends over the socket. */
export const clientFrame = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    token: token().optional(),
    conversationId: uuid().optional(),
    lastSeq: int({ min: 0, max: 2_147_483_647 }).default(0),
  }),
  z.strictObject({ type: z.literal('start'), body: messageBody(), clientMessageId: clientMessageId() }),
  z.strictObject({ type: z.literal('message'), body: messageBody(), clientMessageId: clientMessageId() }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
  z.strictObject({ type: z.literal('pong') }),
]);
export type ClientFrame = z.output<typeof clientFrame>;
