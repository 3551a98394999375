import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database handle or an open transaction: services accept either so callers choose the boundary. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export type Listener = (payload: string) => void;

/** A session-level advisory lock, held by a connection of its own until released or lost. */
export interface SessionLock {
  /**
   * Queries on the session that holds the lock. Once the lock is lost they fail, so a write made
   * through it cannot commit after another instance has taken the lock over.
   */
  db: Db;
  /** Resolves if the lock goes without release(): the connection dropped and the server let it go. */
  lost: Promise<void>;
  release(): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Subscribes to a NOTIFY channel; resolves once listening. Returns the unsubscribe function. */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  /** Takes a session-level advisory lock (`pg_try_advisory_lock`); null while another session holds it. */
  tryAdvisoryLock(key: number): Promise<SessionLock | null>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir?: string /* undefined = in memory */ }
  | { kind: 'postgres'; url: string; poolSize?: number };

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.kind === 'pglite' ? openPglite(opts.dataDir) : openPostgres(opts.url, opts.poolSize ?? 10);
}

async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Extensions must be passed on every open, not only when the database is created.
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  // One embedded database belongs to one process and has one connection, so a lock only has to keep
  // out other holders in this process; it is never lost.
  const held = new Set<number>();
  return {
    kind: 'pglite',
    db,
    async listen(channel, listener) {
      const unlisten = await client.listen(channel, listener);
      return async () => unlisten();
    },
    async tryAdvisoryLock(key) {
      if (held.has(key)) return null;
      held.add(key);
      let released = false;
      return {
        db,
        lost: new Promise<void>(() => {}),
        async release() {
          if (!released) held.delete(key);
          released = true;
        },
      };
    },
    async migrate() {
      await migratePglite(db as never, { migrationsFolder });
    },
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A pool error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listeners = new Map<string, Set<Listener>>();
  let listenClient: pg.Client | undefined;
  let closed = false;
  /** Connections holding session locks, ended (and so released) on close. */
  const lockHolders = new Set<() => Promise<void>>();

  // One dedicated connection carries every LISTEN; it reconnects with backoff and re-subscribes.
  async function connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload ?? '');
    });
    client.on('error', () => {});
    client.on('end', () => {
      if (listenClient === client) listenClient = undefined;
      if (!closed) setTimeout(() => void connectListener().catch(() => {}), 500).unref();
    });
    await client.connect();
    for (const channel of listeners.keys()) await client.query(`LISTEN "${channel}"`);
    listenClient = client;
    // Tell subscribers that notifications may have been missed while disconnected.
    for (const [, set] of listeners) for (const l of set) l('');
  }
  await connectListener();

  return {
    kind: 'postgres',
    db,
    async listen(channel, listener) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await listenClient?.query(`LISTEN "${channel}"`);
      }
      set.add(listener);
      return async () => {
        set.delete(listener);
      };
    },
    async tryAdvisoryLock(key) {
      // A session lock lives as long as its connection, so it gets one of its own, not a pooled one.
      const client = new pg.Client({ connectionString: url, keepAlive: true });
      let released = false;
      let markLost!: () => void;
      const lost = new Promise<void>((resolve) => (markLost = resolve));
      const release = async () => {
        released = true;
        lockHolders.delete(release);
        await client.end().catch(() => {});
      };
      client.on('error', () => {});
      client.on('end', () => {
        lockHolders.delete(release);
        if (!released) markLost();
      });
      await client.connect();
      let taken = false;
      try {
        const { rows } = await client.query<{ taken: boolean }>(
          'select pg_try_advisory_lock($1::bigint) as taken',
          [key],
        );
        taken = rows[0]?.taken === true;
      } finally {
        if (!taken) await release();
      }
      if (!taken) return null;
      lockHolders.add(release);
      return { db: drizzlePg(client, { schema }) as unknown as Db, lost, release };
    },
    async migrate() {
      await migratePg(db as never, { migrationsFolder });
    },
    async close() {
      closed = true;
      await listenClient?.end().catch(() => {});
      await Promise.all([...lockHolders].map((release) => release()));
      await pool.end();
    },
  };
}
