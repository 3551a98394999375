// chat: the support desk's live chat under seed 004's load, on PostgreSQL.
//
// The server under test runs in a child process (bench/chat-server.ts: buildServer on 127.0.0.1:0 over
// a fresh migrated database), so its RSS is its own; the simulated people run here (bench/chat-clients.ts).
//   1. hold: AGENTS staff with support.handle (support_agents rows: one of the 14 languages of
//      src/shared/support.ts each, plus English, capacity 50), signed in over HTTP, online through
//      PUT /api/support/me/status, each on the staff socket /api/ws. VISITORS widget sessions (POST
//      /api/support/widget/session), each on its own socket /api/support/widget/ws with its own chat
//      (opened by a first question, routed, answered). Then, for DURATION_MS, RATE questions a second
//      go out from idle chats; the assigned agent answers each as soon as its push arrives, through
//      POST /api/support/conversations/:id/messages. Delivery latency: a question's send → the push
//      `support.conversation { kind: 'message', seq }` on the assigned agent's socket; an answer's POST
//      → the `message` frame on the visitor's socket. Server RSS sampled every second (the peak).
//   2. day: DAY_CHATS chats with 1–3 questions each (seeded), DAY_CONCURRENCY at a time, each a new
//      visitor session and socket; the agents answer and resolve. Elapsed time, and lost messages:
//      sent but not stored (counted in conversation_messages by clientMessageId) or not delivered to
//      the other side's socket; plus DAY_EMAILS emails over SMTP to the server's own listener,
//      interleaved, each of which must become a stored message. Agents' requests answered 503/429 and
//      mails answered 4xx are sent again, as a person or a mail server would; the run counts them.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { mulberry32 } from '../src/integrations/trading/simulator/random.js';
import { supportAgents } from '../src/modules/support/schema.js';
import { SUPPORT_LANGUAGES } from '../src/shared/support.js';
import { Desk, Visitor, type AgentLogin, type Conv, type Msg } from './chat-clients.js';
import type { FromServer, ToServer } from './chat-server.js';
import { Mailbox, pool, stallWatch } from './chat-util.js';
import { cpuWindow, nowMs, percentile, progress, sleep, type Figure, type Target } from './harness.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const VISITORS = env('BENCH_CHAT_VISITORS', 2_000);
const AGENTS = env('BENCH_CHAT_AGENTS', 70);
const RATE = env('BENCH_CHAT_RATE', 50); // questions per second while holding (answers as many again)
const DURATION_MS = env('BENCH_CHAT_DURATION_MS', 20_000);
const DAY_CHATS = env('BENCH_CHAT_DAY_CHATS', 4_700);
const DAY_CONCURRENCY = env('BENCH_CHAT_DAY_CONCURRENCY', 200);
const DAY_EMAILS = env('BENCH_CHAT_DAY_EMAILS', 500);
const CONNECT_CONCURRENCY = 50; // visitor sessions + sockets opened at once
const CAPACITY = 50; // the schema's maximum; 70 × 50 = 3,500 chats at once
const SEED = 20261207;

export const description =
  `${VISITORS} widget sockets + ${AGENTS} agents, ${RATE} questions/s for ${DURATION_MS / 1000} s; ` +
  `then a day of ${DAY_CHATS} chats (1–3 questions), ${DAY_CONCURRENCY} at a time (PostgreSQL only)`;
export const timeoutMs = 20 * 60_000;

type Request = { type: 'staff'; count: number } | { type: 'rss' } | { type: 'stats' } | { type: 'stop' };
type Stats = { statements: number; cpuMs: number; top: [string, number][] };

/** Statements and server CPU between two snapshots, per message; the busiest statement shapes logged. */
function perMessage(label: string, a: Stats, b: Stats, messages: number) {
  const statements = (b.statements - a.statements) / Math.max(1, messages);
  const cpuMs = (b.cpuMs - a.cpuMs) / Math.max(1, messages);
  progress(
    `${label}: ${statements.toFixed(1)} statements and ${cpuMs.toFixed(2)} ms server CPU per message (${messages} messages)`,
  );
  if (process.env.BENCH_CHAT_STATEMENTS) {
    const before = new Map(a.top);
    const rows = b.top
      .map(([shape, n]) => [shape, (n - (before.get(shape) ?? 0)) / Math.max(1, messages)] as const)
      .filter(([, n]) => n > 0.01)
      .sort((x, y) => y[1] - x[1]);
    for (const [shape, n] of rows) progress(`  ${n.toFixed(2)}  ${shape}`);
  }
  return { statements, cpuMs };
}

