import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { appendEvent, type NewEvent } from '../../core/events.js';
import type { Executor } from '../../db/connection.js';

/** Who may receive the knowledge base's events live: its editors and the agents who use it. */
export const KNOWLEDGE_AUDIENCE = { permissions: ['knowledge.write', 'support.handle'] };

type KnowledgeEvent = Extract<NewEvent, { type: `knowledge.${string}` }>;

/** Appends a knowledge event in the caller's transaction, with the actor and the module's audience. */
export async function appendKnowledgeEvent(
  tx: Executor,
  actor: Actor,
  event: Omit<KnowledgeEvent, 'actorId' | 'ip' | 'audience'>,
): Promise<void> {
  await appendEvent(tx, {
    ...event,
    actorId: actor.id,
    ip: actor.ip,
    audience: KNOWLEDGE_AUDIENCE,
  } as KnowledgeEvent);
}

/** A unique index refused the write (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  if ((e as { code?: string }).code === '23505') return true;
  return isUniqueViolation((e as { cause?: unknown }).cause);
}

/** The rows of a raw statement (both drivers answer `{ rows }`). */
export async function rowsOf<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
