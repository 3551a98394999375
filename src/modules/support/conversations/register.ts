import { and, eq, lte } from 'drizzle-orm';
import type { App } from '../../../core/http.js';
import type { SupportDeps } from '../index.js';
import { conversations } from '../schema.js';
import { ConversationActions } from './actions.js';
import { SYSTEM_ACTOR } from './actor.js';
import { CannedResponses } from './canned.js';
import { Inbox } from './inbox.js';
import { cabinetTicketRoutes } from './routes/cabinet.js';
import { cannedRoutes } from './routes/canned.js';
import { staffConversationRoutes } from './routes/staff.js';
import { CabinetTickets } from './tickets.js';

/** How often snoozed conversations whose time has come are woken (reopened). */
const SNOOZE_WAKE_MS = 30_000;

/** The conversations part's routes and its job: the inbox API, cabinet tickets, canned responses. */
export function registerConversations(app: App, deps: SupportDeps): void {
  const db = deps.database.db;
  const inbox = new Inbox(db, deps.clock);
  const actions = new ConversationActions(db, deps.conversations, deps.clients, deps.hooks);
  staffConversationRoutes(app, { ...deps, inbox, actions });
  cannedRoutes(app, { ...deps, canned: new CannedResponses(db, deps.conversations) });
  cabinetTicketRoutes(app, { ...deps, tickets: new CabinetTickets(db, deps.conversations) });
  deps.jobs.every('support-snooze', SNOOZE_WAKE_MS, () => wakeSnoozed(deps));
}

/** Reopens snoozed conversations whose snooze ended, one transaction each (the hooks run as for a person). */
export async function wakeSnoozed(
  deps: Pick<SupportDeps, 'database' | 'clock' | 'conversations'>,
): Promise<number> {
  const db = deps.database.db;
  const due = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.status, 'snoozed'), lte(conversations.snoozedUntil, deps.clock.now())))
    .limit(200);
  for (const { id } of due)
    await db.transaction(async (tx) => {
      const row = await deps.conversations.lock(tx, id);
      // Re-checked under the lock: an agent may have changed it since the scan.
      if (row.status === 'snoozed' && row.snoozedUntil && row.snoozedUntil <= deps.clock.now())
        await deps.conversations.setStatus(tx, id, 'open', SYSTEM_ACTOR);
    });
  return due.length;
}
