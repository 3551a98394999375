import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/app/config.js';
import { buildServer } from '../../src/app/server.js';
import { openDatabase } from '../../src/db/connection.js';
import { ensureAccounts } from './trading.js';

/**
 * The real server in a process of its own, so a test can SIGKILL it mid-ingestion
 * (tests/integration/trading-ingest-crash.test.ts). Run with `node --import tsx`.
 *
 * Env: DATABASE_URL (PostgreSQL) or DATA_DIR (a PGlite data directory), TRADING_WEBHOOK_SECRET, and
 * CREATE_LOGINS (comma-separated): accounts the child creates if missing — a PGlite directory cannot be
 * opened by the test while the child has it. Prints `READY <port>` once listening; SIGTERM closes cleanly.
 */
const env = process.env;
const database = await openDatabase(
  env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 5 }
    : { kind: 'pglite', dataDir: env.DATA_DIR! },
);
await database.migrate();
const config = loadConfig({
  PORT: '0',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  SIMULATED_TRADERS: 'false',
  TRADING_WEBHOOK_SECRET: env.TRADING_WEBHOOK_SECRET,
});
if (env.CREATE_LOGINS) await ensureAccounts(database.db, 'sim', env.CREATE_LOGINS.split(','));
const { app } = await buildServer({
  config,
  database,
  secretKey: randomBytes(32),
  logger: false,
  web: false,
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`READY ${(app.server.address() as AddressInfo).port}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await app.close();
    await database.close();
    process.exit(0);
  })();
});
