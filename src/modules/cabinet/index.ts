/**
 * The cabinet module's public face: the only file other modules import from the cabinet (a schema
 * may still import `schema.ts` for foreign keys). Trader accounts, tokens and sessions stay inside.
 */
export { cabinetEmailConfirmed } from './trader-accounts.js';
export { TRADER_COOKIE, trader, type TraderPrincipal } from './trader-guard.js';
