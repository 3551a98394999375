import { eq, or, sql } from 'drizzle-orm';
import { heldByAnother } from '../../core/taken.js';
import type { Executor } from '../../db/connection.js';
import { appendEvents, type NewEvent } from '../../core/events.js';
import { notFound } from '../../core/errors.js';
import { clientAudience } from './audience.js';
import { clients } from './schema.js';

/**
 * The client record as its trader's cabinet changes it, through the clients face: the cabinet owns
 * the trader's account (password, confirmation), the client row stays ours.
 */

/** Whether an email or login is already someone's email or login (optionally: someone else's). */
export async function emailOrLoginTaken(tx: Executor, value: string, except?: string): Promise<boolean> {
  const match = or(sql`lower(${clients.email}) = ${value}`, sql`lower(${clients.login}) = ${value}`);
  return heldByAnother(tx, clients, clients.id, match, except);
}

/** Gives the client their cabinet login, in the caller's transaction (the caller checked it is free). */
export async function setClientLogin(
  tx: Executor,
  clientId: string,
  login: string,
  now: Date,
): Promise<void> {
  await tx.update(clients).set({ login, updatedAt: now }).where(eq(clients.id, clientId));
}

export type ContactPatch = {
  phone?: string | undefined;
  language?: string | undefined;
  country?: string | undefined;
};

/**
 * The trader's own profile change in the caller's transaction: what differs is written and recorded as
 * `client.updated` (with `via: 'cabinet'`) by the given actor; nothing differs, nothing is recorded.
 */
export async function updateContactByTrader(
  tx: Executor,
  clientId: string,
  patch: ContactPatch,
  actor: Pick<NewEvent, 'actorId' | 'actorKind' | 'ip'>,
  now: Date,
): Promise<void> {
  const [before] = await tx.select().from(clients).where(eq(clients.id, clientId)).for('update').limit(1);
  if (!before) throw notFound('Client');
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set: ContactPatch = {};
  for (const key of ['phone', 'language', 'country'] as const) {
    const to = patch[key];
    if (to === undefined || to === before[key]) continue;
    changes[key] = { from: before[key], to };
    set[key] = to;
  }
  if (!Object.keys(changes).length) return;
  await tx
    .update(clients)
    .set({ ...set, updatedAt: now })
    .where(eq(clients.id, clientId));
  await appendEvents(tx, [
    {
      ...actor,
      type: 'client.updated',
      subjectType: 'client',
      subjectId: clientId,
      payload: { changes, clientName: before.name, via: 'cabinet' },
      audience: clientAudience(before),
    },
  ]);
}
