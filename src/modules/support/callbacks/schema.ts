import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversations } from '../schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A callback request (issue 13): the widget's or the cabinet's "call me back" form. It is a support
 * conversation of channel `callback` (routed by language, SLA running); this row keeps the form's
 * fields and, once a call reached the customer, the call that closed it.
 */
export const supportCallbacks = pgTable(
  'support_callbacks',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** E.164, normalised with libphonenumber-js. */
    number: text('number').notNull(),
    name: text('name'),
    language: text('language').notNull(),
    /** When the customer would like the call (null: as soon as possible). */
    preferredAt: instant('preferred_at'),
    via: text('via').$type<'widget' | 'cabinet'>().notNull(),
    /** The telephony call (calls.id) that reached the customer and closed the request. */
    callId: uuid('call_id'),
    closedAt: instant('closed_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('support_callbacks_open_idx').on(t.closedAt, t.preferredAt)],
);
