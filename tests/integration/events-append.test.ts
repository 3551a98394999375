import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, inArray } from 'drizzle-orm';
import type { Database } from '../../src/db/connection.js';
import { appendEvents, type NewEvent } from '../../src/core/events.js';
import { events, notifications } from '../../src/core/schema.js';
import { freshDatabase } from '../support/database.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(() => drop?.());

const batchOf = (n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    type: `test.e${i}`,
    subjectType: 'client',
    subjectId: `s${i}`,
    actorId: i % 2 ? randomUUID() : null,
    ip: i % 3 ? '10.0.0.1' : null,
    payload: { i, text: `"quoted" ${i}`, nested: { ok: true } },
    audience: i % 2 ? { users: [randomUUID()] } : {},
    notify: i % 7 === 0 ? [{ userId: randomUUID(), payload: { n: i } }] : [],
  }));

describe('appendEvents', () => {
  // 3 events take the plain VALUES insert, 120 the bulk (unnest) insert: both must behave the same.
  for (const n of [3, 120]) {
    it(`stores ${n} events in order, returns their ids in batch order, and files their notifications`, async () => {
      const batch = batchOf(n);
      const ids = await database.db.transaction((tx) => appendEvents(tx, batch));
      expect(ids).toHaveLength(n);
      expect(ids.every((id) => typeof id === 'number')).toBe(true);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const stored = await database.db
        .select()
        .from(events)
        .where(inArray(events.id, ids))
        .orderBy(asc(events.id));
      stored.forEach((e, i) => {
        const sent = batch[i]!;
        expect(e).toMatchObject({
          id: ids[i],
          type: sent.type,
          subjectType: 'client',
          subjectId: sent.subjectId,
          actorId: sent.actorId,
          actorKind: sent.actorId ? 'staff' : 'system',
          ip: sent.ip,
          payload: sent.payload,
          audience: sent.audience,
        });
      });
      const notes = await database.db.select().from(notifications).where(inArray(notifications.eventId, ids));
      const expected = batch.flatMap((e, i) =>
        (e.notify ?? []).map((note) => ({ eventId: ids[i], userId: note.userId, type: e.type })),
      );
      expect(
        notes
          .map((x) => ({ eventId: x.eventId, userId: x.userId, type: x.type }))
          .sort((a, b) => a.eventId - b.eventId),
      ).toEqual(expected);
    });
  }
});
