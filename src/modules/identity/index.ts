/**
 * The identity module's public face: the only file other modules import from identity (a schema may
 * still import `schema.ts` for foreign keys). Staff and team rows stay inside; others read them here.
 */
export {
  activeTeamLeads,
  availableTeamMembers,
  longestServingAdmin,
  mailRecipients,
  staffById,
  staffByIds,
  staffNames,
  staffNamesByIds,
  teamExists,
  teamNames,
  type MailRecipient,
  type StaffRef,
} from './directory.js';
export { canSeeClient, clientScope, withScope, type ScopedColumns } from './scope.js';
/** Passwords, sessions and sign-in throttling, which the cabinet uses for its traders too. */
export { decoyHash, generatePassword, hashPassword, passwordSchema, verifyPassword } from './passwords.js';
export { SessionStore, type SessionPolicy } from './sessions.js';
export { LoginThrottle, type ThrottlePolicy } from './throttle.js';
