import { eq } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Actor } from '../../../core/actor.js';
import { appendEvent, type Viewer } from '../../../core/events.js';
import { AppError } from '../../../core/errors.js';
import type { Executor } from '../../../db/connection.js';
import type { ConversationKind } from '../../../shared/support.js';
import type { ConversationRow } from '../hooks.js';
import { notifyConversation, SUPPORT_AUDIENCE } from '../notify.js';
import { conversations } from '../schema.js';
import { assertConversationVisible } from './scope.js';

/**
 * What other modules (complaints) need of a conversation: read one the viewer may see (404 otherwise,
 * like a missing one), locked for the caller's transaction, and mark its kind so the inbox shows it.
 */
export async function lockVisibleConversation(
  tx: Executor,
  viewer: Viewer | null,
  conversationId: string,
  field = 'conversationId',
): Promise<ConversationRow> {
  const [conv] = await tx
    .select()
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .for('update')
    .limit(1);
  if (!conv) throw new AppError(404, 'not_found', 'Conversation not found', field);
  if (viewer) await assertConversationVisible(tx, viewer, conv, field);
  return conv;
}

/** Sets the conversation's kind (recorded as `support.conversation_updated`, pushed to the inbox). */
export async function markConversationKind(
  tx: Executor,
  conv: ConversationRow,
  kind: ConversationKind,
  actor: Actor | null,
): Promise<void> {
  if (conv.kind === kind) return;
  await tx.update(conversations).set({ kind }).where(eq(conversations.id, conv.id));
  await appendEvent(tx, {
    type: 'support.conversation_updated',
    subjectType: 'conversation',
    subjectId: conv.id,
    actorId: actor?.id ?? null,
    ip: actor?.ip ?? null,
    payload: {
      conversationId: conv.id,
      number: conv.number,
      changes: { kind: { from: conv.kind, to: kind } },
    },
    audience: SUPPORT_AUDIENCE,
  });
  await notifyConversation(tx, { conversationId: conv.id, kind: 'conversation' });
}

/** Conversations' id and number as a relation another module's query may join (the complaint register). */
export const conversationRefs = <A extends string>(alias: A) =>
  new QueryBuilder()
    .select({ id: conversations.id, number: conversations.number })
    .from(conversations)
    .as(alias);
