// The chat benchmark's server under test, run as a child process (see bench/chat.ts) so that its RSS
// is the server's alone and its event loop is not shared with the 2,000 simulated browsers. A real
// buildServer on 127.0.0.1:0 over the benchmark's PostgreSQL database (already migrated by the
// parent). Not a benchmark itself, so it is not in bench/run.ts's registry.
//
// IPC, parent → child: { type: 'staff', count } (creates support agents, answers their credentials),
// { type: 'rss' }, { type: 'stats' } (statements sent so far, CPU used), { type: 'stop' }. Child → parent: { type: 'ready', port }, and one answer per request.
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { loadConfig } from '../src/app/config.js';
import { buildServer } from '../src/app/server.js';
import { openDatabase } from '../src/db/connection.js';

export type ToServer = { id: number } & (
  { type: 'staff'; count: number } | { type: 'rss' } | { type: 'stats' } | { type: 'stop' }
);
export type FromServer =
  | { type: 'ready'; port: number; smtpPort: number }
  | { type: 'failed'; message: string }
  | { id: number; type: 'staff'; staff: { id: string; email: string; password: string; name: string }[] }
  | { id: number; type: 'rss'; rssMb: number; heapMb: number; widgetSockets: number; staffSockets: number }
  | { id: number; type: 'stats'; statements: number; cpuMs: number; top: [string, number][] };

/**
 * Statements sent to PostgreSQL (every pg query: BEGIN and COMMIT count) and their shapes, so the
 * report can say statements per message; counted here, in the bench server, never in the app.
 */
const statements = { total: 0, byShape: new Map<string, number>() };
const shapeOf = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '?')
    .slice(0, Number(process.env.BENCH_CHAT_SHAPE_CHARS) || 90);
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const q = args[0] as string | { text?: string };
  const text = typeof q === 'string' ? q : (q?.text ?? '');
  statements.total += 1;
  const shape = shapeOf(text);
  statements.byShape.set(shape, (statements.byShape.get(shape) ?? 0) + 1);
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

async function main(): Promise<void> {
  const send = (m: FromServer) => process.send!(m);
  const url = process.env.BENCH_CHAT_DB_URL;
  if (!url) throw new Error('BENCH_CHAT_DB_URL is not set');
  const database = await openDatabase({
    kind: 'postgres',
    url,
    poolSize: Number(process.env.BENCH_CHAT_POOL) || 10, // the production default
  });
  // The desk's SMTP listener on a free port, for the day's emails.
  const smtpPort = await new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  // Errors (an internal_error on a socket, a failed request) go to stderr as JSON lines: a lost
  // message must come with its cause.
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_CHAT_LOG ?? 'error',
    SEED_DEMO: 'false',
    // The simulated browsers all come from 127.0.0.1; each says its own address in X-Forwarded-For,
    // as behind a load balancer, so the per-address limit on new visitors applies per visitor.
    TRUST_PROXY: 'true',
    SUPPORT_SMTP_PORT: String(smtpPort),
    SUPPORT_ADDRESSES: 'support@bench.local',
  });
  const { app, ctx } = await buildServer({
    config,
    database,
    secretKey: randomBytes(32),
    web: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0, smtpPort });

  process.on('message', (m: ToServer) => {
    void (async () => {
      if (m.type === 'rss') {
        const mem = process.memoryUsage();
        send({
          id: m.id,
          type: 'rss',
          rssMb: mem.rss / 2 ** 20,
          heapMb: mem.heapUsed / 2 ** 20,
          widgetSockets: ctx.widget.hub.size,
          staffSockets: ctx.hub.size,
        });
      } else if (m.type === 'stats') {
        const cpu = process.cpuUsage();
        const top = [...statements.byShape].sort((a, b) => b[1] - a[1]).slice(0, 40);
        send({
          id: m.id,
          type: 'stats',
          statements: statements.total,
          cpuMs: (cpu.user + cpu.system) / 1000,
          top,
        });
      } else if (m.type === 'staff') {
        const staff = [];
        for (let i = 0; i < m.count; i++) {
          const email = `agent.${i}.${randomBytes(3).toString('hex')}@bench.local`;
          const password = `pw-${randomBytes(8).toString('hex')}`;
          const name = `Agent ${i}`;
          const created = await ctx.staff.create(
            { id: null, ip: null },
            { name, email, password, role: 'support_agent', teamId: null, languages: ['en'], active: true },
          );
          staff.push({ id: created.id, email, password, name });
        }
        send({ id: m.id, type: 'staff', staff });
      } else if (m.type === 'stop') {
        await app.close().catch(() => {});
        await database.close().catch(() => {});
        process.exit(0);
      }
    })().catch((err: unknown) => send({ type: 'failed', message: String(err) }));
  });
  // The parent gone (a crash, a timeout): do not linger holding the database.
  process.on('disconnect', () => process.exit(0));
}

main().catch((err: unknown) => {
  process.send?.({
    type: 'failed',
    message: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
  process.exit(1);
});
