import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The built-in simulated trading server's own storage. It stands in for an outside system, so its
 * table belongs to it, not to the trading module.
 */
export const simAccounts = pgTable('sim_accounts', {
  login: text('login').primaryKey(),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