function startServer(url: string): {
  child: ChildProcess;
  port: Promise<{ port: number; smtpPort: number }>;
  ask: <T>(r: Request) => Promise<T>;
} {
  const child = fork(fileURLToPath(new URL('./chat-server.ts', import.meta.url)), [], {
    // BENCH_CHAT_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it exits.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CHAT_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CHAT_CPU_PROF}`]
        : []),
    ],
    env: { ...process.env, BENCH_CHAT_DB_URL: url },
  });
  let nextId = 1;
  const waiting = new Map<number, (m: FromServer) => void>();
  let onPort!: (p: { port: number; smtpPort: number }) => void;
  let onFail!: (e: Error) => void;
  const port = new Promise<{ port: number; smtpPort: number }>(
    (resolve, reject) => ((onPort = resolve), (onFail = reject)),
  );
  child.on('message', (m: FromServer) => {
    if (m.type === 'ready') onPort(m);
    else if (m.type === 'failed') {
      progress(`server: ${m.message}`);
      onFail(new Error(m.message));
    } else if ('id' in m) {
      waiting.get(m.id)?.(m);
      waiting.delete(m.id);
    }
  });
  child.on('exit', (code) => onFail(new Error(`server exited (${code})`)));
  const ask = <T>(r: Request) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, (m) => resolve(m as T));
      child.send({ ...r, id } as ToServer);
    });
  return { child, port, ask };
}

const lang = (i: number) => SUPPORT_LANGUAGES[i % SUPPORT_LANGUAGES.length]!;

const sorted = (xs: number[]) => Float64Array.from(xs).sort();
const lat = (ms: Msg[]) => ms.filter((m) => m.deliveredAt).map((m) => m.deliveredAt - m.sentAt);

