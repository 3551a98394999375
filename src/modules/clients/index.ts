/**
 * The clients module's public face: the only file other modules import from clients (a schema may
 * still import `schema.ts` for foreign keys). The clients' tables stay inside; others read and change
 * them through what is exported here.
 */
export { clientAudience } from './audience.js';
export { ClientCard } from './card.js';
export { ClientService, type ClientRow, type DuplicateMatch, type NewClient } from './client-service.js';
export { refreshClientsOnline, type OnlineFlip } from './online.js';
export {
  assertClientVisible,
  clientRef,
  clientRefFields,
  clientRefs,
  clientRefsByIds,
  lockClient,
  type ClientRef,
} from './refs.js';
export { closeClientTasks, createClientTasks, type NewClientTask } from './tasks.js';
export {
  emailOrLoginTaken,
  setClientLogin,
  updateContactByTrader,
  type ContactPatch,
} from './trader-record.js';
export { CLIENT_STATUSES, type ClientStatus } from './schema.js';
/** Request shapes the cabinet's registration reuses, so a client's fields mean one thing everywhere. */
export {
  COUNTRY,
  EMAIL,
  LANGUAGE,
  PERSON_NAME,
  PHONE,
  SOURCE,
  registerInCabinetInput,
  utmInput,
} from './contracts.js';
