import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import { appendEventsNow, type Viewer } from '../../core/events.js';
import { AppError } from '../../core/errors.js';
import { staffById, staffByIds } from '../identity/index.js';
import type { Actor } from '../../core/actor.js';
import { clientAudience } from './audience.js';
import { visibleClient } from './refs.js';
import { clients } from './schema.js';

/**
 * Comments on a client card, with @mentions that notify. Comments are events themselves: the history is
 * append-only, so what a manager wrote stays as written for the next manager.
 */
export class ClientComments {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  async comment(viewer: Viewer, actor: Actor, clientId: string, body: string, mentions: string[]) {
    const client = await visibleClient(this.db, viewer, clientId);
    const mentioned = mentions.length
      ? (await staffByIds(this.db, mentions)).filter((s) => s.active).map(({ id, name }) => ({ id, name }))
      : [];
    if (mentioned.length !== new Set(mentions).size)
      throw new AppError(400, 'unknown_mention', 'Mention active staff members only', 'mentions');
    const author = actor.id ? await staffById(this.db, actor.id) : undefined;
    const [id] = await this.db.transaction(async (tx) => {
      await markContacted(tx, clientId, this.clock.now());
      // The answer names the comment by its event's id, so it is written now, as the last statement.
      return appendEventsNow(tx, [
        {
          type: 'client.comment_added',
          subjectType: 'client',
          subjectId: clientId,
          actorId: actor.id,
          ip: actor.ip,
          payload: { body, mentions: mentioned, clientName: client.name },
          audience: clientAudience(client),
          notify: mentioned
            .filter((m) => m.id !== actor.id)
            .map((m) => ({
              userId: m.id,
              type: 'client.mentioned',
              payload: {
                clientName: client.name,
                clientId,
                by: author?.name ?? null,
                excerpt: body.slice(0, 140),
              },
            })),
        },
      ]);
    });
    return { id };
  }
}

/** A comment or a task done by staff is a contact: the list's "last contact" column and its sort. */
export async function markContacted(tx: Executor, clientId: string, now: Date): Promise<void> {
  await tx.update(clients).set({ lastContactAt: now }).where(eq(clients.id, clientId));
}