export async function run(target: Target): Promise<Figure[]> {
  if (target.name !== 'pg') {
    progress('chat runs on PostgreSQL only (the server is a child process; PGlite is one process): skipped');
    return [];
  }
  const { database, url, drop } = await target.freshDatabase({ poolSize: 2 });
  const server = startServer(url!);
  let desk: Desk | undefined;
  const visitors: Visitor[] = [];
  try {
    const { port, smtpPort } = await server.port;
    const base = `http://127.0.0.1:${port}`;
    const t0 = nowMs();

    // Agents: staff (the server creates them), routing settings, sign-in, online, staff socket.
    const { staff } = await server.ask<{ staff: { id: string; email: string; password: string }[] }>({
      type: 'staff',
      count: AGENTS,
    });
    await database.db.insert(supportAgents).values(
      staff.map((s, i) => ({
        staffId: s.id,
        languages: [...new Set([lang(i), 'en'])],
        capacity: CAPACITY,
        status: 'offline' as const,
      })),
    );
    const logins: AgentLogin[] = [];
    for (const s of staff) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ email: s.email, password: s.password }),
      });
      const sid = res.headers.getSetCookie().find((c) => c.startsWith('bd_sid='));
      if (res.status !== 200 || !sid) throw new Error(`agent login failed: ${res.status}`);
      logins.push({ staffId: s.id, cookie: sid.split(';')[0]! });
    }
    desk = new Desk(base, logins);
    for (const a of logins) await desk.http('PUT', '/api/support/me/status', a.cookie, { status: 'online' });
    await desk.connectAgents();
    progress(`${AGENTS} agents online on the staff socket (${((nowMs() - t0) / 1000).toFixed(1)} s)`);

    const d = desk;
    // Both phases: the assigned agent answers a question as soon as its push arrives.
    const sent: Msg[] = [];
    let lastDelivery = nowMs();
    let prefix = 's'; // set-up; 'p' measured; 'd' the day
    let onAnswered: (conv: Conv) => void = () => {};
    d.hooks = {
      atAgent: (conv) => {
        lastDelivery = nowMs();
        sent.push(d.reply(conv, `Answer from ${conv.agent}`, `${prefix}a`));
      },
      atVisitor: (conv) => {
        lastDelivery = nowMs();
        onAnswered(conv);
      },
    };

    // 1. Hold VISITORS chats.
    // Opened CONNECT_CONCURRENCY at a time, each waiting for its first answer: 2,000 first messages at
    // once only queue on the server's pool and measure that queue.
    const idle: Conv[] = [];
    const firstAnswer = new Map<Visitor, () => void>();
    onAnswered = (conv) => {
      idle.push(conv);
      firstAnswer.get(conv.visitor)?.();
      firstAnswer.delete(conv.visitor);
    };
    const setupStall = stallWatch(() => lastDelivery);
    const connected = await pool(VISITORS, CONNECT_CONCURRENCY, async (i) => {
      if (setupStall.stalled()) throw new Error('stalled');
      const v = new Visitor(d, `Visitor ${i}`, lang(i));
      await v.connect();
      visitors.push(v);
      const answered = new Promise<void>((resolve) => firstAnswer.set(v, resolve));
      sent.push(v.send(`Hello, question ${i}`, 'sv'));
      await Promise.race([answered, setupStall.promise]);
    });
    setupStall.stop();
    if (connected.failed) progress(`${connected.failed} visitors could not start: ${connected.first}`);
    // Anything the staff sockets did not say (a push that came before the ack and the assignment),
    // the database does.
    const assigned = await database.db.execute(sql`select id, assignee_id from conversations`);
    for (const row of (assigned as unknown as { rows: { id: string; assignee_id: string | null }[] }).rows) {
      const conv = d.convs.get(row.id);
      if (conv && conv.agent === -1) d.assign(conv, row.assignee_id);
    }
    const setupMs = nowMs() - t0;
    progress(
      `${visitors.length} visitors connected, ${idle.length} chats opened and answered ` +
        `(${(setupMs / 1000).toFixed(1)} s); ${d.httpFailures} request failures`,
    );

    // Measured: RATE questions a second from idle chats, for DURATION_MS.
    prefix = 'p';
    const measured: Msg[] = [];
    const rss: number[] = [];
    let sockets = { widgetSockets: 0, staffSockets: 0 };
    const sampler = setInterval(() => {
      void server
        .ask<{ rssMb: number; widgetSockets: number; staffSockets: number }>({ type: 'rss' })
        .then((r) => {
          rss.push(r.rssMb);
          sockets = r;
        });
    }, 1_000);
    const cpu = cpuWindow();
    const holdStats = await server.ask<Stats>({ type: 'stats' });
    const tStart = nowMs();
    let started = 0;
    let slipped = 0;
    while (nowMs() - tStart < DURATION_MS) {
      const due = Math.floor(((nowMs() - tStart) * RATE) / 1000);
      while (started < due) {
        const conv = idle.shift();
        started += 1;
        if (!conv) {
          slipped += 1;
          continue;
        }
        const m = conv.visitor.send(`Question ${started}`, 'pv');
        measured.push(m);
      }
      await sleep(5);
    }
    const drainStart = nowMs();
    const inflight = () =>
      measured.filter((m) => !m.deliveredAt).length +
      sent.filter((m) => m.sentAt >= tStart && !m.deliveredAt).length;
    while (inflight() > 0 && nowMs() - drainStart < 10_000) await sleep(50);
    const cpuUse = cpu.stop();
    clearInterval(sampler);
    const holdCost = perMessage(
      'hold',
      holdStats,
      await server.ask<Stats>({ type: 'stats' }),
      sent.filter((m) => m.sentAt >= tStart).length + measured.length,
    );
    const held = visitors.filter((v) => v.open).length;
    const answers = sent.filter((m) => m.sentAt >= tStart && m.from === 'agent');
    const v2a = sorted(lat(measured));
    const a2v = sorted(lat(answers));
    const both = sorted([...lat(measured), ...lat(answers)]);
    const peakRss = Math.max(...rss);
    const holdLost =
      measured.filter((m) => !m.deliveredAt).length + answers.filter((m) => !m.deliveredAt).length;
    progress(
      `hold: ${measured.length} questions, ${answers.length} answers in ${(DURATION_MS / 1000).toFixed(0)} s` +
        ` (${slipped} slots without an idle chat); visitor→agent p50 ${percentile(v2a, 50).toFixed(1)} / p99 ${percentile(v2a, 99).toFixed(1)} ms,` +
        ` agent→visitor p50 ${percentile(a2v, 50).toFixed(1)} / p99 ${percentile(a2v, 99).toFixed(1)} ms; not delivered ${holdLost}`,
    );
    progress(
      `server: ${sockets.widgetSockets} widget sockets, ${sockets.staffSockets} staff sockets; RSS peak ${peakRss.toFixed(0)} MB; ` +
        `${d.staffFrames} staff-socket frames received; seq mismatches ${d.seqMismatches}`,
    );
    progress(`cpu while holding: ${cpuUse.text}`);
    if (held < VISITORS)
      progress(
        `only ${held} of ${VISITORS} widget connections held (${connected.first || 'closed by the server'})`,
      );

    // 2. The day.
    for (const v of visitors) v.close();
    const dayStats = await server.ask<Stats>({ type: 'stats' });
    const day = await replayDay(
      d,
      smtpPort,
      server.ask,
      (p) => (prefix = p),
      (f) => (onAnswered = f),
      sent,
      () => lastDelivery,
    );
    const stored = await database.db.execute(
      sql`select client_message_id from conversation_messages where client_message_id like 'd%'`,
    );
    const ids = new Set(
      (stored as unknown as { rows: { client_message_id: string }[] }).rows.map((r) => r.client_message_id),
    );
    const dayMsgs = sent.filter((m) => m.cmid.startsWith('d'));
    const lostDb = dayMsgs.filter((m) => !ids.has(m.cmid)).length;
    const dayCost = perMessage('day', dayStats, day.stats, dayMsgs.length);
    const lostSocket = dayMsgs.filter((m) => !m.deliveredAt).length;
    const lost = dayMsgs.filter((m) => !ids.has(m.cmid) || !m.deliveredAt).length;
    // Each email must have become a stored customer message (its token in the body).
    const mailRows = await database.db.execute(
      sql`select distinct substring(body from 'bench-email-[0-9]+') as token from conversation_messages
          where author_kind = 'customer' and body like '%bench-email-%'`,
    );
    const mailStored = (mailRows as unknown as { rows: unknown[] }).rows.length;
    const mailLost = DAY_EMAILS - mailStored;
    progress(
      `day: ${day.chats} chats (${day.done} finished), ${dayMsgs.length} messages in ${(day.elapsedMs / 1000).toFixed(1)} s; ` +
        `stored ${dayMsgs.length - lostDb}, delivered ${dayMsgs.length - lostSocket}; RSS peak ${day.peakRss.toFixed(0)} MB; ` +
        `${d.httpFailures} request failures, ${d.httpRetries} sent again after a 503/429${d.firstFailure ? ` (first: ${d.firstFailure})` : ''}; ` +
        `${d.resent} refused with retry and sent again`,
    );
    progress(
      `emails: ${DAY_EMAILS} over SMTP during the day, ${day.emails.accepted} accepted (250; ` +
        `${day.emails.retried} sent again after a 4xx), ` +
        `${mailStored} stored as messages${day.emails.firstError ? ` (first refusal: ${day.emails.firstError})` : ''}`,
    );
    progress(`cpu during the day: ${day.cpu}`);

    return [
      { metric: 'visitor_connections_held', value: held, unit: 'sockets' },
      { metric: 'agent_connections_held', value: sockets.staffSockets, unit: 'sockets' },
      { metric: 'messages_measured', value: v2a.length + a2v.length, unit: 'messages' },
      { metric: 'delivery_p50_ms', value: percentile(both, 50), unit: 'ms', digits: 1 },
      { metric: 'delivery_p99_ms', value: percentile(both, 99), unit: 'ms', digits: 1 },
      { metric: 'visitor_to_agent_p50_ms', value: percentile(v2a, 50), unit: 'ms', digits: 1 },
      { metric: 'visitor_to_agent_p99_ms', value: percentile(v2a, 99), unit: 'ms', digits: 1 },
      { metric: 'agent_to_visitor_p50_ms', value: percentile(a2v, 50), unit: 'ms', digits: 1 },
      { metric: 'agent_to_visitor_p99_ms', value: percentile(a2v, 99), unit: 'ms', digits: 1 },
      { metric: 'hold_not_delivered', value: holdLost, unit: 'messages' },
      { metric: 'server_rss_mb', value: peakRss, unit: 'MB', digits: 0 },
      { metric: 'hold_statements_per_message', value: holdCost.statements, unit: 'statements', digits: 1 },
      { metric: 'hold_server_cpu_ms_per_message', value: holdCost.cpuMs, unit: 'ms', digits: 2 },
      { metric: 'day_chats', value: day.done, unit: 'chats' },
      { metric: 'day_messages', value: dayMsgs.length, unit: 'messages' },
      { metric: 'day_emails', value: mailStored, unit: 'emails stored' },
      { metric: 'day_elapsed_s', value: day.elapsedMs / 1000, unit: 's', digits: 1 },
      { metric: 'day_server_rss_mb', value: day.peakRss, unit: 'MB', digits: 0 },
      { metric: 'day_statements_per_message', value: dayCost.statements, unit: 'statements', digits: 1 },
      { metric: 'day_server_cpu_ms_per_message', value: dayCost.cpuMs, unit: 'ms', digits: 2 },
      { metric: 'lost', value: lost + mailLost, unit: 'messages (chat and email)' },
      { metric: 'lost_email', value: mailLost, unit: 'emails' },
      { metric: 'lost_db', value: lostDb, unit: 'messages' },
      { metric: 'lost_socket', value: lostSocket, unit: 'messages' },
    ];
  } finally {
    desk?.closeAgents();
    for (const v of visitors) v.ws?.terminate();
    server.child.send({ type: 'stop', id: 0 } satisfies ToServer);
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
      server.child.once('exit', () => (clearTimeout(kill), resolve()));
      if (server.child.exitCode !== null) resolve();
    });
    await drop();
  }
}

