/**
 * Client value lists, shared by the server (src/modules/clients) and the web app. Kept free of Zod so the
 * browser bundle can import them at runtime; shared/contracts/clients.ts derives its enums from them.
 */

export const CLIENT_STATUSES = ['lead', 'demo', 'live'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
