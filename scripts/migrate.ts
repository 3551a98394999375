// Applies the committed migrations to the configured database (PGlite in DATA_DIR, or DATABASE_URL).
import { resolve } from 'node:path';
import { loadConfig } from '../src/app/config.js';
import { openDatabase } from '../src/db/connection.js';

const config = loadConfig();
const database = await openDatabase(
  config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(config.DATA_DIR, 'pglite') },
);
await database.migrate();
await database.close();
console.log(`migrations applied (${database.kind})`);