/** Phase 2: DAY_CHATS chats, DAY_CONCURRENCY at a time, each through to its resolution. */
async function replayDay(
  d: Desk,
  smtpPort: number,
  ask: <T>(r: Request) => Promise<T>,
  setPrefix: (p: string) => void,
  setOnAnswered: (f: (conv: Conv) => void) => void,
  sent: Msg[],
  lastDelivery: () => number,
) {
  setPrefix('d');
  const random = mulberry32(SEED);
  const questions = Array.from({ length: DAY_CHATS }, () => 1 + Math.floor(random() * 3));
  const left = new Map<Visitor, number>();
  const finished = new Map<Visitor, () => void>();
  setOnAnswered((conv) => {
    const v = conv.visitor;
    const n = (left.get(v) ?? 1) - 1;
    left.set(v, n);
    if (n > 0) sent.push(v.send(`Another question (${n} left)`, 'dv'));
    else
      void d.resolve(conv).then(() => {
        v.close();
        finished.get(v)?.();
      });
  });
  const rss: number[] = [];
  const sampler = setInterval(() => {
    void ask<{ rssMb: number }>({ type: 'rss' }).then((r) => rss.push(r.rssMb));
  }, 1_000);
  const cpu = cpuWindow();
  const t0 = nowMs();
  let done = 0;
  const stall = stallWatch(lastDelivery);
  const mail = new Mailbox(smtpPort);
  const chats = pool(DAY_CHATS, DAY_CONCURRENCY, async (i) => {
    if (stall.stalled()) return;
    // The day's emails, interleaved: one every DAY_CHATS / DAY_EMAILS chats started (never more than
    // DAY_EMAILS: the division rounds down).
    if (i % Math.max(1, Math.floor(DAY_CHATS / DAY_EMAILS)) === 0 && mail.sent < DAY_EMAILS) mail.send();
    const v = new Visitor(d, `Day visitor ${i}`, lang(i * 7 + 3));
    left.set(v, questions[i]!);
    await v.connect();
    const end = new Promise<void>((resolve) => finished.set(v, resolve));
    sent.push(v.send(`First question of chat ${i}`, 'dv'));
    await Promise.race([end, stall.promise]);
    if (!stall.stalled()) done += 1;
  });
  const result = await chats;
  while (mail.sent < DAY_EMAILS) mail.send(); // a remainder of the division
  const emails = await mail.done();
  stall.stop();
  const elapsedMs = nowMs() - t0;
  const stats = await ask<Stats>({ type: 'stats' });
  clearInterval(sampler);
  if (result.failed) progress(`day: ${result.failed} chats failed to start: ${result.first}`);
  await sleep(500); // the last resolutions' answers
  return {
    chats: DAY_CHATS,
    done,
    elapsedMs,
    emails,
    peakRss: Math.max(0, ...rss),
    cpu: cpuUse(cpu),
    stats,
  };
}

const cpuUse = (c: ReturnType<typeof cpuWindow>) => c.stop().text;
