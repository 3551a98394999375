import { eq, sql } from 'drizzle-orm';
import { changedFields } from '../../../core/changes.js';
import { appendEvent } from '../../../core/events.js';
import type { Executor } from '../../../db/connection.js';
import type { ConversationPriority } from '../../../shared/support.js';
import type { ConversationRow, SupportHooks } from '../hooks.js';
import { notifyConversation, SUPPORT_AUDIENCE } from '../notify.js';
import { conversations } from '../schema.js';

/**
 * The system's own priority change (a very negative message, support/sentiment): the same write, event
 * (`support.conversation_updated`, actor none) and SLA rematch (`runReclassified`) as an agent's change
 * from the inbox (actions.ts patch). `conv` is the row as it is now, inside the caller's transaction.
 */
export async function raisePriority(
  tx: Executor,
  hooks: Pick<SupportHooks, 'runReclassified'>,
  conv: ConversationRow,
  priority: ConversationPriority,
): Promise<ConversationRow> {
  if (conv.priority === priority) return conv;
  const [row] = await tx
    .update(conversations)
    .set({ priority, updatedAt: sql`now()` })
    .where(eq(conversations.id, conv.id))
    .returning();
  await appendEvent(tx, {
    type: 'support.conversation_updated',
    subjectType: 'conversation',
    subjectId: conv.id,
    actorId: null,
    payload: { conversationId: conv.id, number: conv.number, changes: changedFields(conv, { priority }) },
    audience: SUPPORT_AUDIENCE,
  });
  await hooks.runReclassified(tx, conv);
  await notifyConversation(tx, { conversationId: conv.id, kind: 'conversation' });
  return row!;
}
