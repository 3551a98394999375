import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailOutbox } from '../../src/core/schema.js';
import type { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import {
  operationsOf,
  probesOf,
  type OpenApiDocument,
  type Operation,
  type Probe,
} from '../support/openapi-walk.js';
import {
  ApiClient,
  createStaff,
  signedInAdmin,
  startTestServer,
  type TestServer,
} from '../support/server.js';
import { clientWithAccount } from '../support/trading.js';

// Every route of the published API document, every input field, values PostgreSQL cannot store (NUL,
// a lone surrogate) or that are out of any sane range (dates, numbers): each must be a 4xx with a code,
// a validation failure must name the field, and nothing may be written. New routes are walked without
// anyone listing them here.

/**
 * Not walked, on purpose. Everything else in the document is. Not in the document at all, so not here
 * either: the WebSocket (/api/ws), the document itself (/api/openapi.json, /api/docs) and static files.
 */
const SKIPPED: Record<string, string> = {
  // A signed raw body (the signature covers the bytes), parsed by the same primitives after the check;
  // its unstorable values are probed in trading-ingest.test.ts.
  'POST /api/trading/ingest': 'signed body, not described as JSON in the document',
};

/** Routes with no session at all; /api/cabinet and the rest of /api/portal are the trader's. */
const PUBLIC = new Set([
  'POST /api/auth/login',
  'POST /api/auth/mfa/verify',
  'POST /api/auth/mfa/enrol',
  'POST /api/portal/register',
  'POST /api/portal/confirm-email',
  'POST /api/portal/login',
  'POST /api/portal/logout',
  'POST /api/portal/password-reset',
  'POST /api/portal/password-reset/confirm',
]);

/**
 * Sign-ins take any credential text: an unstorable one can name no account, so it is answered as a wrong
 * login — 401, counted against the caller's address and audited — rather than a 400 that would let it
 * skip the throttle and the audit trail. These are the only writes a refused request may make.
 */
const LOGINS: Record<string, string> = {
  'POST /api/auth/login': 'auth.login_failed',
  'POST /api/portal/login': 'portal.login_failed',
};
const LOGIN_WRITES = new Set(['events', 'login_throttle']);

/** What makes a body valid beyond what the document can say (cross-field rules), merged into samples. */
const BASES: Record<string, Record<string, unknown>> = {
  'POST /api/clients': { email: 'walker.lead@example.test' },
  'POST /api/trading/alert-rules': { kind: 'large_loss', params: { loss: 100 } },
  'PUT /api/trading/alert-rules/{id}': { kind: 'large_loss', params: { loss: 100 } },
  'POST /api/clients/import': { mapping: { name: 'name', email: 'email' }, dryRun: true },
};

let server: TestServer;
let admin: ApiClient;
let trader: ApiClient;
/** Real records for path parameters and id fields, so a request is refused for its bad value alone. */
const ids: Record<string, string> = {};
const pathIds: [RegExp, Record<string, string>][] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: { SIMULATED_TRADERS: 'false' },
    throttle: { accountFailures: 1000, ipFailures: 100_000, windowMs: 60_000, lockMs: 60_000 },
  });
  const ctx = server.ctx;
  const system = { id: null, ip: null };
  ({ api: admin } = await signedInAdmin(server));
  const team = await ctx.teams.create(system, { name: 'Walker desk', kind: 'sales', leadId: null });
  const manager = await createStaff(ctx, 'sales_manager', { teamId: team.id });
  const client = await admin.call('POST', '/api/clients', { name: 'Walker', email: 'walker@example.test' });
  const task = await admin.call('POST', `/api/clients/${client.body.id}/tasks`, {
    title: 'Call',
    dueAt: '2030-01-01T10:00:00Z',
  });
  const view = await admin.call('POST', '/api/clients/views', { name: 'Mine', filters: {} });
  const rules = await ctx.assignmentRules.createRule(system, {
    name: 'Walker',
    countries: ['ID'],
    languages: [],
    sources: [],
    teamId: team.id,
    active: true,
  });
  const alert = await admin.call('POST', '/api/trading/alert-rules', {
    kind: 'large_loss',
    name: 'Big loss',
    params: { loss: 100 },
  });
  const { account } = await clientWithAccount(ctx, { kind: 'live' });

  trader = new ApiClient(server.app);
  const registered = await trader.call('POST', '/api/portal/register', {
    name: 'Walker Trader',
    email: 'walker.trader@example.test',
    phone: '+6281299990000',
    country: 'ID',
    language: 'en',
    password: 'correct-horse-battery',
    acceptTerms: true,
    acceptRisk: true,
  });
  const own = await trader.call('POST', '/api/cabinet/accounts', { kind: 'demo' });
  const [mail] = await ctx.database.db.select({ id: mailOutbox.id }).from(mailOutbox).limit(1);
  for (const [what, res] of Object.entries({ client, task, view, alert, registered, own }))
    if (res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);

  Object.assign(ids, {
    teamId: team.id,
    managerId: manager.id,
    assigneeId: manager.id,
    leadId: manager.id,
    actorId: manager.id,
    mentions: manager.id,
    clientIds: client.body.id,
  });
  pathIds.push(
    [/^\/api\/clients\/views\//, { id: view.body.id }],
    [/^\/api\/clients\//, { id: client.body.id, taskId: task.body.id }],
    [/^\/api\/staff\//, { id: manager.id }],
    [/^\/api\/teams\//, { id: team.id }],
    [/^\/api\/assignment-rules\//, { id: rules.items[0]!.id }],
    [/^\/api\/trading\/alert-rules\//, { id: alert.body.id }],
    [/^\/api\/trading\/accounts\//, { id: account.id }],
    [/^\/api\/cabinet\/accounts\//, { id: own.body.account.id }],
    [/^\/api\/outbox\//, { id: mail!.id }],
    [/^\/api\/knowledge\//, { language: 'en' }],
    [/^\/api\/reports\//, { metric: 'leads', dashboard: 'sales' }],
  );
  // The simulated platform and the alert evaluator write on timers; stopped, every write seen below is
  // the request's own.
  await ctx.tradingAlerts.stop();
  await (ctx.tradingPlatform as SimulatedTradingServer).stop();
  // Reminders and notification mail run on timers too: done now, they find nothing left to do later.
  await ctx.clientNotes.notifyDueTasks();
  await ctx.notificationMailer.run();
  await watchWrites();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/**
 * Every committed row change in the app's tables is noted (by table) through a trigger on each of them;
 * a change rolled back with its transaction leaves no note. Cheaper and stricter than counting rows
 * before and after: it sees updates too.
 */
async function watchWrites(): Promise<void> {
  const db = server.ctx.database.db;
  await db.execute(sql.raw('create schema walker'));
  await db.execute(sql.raw('create table walker.writes (id bigserial primary key, tbl text not null)'));
  await db.execute(
    sql.raw(`create function walker.note() returns trigger language plpgsql as $$
      begin insert into walker.writes (tbl) values (TG_TABLE_NAME); return null; end $$`),
  );
  const tables = (await db.execute(
    sql.raw(`select table_name as t from information_schema.tables
              where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
  )) as unknown as { rows: { t: string }[] };
  // One table per statement: a single DDL transaction locking every table deadlocks with the server's
  // background jobs (rollups, SLA, recordings) that still run; a deadlock victim just tries again.
  for (const { t } of tables.rows) {
    const create = sql.raw(`create trigger walker_note after insert or update or delete on public."${t}"
                            for each row execute function walker.note()`);
    for (let attempt = 1; ; attempt++) {
      try {
        await db.execute(create);
        break;
      } catch (err) {
        const code =
          (err as { code?: string; cause?: { code?: string } }).cause?.code ??
          (err as { code?: string }).code;
        if (code !== '40P01' || attempt >= 5) throw err;
      }
    }
  }
}

/** The tables written since note `after`, and the newest note. */
async function writesSince(after: number): Promise<{ tables: string[]; last: number }> {
  const res = (await server.ctx.database.db.execute(
    sql`select id::int as id, tbl from walker.writes where id > ${after} order by id`,
  )) as unknown as { rows: { id: number; tbl: string }[] };
  return { tables: [...new Set(res.rows.map((r) => r.tbl))], last: res.rows.at(-1)?.id ?? after };
}

const failedLogins = async (type: string) => {
  const res = (await server.ctx.database.db.execute(
    sql`select count(*)::int as n from events where type = ${type}`,
  )) as unknown as { rows: { n: number }[] };
  return res.rows[0]!.n;
};

const key = (op: Operation) => `${op.method} ${op.path}`;
const callerOf = (op: Operation) =>
  PUBLIC.has(key(op))
    ? new ApiClient(server.app)
    : /^\/api\/(cabinet|portal)\//.test(op.path)
      ? trader
      : admin;

/** What is wrong with the answer to one probe, if anything. */
async function check(probe: Probe, since: number): Promise<{ failure: string | null; last: number }> {
  const op = probe.operation;
  const login = LOGINS[key(op)];
  const loginsBefore = login ? await failedLogins(login) : 0;
  const res = await callerOf(op).call(op.method, probe.url, probe.body);
  const { tables, last } = await writesSince(since);
  // The reports' rollups (report_*) are derived from the log by their own job, on its own timer.
  let written = tables.filter((t) => !t.startsWith('report_'));
  const problems: string[] = [];
  if (res.status < 400 || res.status > 499) problems.push(`status ${res.status}`);
  if (typeof res.body?.code !== 'string') problems.push('no code');
  if (probe.malformedUrl) {
    // Refused as a malformed URL before routing (its error format is the HTTP edge's business).
  } else if (login) {
    if (res.status !== 401) problems.push(`expected 401 for a failed sign-in, got ${res.status}`);
    if ((await failedLogins(login)) !== loginsBefore + 1) problems.push(`no ${login} event`);
    written = written.filter((t) => !LOGIN_WRITES.has(t));
  } else {
    // A 400 for this very field: not a lucky 404 or a complaint about another one.
    if (res.status !== 400) problems.push(`expected 400, got ${res.status}`);
    const field = res.body?.field as string | undefined;
    const named = probe.recordKey ? field?.startsWith(probe.field) : field === probe.field;
    if (!named) problems.push(`field ${JSON.stringify(field)}`);
  }
  if (written.length) problems.push(`wrote ${written.join(', ')}`);
  const failure = problems.length
    ? `${key(op)} ${probe.location}.${probe.field} = ${probe.label}: ${problems.join('; ')} (${res.body?.message ?? ''})`
    : null;
  return { failure, last };
}

it('refuses unstorable or out-of-range input on every route with a 4xx naming the field, writing nothing', async () => {
  const doc = (
    await server.app.inject({ method: 'GET', url: '/api/openapi.json' })
  ).json() as OpenApiDocument;
  const operations = operationsOf(doc).filter((op) => !(key(op) in SKIPPED));
  const probes = operations.flatMap((op) =>
    probesOf(op, { ids }, pathIds.find(([re]) => re.test(op.path))?.[1] ?? {}, BASES[key(op)]),
  );
  const failures: string[] = [];
  let last = (await writesSince(0)).last;
  for (const probe of probes) {
    const checked = await check(probe, last);
    if (checked.failure) failures.push(checked.failure);
    last = checked.last;
  }
  expect(failures).toEqual([]);
  // The walk really covered the API: every operation with an input field got probes, except those
  // whose only inputs are booleans (nothing to put there but true or false).
  const walked = new Set(probes.map((p) => key(p.operation)));
  const unprobed = operations.filter((op) => (op.params.length > 0 || op.body) && !walked.has(key(op)));
  expect(unprobed.map(key)).toEqual(['PATCH /api/settings/security']);
  expect(probes.length).toBeGreaterThan(300);
}, 120_000);
