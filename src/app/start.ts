import { resolve } from 'node:path';
import { loadConfig, ConfigError, type Config } from './config.js';
import { loadSecretKey } from './secret-key.js';
import { openDatabase } from '../db/connection.js';
import { buildServer } from './server.js';
import { demoLogins, DEMO_PASSWORD, seedDemo } from './demo-seed.js';

export async function start(config: Config) {
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(config.DATA_DIR, 'pglite') },
  );
  await database.migrate();
  const { app, ctx } = await buildServer({
    config,
    database,
    secretKey: loadSecretKey(config),
    simulatedTraders: true,
  });
  const seeded = config.SEED_DEMO ? await seedDemo(ctx) : false;
  await app.listen({ port: config.PORT, host: config.HOST });

  const lines = [
    '',
    `  BrokerDesk is running at ${config.baseUrl}`,
    `  database: ${database.kind === 'pglite' ? `embedded PGlite in ${resolve(config.DATA_DIR, 'pglite')}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  API explorer: ${config.baseUrl}/api/docs`,
  ];
  if (config.SEED_DEMO) {
    lines.push(
      seeded ? '  demo data: created' : '  demo data: already present',
      `  demo logins (password "${DEMO_PASSWORD}"):`,
    );
    for (const l of demoLogins()) lines.push(`    ${l.role.padEnd(18)} ${l.email}`);
    lines.push('  the admin sets up two-factor authentication (any TOTP app) at first sign-in');
  }
  console.log(lines.join('\n') + '\n');

  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await start(loadConfig());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}
