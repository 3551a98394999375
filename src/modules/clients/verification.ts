import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { appendEvents, type Viewer } from '../../core/events.js';
import type { Db, Executor } from '../../db/connection.js';
import { clientAudience } from './audience.js';
import { visibleClient } from './refs.js';
import { clients } from './schema.js';

/**
 * The client's verification flag: compliance marks a client verified (identity documents checked
 * outside the CRM for now; full KYC comes later), and payments refuses a withdrawal until it is set.
 */
export async function clientVerified(db: Executor, clientId: string): Promise<boolean> {
  const [row] = await db
    .select({ at: clients.verifiedAt })
    .from(clients)
    .where(eq(clients.id, clientId))
    .limit(1);
  return row?.at != null;
}

/**
 * Sets or clears the flag (404 outside the viewer's scope); recorded as `client.updated` with the
 * change, so it shows on the card's timeline and in the audit trail. A repeat changes nothing.
 */
export async function setClientVerified(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  clientId: string,
  verified: boolean,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await visibleClient(tx, viewer, clientId);
    const was = before.verifiedAt !== null;
    if (was === verified) return;
    await tx
      .update(clients)
      .set({ verifiedAt: verified ? now : null, verifiedBy: verified ? actor.id : null, updatedAt: now })
      .where(eq(clients.id, clientId));
    await appendEvents(tx, [
      {
        type: 'client.updated',
        subjectType: 'client',
        subjectId: clientId,
        actorId: actor.id,
        ip: actor.ip,
        payload: { changes: { verified: { from: was, to: verified } }, clientName: before.name },
        audience: clientAudience(before),
      },
    ]);
  });
}
