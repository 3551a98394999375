import { pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { clients } from '../clients/schema.js';

/** A client's cabinet login: the password and what they accepted when registering. */
export const traderAccounts = pgTable('trader_accounts', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
  termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }),
  riskAcceptedAt: timestamp('risk_accepted_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Single-use email links (confirm address, reset password), and the mark that a password was emailed
 * (see tokens.ts); only the SHA-256 of a token is kept.
 */
export const traderTokens = pgTable(
  'trader_tokens',
  {
    id: text('id').primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'confirm_email' | 'reset_password' | 'emailed_password'>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('trader_tokens_client_idx').on(t.clientId)],
);
