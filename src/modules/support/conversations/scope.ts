import { inArray, isNull, or, type Column, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../../core/events.js';
import { AppError } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import { assertClientVisible, clientRefs } from '../../clients/index.js';
import { clientScope } from '../../identity/index.js';
import { conversations } from '../schema.js';

/**
 * Record scope on the desk: a conversation linked to a client is the client's record, so only staff
 * who may see that client read it (a team lead: their team's clients); an unlinked one is every
 * support handler's. As a WHERE condition on `conversations` (undefined: no restriction).
 */
export function conversationScope(db: Db | Executor, viewer: Viewer): SQL | undefined {
  if (viewer.scope === 'all') return undefined;
  const vis = clientRefs('support_scope');
  const visible = db
    .select({ id: vis.id })
    .from(vis)
    .where(clientScope(viewer, { managerId: vis.managerId as Column, teamId: vis.teamId as Column }));
  return or(isNull(conversations.clientId), inArray(conversations.clientId, visible));
}

/** 404 (like a missing one, so ids do not leak) when the conversation's client is outside the viewer's scope. */
export async function assertConversationVisible(
  db: Db | Executor,
  viewer: Viewer,
  conv: { clientId: string | null },
  field?: string,
): Promise<void> {
  if (!conv.clientId || viewer.scope === 'all') return;
  await assertClientVisible(db, viewer, conv.clientId).catch(() => {
    throw new AppError(404, 'not_found', 'Conversation not found', field);
  });
}
