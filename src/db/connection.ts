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
import { DatabaseUnavailableError } from './unavailable.js';
import { runHooksBeforeCommit } from './before-commit.js';

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

export interface PoolStats {
  /** Open connections, idle ones, and queries waiting for one. */
  total: number;
  idle: number;
  waiting: number;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** The connection pool right now (PostgreSQL); null for the embedded database. */
  poolStats(): PoolStats | null;
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
  const db = runHooksBeforeCommit(drizzlePglite(client, { schema }) as unknown as Db);
  // One embedded database belongs to one process and has one connection, so a lock only has to keep
  // out other holders in this process; it is never lost.
  const held = new Set<number>();
  return {
    kind: 'pglite',
    db,
    poolStats: () => null,
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

/** How long a request may wait for a connection (a free pool slot or a new one) before it gets a 503. */
const CONNECT_TIMEOUT_MS = 5_000;
/** The LISTEN connection retries with backoff from the first to the second. */
const LISTEN_RETRY_MS = [250, 2_000] as const;

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * A pool that survives its connections dying. "Could not get a connection" says so
 * (DatabaseUnavailableError), whatever the cause: refused, timed out, or the server rejecting new
 * sessions while it starts or stops. And a checked-out client whose connection dies gives its slot back
 * at once: Drizzle does not release a client whose BEGIN failed, and every such leak would shrink the
 * pool for good until requests only time out.
 */
class Pool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback) {
    if (callback)
      return super.connect((err, client, done) => {
        if (err || !client) return callback(new DatabaseUnavailableError(err), undefined, done);
        releaseOnDeath(client);
        callback(undefined, client, (release) => client.release(release as Error | undefined));
      });
    return super.connect().then(releaseOnDeath, (err: unknown) => {
      throw new DatabaseUnavailableError(err);
    });
  }
}

/** Makes release idempotent and calls it when the connection dies while the client is checked out. */
function releaseOnDeath(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const onError = (err: Error) => client.release(err);
  client.release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', onError);
    release(err);
  };
  client.once('error', onError);
  return client;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const common = { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true };
  const pool = new Pool({ ...common, max: poolSize });
  // A dropped connection must never crash the process: an 'error' event nobody listens to would. The
  // pool listens to idle clients and releaseOnDeath to checked-out ones; this listener covers the rest.
  // The holder's queries fail instead, and it answers 503.
  pool.on('connect', (client) => client.on('error', () => {}));
  pool.on('error', () => {});
  const db = runHooksBeforeCommit(drizzlePg(pool, { schema }) as unknown as Db);
  const listeners = new Map<string, Set<Listener>>();
  let listenClient: pg.Client | undefined;
  /** The newest LISTEN connection attempt; older ones ending is no news. */
  let attempt: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;
  /** Connections holding session locks, ended (and so released) on close. */
  const lockHolders = new Set<() => Promise<void>>();

  /** One retry at a time, sooner after a healthy spell, slower while the server keeps refusing. */
  function retryListener(): void {
    if (closed || retryTimer) return;
    const delay = Math.min(LISTEN_RETRY_MS[1], LISTEN_RETRY_MS[0] * 2 ** failures);
    failures += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connectListener().catch(() => {});
    }, delay);
    retryTimer.unref();
  }

  // One dedicated connection carries every LISTEN; it reconnects with backoff and re-subscribes.
  async function connectListener(): Promise<void> {
    const client = new pg.Client(common);
    attempt = client;
    client.on('notification', (msg) => {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload ?? '');
    });
    client.on('error', () => {});
    client.on('end', () => {
      if (listenClient === client) listenClient = undefined;
      if (attempt === client) retryListener();
    });
    try {
      await client.connect();
      for (const channel of listeners.keys()) await client.query(`LISTEN "${channel}"`);
    } catch (err) {
      void client.end().catch(() => {});
      if (attempt === client) retryListener();
      throw err;
    }
    if (closed) return void (await client.end().catch(() => {}));
    listenClient = client;
    failures = 0;
    // Tell subscribers that notifications may have been missed while disconnected.
    for (const [, set] of listeners) for (const l of set) l('');
  }
  try {
    await pool.query('select 1');
    await connectListener();
  } catch (err) {
    // No database at startup: fail loudly instead of retrying in the background.
    closed = true;
    clearTimeout(retryTimer);
    await pool.end().catch(() => {});
    throw err;
  }

  return {
    kind: 'postgres',
    db,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
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
      const client = new pg.Client(common);
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
      return { db: runHooksBeforeCommit(drizzlePg(client, { schema }) as unknown as Db), lost, release };
    },
    async migrate() {
      await migratePg(db as never, { migrationsFolder });
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await listenClient?.end().catch(() => {});
      await Promise.all([...lockHolders].map((release) => release()));
      await pool.end();
    },
  };
}
