import { z } from 'zod';
import { isoTime } from './common.js';

// Callback requests' answers (src/modules/support/callbacks).

/** A callback request: the form's fields, and the call that closed it. */
export const callbackView = z.object({
  conversationId: z.string(),
  /** E.164. */
  number: z.string(),
  name: z.string().nullable(),
  language: z.string(),
  preferredAt: isoTime.nullable(),
  via: z.enum(['widget', 'cabinet']),
  callId: z.string().nullable(),
  closedAt: isoTime.nullable(),
});
export type CallbackView = z.output<typeof callbackView>;

/** What the widget and the cabinet get back (no conversation internals). */
export const callbackRequested = z.object({
  conversationId: z.string(),
  number: z.string(),
  preferredAt: isoTime.nullable(),
});
export type CallbackRequested = z.output<typeof callbackRequested>;
