import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../src/db/connection.js';
import { appendEvents, appendEventsNow, type NewEvent } from '../../src/core/events.js';
import { events, notifications } from '../../src/core/schema.js';
import { freshDatabase } from '../support/database.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(() => drop?.());

// settings.updated takes any object: the payload round-trips as given.
const batchOf = (n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'settings.updated',
    subjectType: 'client',
    subjectId: `s${i}`,
    actorId: i % 2 ? randomUUID() : null,
    ip: i % 3 ? '10.0.0.1' : null,
    payload: { i, text: `"quoted" ${i}`, nested: { ok: true } },
    audience: i % 2 ? { users: [randomUUID()] } : {},
    notify: i % 7 === 0 ? [{ userId: randomUUID(), payload: { n: i } }] : [],
  }));

const marked = (mark: string): NewEvent => ({
  type: 'settings.updated',
  subjectType: 'test',
  subjectId: mark,
  payload: { mark },
});

async function stored(mark: string): Promise<number> {
  const [row] = await database.db
    .select({ n: count() })
    .from(events)
    .where(sql`${events.subjectType} = 'test' and ${events.subjectId} = ${mark}`);
  return Number(row?.n ?? 0);
}

/** Whether this transaction's session holds the event log's append lock right now. */
async function holdsAppendLock(tx: Executor): Promise<boolean> {
  const result = (await tx.execute(sql`
    select count(*)::int as n from pg_locks
    where locktype = 'advisory' and objid = 7280001 and pid = pg_backend_pid() and granted`)) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]!.n > 0;
}

describe('appendEvents', () => {
  for (const n of [3, 120]) {
    it(`stores ${n} events in order, returns their ids in batch order, and files their notifications`, async () => {
      const batch = batchOf(n);
      const ids = await database.db.transaction((tx) => appendEventsNow(tx, batch));
      expect(ids).toHaveLength(n);
      expect(ids.every((id) => typeof id === 'number')).toBe(true);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const rows = await database.db
        .select()
        .from(events)
        .where(inArray(events.id, ids))
        .orderBy(asc(events.id));
      rows.forEach((e, i) => {
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
        (e.notify ?? []).map((note) => ({
          eventId: ids[i],
          userId: note.userId,
          type: e.type,
          payload: note.payload,
        })),
      );
      expect(
        notes
          .map((x) => ({ eventId: x.eventId, userId: x.userId, type: x.type, payload: x.payload }))
          .sort((a, b) => a.eventId - b.eventId),
      ).toEqual(expected);
    });
  }

  it('writes a transaction’s events at its end, after its other writes, in the order appended', async () => {
    const mark = randomUUID();
    await database.db.transaction(async (tx) => {
      await appendEvents(tx, [marked(`${mark}-1`)]);
      // Nothing is written yet, and the append lock is not taken: the transaction's other writes run
      // without it.
      expect(await holdsAppendLock(tx)).toBe(false);
      await tx.execute(sql`select 1`);
      await appendEvents(tx, [marked(`${mark}-2`), marked(`${mark}-3`)]);
      const [inside] = await tx
        .select({ n: count() })
        .from(events)
        .where(sql`${events.subjectId} like ${`${mark}%`}`);
      expect(Number(inside!.n)).toBe(0);
      expect(await holdsAppendLock(tx)).toBe(false);
    });
    const rows = await database.db
      .select({ subjectId: events.subjectId })
      .from(events)
      .where(sql`${events.subjectId} like ${`${mark}%`}`)
      .orderBy(asc(events.id));
    expect(rows.map((r) => r.subjectId)).toEqual([`${mark}-1`, `${mark}-2`, `${mark}-3`]);
  });

  it('writes nothing for a transaction that rolls back, nor for a savepoint that does', async () => {
    const mark = randomUUID();
    await expect(
      database.db.transaction(async (tx) => {
        await appendEvents(tx, [marked(`${mark}-a`)]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await stored(`${mark}-a`)).toBe(0);

    await database.db.transaction(async (tx) => {
      await appendEvents(tx, [marked(`${mark}-kept`)]);
      await tx.transaction(async (sp) => appendEvents(sp, [marked(`${mark}-released`)]));
      await tx
        .transaction(async (sp) => {
          await appendEvents(sp, [marked(`${mark}-dropped`)]);
          throw new Error('savepoint rolled back');
        })
        .catch(() => {});
    });
    expect(await stored(`${mark}-kept`)).toBe(1);
    expect(await stored(`${mark}-released`)).toBe(1);
    expect(await stored(`${mark}-dropped`)).toBe(0);
  });

  it('writes at once outside a transaction', async () => {
    const mark = randomUUID();
    await appendEvents(database.db, [marked(mark)]);
    expect(await stored(mark)).toBe(1);
  });

  it('refuses an unknown type or a payload that does not fit its type, and rolls back', async () => {
    const mark = randomUUID();
    const unknown = { type: 'no.such_event', payload: {} } as unknown as NewEvent;
    const wrong = { type: 'team.deleted', payload: { name: 42 } } as unknown as NewEvent;
    for (const bad of [unknown, wrong])
      await expect(
        database.db.transaction(async (tx) => {
          await appendEvents(tx, [marked(mark)]);
          await appendEvents(tx, [bad]);
        }),
      ).rejects.toThrow(/unknown event type|bad payload/);
    expect(await stored(mark)).toBe(0);
  });

  it('does not hold the append lock while a transaction that appended is still working', async (ctx) => {
    // PGlite has one connection and runs one transaction at a time: nothing to race.
    if (database.kind !== 'postgres') ctx.skip();
    const mark = randomUUID();
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const hasAppended = new Promise<void>((resolve) => (appended = resolve));
    const slow = database.db.transaction(async (tx) => {
      await appendEvents(tx, [marked(`${mark}-slow`)]);
      await tx.execute(sql`select 1`);
      appended();
      await holding; // the transaction's later writes, as long as they take
      await tx.execute(sql`select 1`);
    });
    await hasAppended;
    // A concurrent append commits while the first transaction is still open. Were the lock taken at
    // the first append, this would wait for it; the timeout turns that wait into a failure.
    const other = database.db.transaction((tx) => appendEventsNow(tx, [marked(`${mark}-fast`)]));
    const outcome = await Promise.race([
      other.then(() => 'committed' as const),
      new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5_000)),
    ]);
    release();
    await Promise.all([slow, other]);
    expect(outcome).toBe('committed');
    // Ids follow commit order: the one that committed first has the lower id.
    const rows = await database.db
      .select({ id: events.id, subjectId: events.subjectId })
      .from(events)
      .where(sql`${events.subjectId} like ${`${mark}%`}`)
      .orderBy(asc(events.id));
    expect(rows.map((r) => r.subjectId)).toEqual([`${mark}-fast`, `${mark}-slow`]);
  });
});
