import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { runHooksBeforeCommit } from '../db/before-commit.js';
import type { Db, Executor } from '../db/connection.js';
import { appendEvents, canSee, type NewEvent, type Viewer } from './events.js';

const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  id: 'u1',
  teamId: 't1',
  scope: 'own',
  permissions: new Set(),
  ...over,
});

describe('canSee', () => {
  it('shows events addressed to the user', () => {
    expect(canSee(viewer(), { audience: { users: ['u1'] } })).toBe(true);
    expect(canSee(viewer(), { audience: { users: ['u2'] } })).toBe(false);
  });

  it('shows team events only to staff whose scope covers the team', () => {
    const event = { audience: { teams: ['t1'] } };
    expect(canSee(viewer({ scope: 'own' }), event)).toBe(false);
    expect(canSee(viewer({ scope: 'team' }), event)).toBe(true);
    expect(canSee(viewer({ scope: 'team', teamId: 't2' }), event)).toBe(false);
  });

  it('shows events by permission, and everything to holders of events.all', () => {
    expect(
      canSee(viewer({ permissions: new Set(['staff.read']) }), { audience: { permissions: ['staff.read'] } }),
    ).toBe(true);
    expect(canSee(viewer(), { audience: { permissions: ['staff.read'] } })).toBe(false);
    expect(canSee(viewer({ permissions: new Set(['events.all']) }), { audience: {} })).toBe(true);
  });

  it('always shows an event that carries a notification for the user', () => {
    expect(canSee(viewer(), { audience: {} }, true)).toBe(true);
    expect(canSee(viewer(), { audience: {} })).toBe(false);
  });
});

describe('appendEvents', () => {
  /** A stand-in database: records each statement a transaction runs, and marks where the callback ended. */
  function fakeDatabase() {
    const log: string[] = [];
    const tx = {
      execute: async (query: SQL) => {
        const { sql: text } = new PgDialect().sqlToQuery(query);
        log.push(text.includes('pg_advisory_xact_lock') ? 'append (takes the lock)' : text);
        return { rows: [{ ids: [1, 2] }] };
      },
      transaction: async (run: (sp: unknown) => Promise<unknown>) => run(tx),
    };
    const db = runHooksBeforeCommit({
      transaction: async (run: (t: unknown) => Promise<unknown>) => {
        const result = await run(tx);
        log.push('COMMIT');
        return result;
      },
    } as unknown as Db);
    return { db, log, tx: tx as unknown as Executor };
  }

  const event: NewEvent = {
    type: 'team.deleted',
    subjectType: 'team',
    subjectId: 't1',
    payload: { name: 'A' },
  };

  it('writes the events in one statement after the transaction’s other work, just before COMMIT', async () => {
    const { db, log } = fakeDatabase();
    await db.transaction(async (tx) => {
      await appendEvents(tx, [event]);
      await tx.execute(sql`update teams set name = 'B'`);
      await appendEvents(tx, [{ ...event, subjectId: 't2' }]);
      await tx.execute(sql`insert into mail_outbox default values`);
    });
    expect(log).toEqual([
      `update teams set name = 'B'`,
      'insert into mail_outbox default values',
      'append (takes the lock)',
      'COMMIT',
    ]);
  });

  it('writes nothing when the transaction fails', async () => {
    const { db, log } = fakeDatabase();
    await expect(
      db.transaction(async (tx) => {
        await appendEvents(tx, [event]);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(log).toEqual([]);
  });

  it('refuses an unknown type or a wrong payload before writing anything', async () => {
    const { db, log, tx } = fakeDatabase();
    await expect(appendEvents(tx, [{ type: 'team.renamed' } as unknown as NewEvent])).rejects.toThrow(
      /unknown event type "team.renamed"/,
    );
    await expect(
      db.transaction((t) => appendEvents(t, [{ type: 'team.deleted', payload: {} } as unknown as NewEvent])),
    ).rejects.toThrow(/bad payload for team.deleted/);
    expect(log).toEqual([]);
  });
});
