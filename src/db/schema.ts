// The drizzle schema index: every module's tables, for the client and for drizzle-kit.
export * from '../core/schema.js';
export * from '../modules/identity/schema.js';
export * from '../modules/clients/schema.js';
export * from '../modules/cabinet/schema.js';
export * from '../modules/trading/schema.js';
export * from '../integrations/trading/simulator/schema.js';
export * from '../modules/payments/schema.js';
export * from '../modules/payments/reconciliation-schema.js';
export * from '../modules/support/schema.js';
export * from '../modules/surveys/schema.js';
export * from '../modules/knowledge/schema.js';
export * from '../modules/support/bot/schema.js';
export * from '../modules/complaints/schema.js';
export * from '../modules/reports/schema.js';
