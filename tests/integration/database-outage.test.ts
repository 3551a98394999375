import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/connection.js';
import { isDatabaseUnavailable } from '../../src/db/unavailable.js';
import { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import { signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { TestSocket } from '../support/socket.js';

/**
 * The server outlives its database: backends terminated under write load, then the database refusing
 * connections for a while. Only PostgreSQL has connections to lose; PGlite runs inside the process.
 */
const onPostgres = process.env.DB_KIND === 'postgres';

/** Longer than any honest answer; an answer this late is a hang. */
const REQUEST_TIMEOUT_MS = 10_000;
const WORKERS = 4;

interface Answer {
  status: number;
  code?: string;
  body?: { id?: string; code?: string; status?: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

describe.skipIf(!onPostgres)(
  'a database outage (PostgreSQL only: PGlite cannot lose its connections)',
  () => {
    let server: TestServer;
    let admin: pg.Client;
    let dbName: string;
    const crashes: unknown[] = [];
    const recordCrash = (err: unknown) => crashes.push(err);

    let crashListenersBefore = 0;

    beforeAll(async () => {
      crashListenersBefore = process.listenerCount('uncaughtException');
      process.on('uncaughtException', recordCrash);
      process.on('unhandledRejection', recordCrash);
      server = await startTestServer();
      const { rows } = (await server.ctx.database.db.execute(
        'select current_database() as name',
      )) as unknown as {
        rows: { name: string }[];
      };
      dbName = rows[0]!.name;
      expect(dbName).toMatch(/^bd_test_[0-9a-f]+$/);
      // A separate connection to the server's maintenance database: it is never one of the victims.
      admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
    });

    afterAll(async () => {
      process.off('uncaughtException', recordCrash);
      process.off('unhandledRejection', recordCrash);
      await admin?.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => {});
      await admin?.end();
      await server?.close();
    });

    /** Ends every session of the test database (and only of it), as a server restart would. */
    async function terminateBackends(): Promise<number> {
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [dbName],
      );
      return rowCount ?? 0;
    }

    async function listening(): Promise<boolean> {
      const { rows } = await admin.query(
        `select 1 from pg_stat_activity where datname = $1 and query like 'LISTEN %'`,
        [dbName],
      );
      return rows.length > 0;
    }

    async function call(method: string, path: string, cookie: string, body?: unknown): Promise<Answer> {
      try {
        const res = await fetch(server.url + path, {
          method,
          headers: {
            cookie,
            origin: server.url,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await res.text();
        let json: Answer['body'];
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        return { status: res.status, ...(json?.code ? { code: json.code } : {}), body: json };
      } catch (err) {
        const name = (err as Error).name;
        return { status: 0, code: name === 'TimeoutError' ? 'hang' : `network: ${(err as Error).message}` };
      }
    }

    it('survives terminated backends and a refusing database, answers 503 meanwhile, loses no acknowledged write, and catches the live feed up', async () => {
      const watcher = await signedInAdmin(server);
      const writer = await signedIn(server, 'sales_manager');
      const cookie = writer.api.jar.header();
      const socket = await TestSocket.open(server.url, watcher.api.jar.header());
      const startId = socket.lastEventId;
      const simulator = server.ctx.tradingPlatform as SimulatedTradingServer;
      expect(simulator).toBeInstanceOf(SimulatedTradingServer);
      await until('the simulator leads', () => simulator.leading);

      const answers: (Answer & { at: number; path: string })[] = [];
      const leads: string[] = [];
      const comments: string[] = [];
      let stop = false;
      const record = (path: string, a: Answer) => {
        answers.push({ ...a, at: Date.now(), path });
        return a;
      };
      const worker = async (n: number) => {
        for (let i = 0; !stop; i++) {
          const email = `lead.${n}.${randomBytes(5).toString('hex')}@outage.test`;
          const created = record(
            'POST /api/clients',
            await call('POST', '/api/clients', cookie, { name: `Outage Lead ${n}-${i}`, email }),
          );
          if (created.status === 201) leads.push(created.body!.id!);
          const target = leads[Math.floor(Math.random() * leads.length)];
          if (target) {
            const commented = record(
              'POST comment',
              await call('POST', `/api/clients/${target}/comments`, cookie, { body: `note ${n}-${i}` }),
            );
            if (commented.status === 201) comments.push(String(commented.body!.id));
          }
          if (i % 3 === 0) record('GET /api/clients', await call('GET', '/api/clients?pageSize=5', cookie));
        }
      };
      const acked = () => leads.length + comments.length;
      /** Waits for writes acknowledged after this moment: the server serves again. */
      const progress = async (what: string) => {
        const before = acked();
        await until(what, () => acked() >= before + 3 * WORKERS);
      };
      const workers = Array.from({ length: WORKERS }, (_, n) => worker(n));

      try {
        await progress('the load runs');
        // Restarts as the server sees them: every connection dropped at once, the database back at once.
        for (let round = 0; round < 3; round++) {
          expect(await terminateBackends()).toBeGreaterThan(0);
          await progress(`writes succeed after termination round ${round + 1}`);
        }

        // The database away for a while: connections refused until it is allowed again.
        const recovery: Record<'health' | 'write' | 'listen' | 'simulator' | 'loops', number>[] = [];
        for (let round = 0; round < 2; round++) {
          await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
          await terminateBackends();
          const downAt = Date.now();
          for (let i = 0; i < 3; i++) {
            const health = await call('GET', '/health', '');
            expect(health.status).toBe(503);
            expect(health.body?.status).toBe('degraded');
            await sleep(300);
          }
          await until('requests are refused with 503 while the database is away', () =>
            answers.filter((a) => a.at > downAt && a.code === 'database_unavailable').length >= 3
              ? true
              : undefined,
          );
          expect(simulator.leading).toBe(false);
          // The loops notice (the hub and the alerts every second, presence expiry every 5 s).
          const loops = server.ctx.loops;
          for (const loop of ['realtime hub', 'trading alerts', 'presence expiry'])
            await until(`${loop} fails`, () => loops.state(loop)?.failing);

          const before = acked();
          await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
          const backAt = Date.now();
          // Measured side by side: how long after the database came back each part works again.
          const [health, write, listen, lead, resumed] = await Promise.all([
            until('/health is ok again', async () =>
              (await call('GET', '/health', '')).status === 200 ? Date.now() : undefined,
            ),
            until('a write is acknowledged again', () => (acked() > before ? Date.now() : undefined)),
            until('the LISTEN connection is back', async () =>
              (await listening()) ? Date.now() : undefined,
            ),
            until('the simulator leads again', () => (simulator.leading ? Date.now() : undefined)),
            until('every background loop runs again', () =>
              server.ctx.loops.failing().length === 0 ? Date.now() : undefined,
            ),
          ]);
          recovery.push({
            health: health - backAt,
            write: write - backAt,
            listen: listen - backAt,
            simulator: lead - backAt,
            loops: resumed - backAt,
          });
        }
        console.log(`recovery after the database came back (ms): ${JSON.stringify(recovery)}`);
        await progress('the load runs after the outages');
      } finally {
        stop = true;
        await Promise.all(workers);
      }

      // Every answer was a success or a clean, fast 503; nothing else, and nothing hung.
      const unexpected = answers.filter(
        (a) =>
          !(a.status >= 200 && a.status < 300) && !(a.status === 503 && a.code === 'database_unavailable'),
      );
      expect(unexpected.slice(0, 5)).toEqual([]);
      expect(answers.some((a) => a.code === 'database_unavailable')).toBe(true);
      expect(crashes).toEqual([]);

      // And no global handler papers over crashes: the server installed none.
      expect(process.listenerCount('uncaughtException')).toBe(crashListenersBefore + 1);

      // Every acknowledged write is in the database.
      const check = new pg.Client({ connectionString: databaseUrl(dbName) });
      await check.connect();
      try {
        const storedLeads = await check.query('select id from clients where id = any($1::uuid[])', [leads]);
        expect(storedLeads.rowCount).toBe(leads.length);
        const storedComments = await check.query(
          `select id from events where type = 'client.comment_added' and id = any($1::bigint[])`,
          [comments],
        );
        expect(storedComments.rowCount).toBe(comments.length);

        // The socket opened before the outages got every event committed since, outages included.
        const { rows } = await check.query<{ id: string }>(
          'select id from events where id > $1 order by id',
          [startId],
        );
        const committed = rows.map((r) => Number(r.id));
        const last = committed.at(-1)!;
        await socket.next((m) => m.event?.id === last, 10_000);
        expect(socket.closeCode).toBeUndefined();
        const received = new Set(socket.events().map((m) => m.event!.id));
        expect(committed.filter((id) => !received.has(id))).toEqual([]);
      } finally {
        await check.end();
      }

      // No connection leaked: once the load stops, the whole pool is idle again (a client lost mid-BEGIN
      // used to stay checked out for good, until the pool had none left).
      await until('the pool is idle', () => {
        const pool = server.ctx.database.poolStats()!;
        return pool.idle === pool.total && pool.waiting === 0 ? true : undefined;
      });
      expect(server.ctx.loops.failing()).toEqual([]);
      socket.close();
    }, 180_000);

    it('gives a checked-out connection back to the pool the moment it dies, before its holder lets go', async () => {
      // A database handle of its own: nothing else uses its pool, so its counts are exact.
      const database = await openDatabase({ kind: 'postgres', url: databaseUrl(dbName), poolSize: 2 });
      try {
        expect(database.poolStats()).toEqual({ total: 1, idle: 1, waiting: 0 });
        let released = false;
        const failure = await database.db
          .transaction(async (tx) => {
            const { rows } = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
              rows: { pid: number }[];
            };
            expect(database.poolStats()).toMatchObject({ total: 1, idle: 0 });
            await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
            // Drizzle still holds the client here. Had its BEGIN failed, it would hold it forever.
            released = await until(
              'the dead connection leaves the pool',
              () => (database.poolStats()!.total === 0 ? true : undefined),
              5_000,
            ).catch(() => false);
            await tx.execute(sql`select 1`);
          })
          .then(
            () => undefined,
            (err: unknown) => err,
          );
        expect(released).toBe(true);
        expect(isDatabaseUnavailable(failure)).toBe(true);
        // The pool connects afresh.
        await database.db.execute(sql`select 1`);
        expect(database.poolStats()).toMatchObject({ idle: 1, waiting: 0 });
      } finally {
        await database.close();
      }
    });
  },
);

function databaseUrl(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
