import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import { loadConfig } from '../../src/app/config.js';
import { buildServer, type ServerOptions } from '../../src/app/server.js';
import type { App } from '../../src/core/http.js';
import type { AppContext } from '../../src/app/context.js';
import { ManualClock, type Clock } from '../../src/core/clock.js';
import type { ThrottlePolicy } from '../../src/modules/identity/throttle.js';
import type { SimPbxOverrides } from '../../src/app/telephony-sim-wiring.js';
import type { Role } from '../../src/modules/identity/permissions.js';
import type { PhoneSystem } from '../../src/modules/telephony/index.js';
import { freshDatabase } from './database.js';

export interface TestServer {
  app: App;
  ctx: AppContext;
  clock: ManualClock;
  url: string;
  close(): Promise<void>;
}

/** A real server on a fresh database, listening on a random loopback port, with a controllable clock. */
export async function startTestServer(
  opts: {
    env?: Record<string, string>;
    throttle?: ThrottlePolicy;
    clock?: Clock;
    web?: boolean;
    /** The built-in simulated PBX's options (timings, ManualTimers, seed…). */
    phoneSim?: SimPbxOverrides;
    /** The recording fetcher's test-only resolver, trusted endpoint and provider hosts. */
    recordingFetch?: ServerOptions['recordingFetch'];
    phoneSystem?: PhoneSystem;
  } = {},
): Promise<TestServer> {
  const { database, drop } = await freshDatabase();
  const clock = (opts.clock as ManualClock) ?? new ManualClock(new Date());
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...opts.env });
  const { app, ctx } = await buildServer({
    config,
    database,
    secretKey: randomBytes(32),
    clock,
    logger: false,
    web: opts.web ?? false,
    ...(opts.throttle ? { throttle: opts.throttle } : {}),
    ...(opts.phoneSim ? { phoneSim: opts.phoneSim } : {}),
    ...(opts.recordingFetch ? { recordingFetch: opts.recordingFetch } : {}),
    ...(opts.phoneSystem ? { phoneSystem: opts.phoneSystem } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    ctx,
    clock,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await drop();
    },
  };
}

let counter = 0;
/** Creates a staff member straight through the service (as an admin would) and returns their login. */
export async function createStaff(
  ctx: AppContext,
  role: Role,
  extra: { teamId?: string | null; name?: string } = {},
) {
  counter += 1;
  const email = `${role}.${counter}.${randomBytes(3).toString('hex')}@test.local`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const user = await ctx.staff.create(
    { id: null, ip: null },
    {
      name: extra.name ?? `${role} ${counter}`,
      email,
      password,
      role,
      teamId: extra.teamId ?? null,
      languages: ['en'],
      active: true,
    },
  );
  return { ...user, password };
}

export const totpNow = (secret: string, clock: Clock) =>
  generateSync({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });

/** Cookie jar for inject-based calls: keeps what Set-Cookie gave us. */
export class Jar {
  private cookies = new Map<string, string>();
  absorb(setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** A signed-in API client over app.inject: JSON in, JSON out, cookies kept. */
export class ApiClient {
  readonly jar = new Jar();
  constructor(private readonly app: App) {}

  async call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: {
        cookie: this.jar.header(),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    this.jar.absorb(res.headers['set-cookie']);
    const json =
      res.body && res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : undefined;
    return { status: res.statusCode, body: json as any, headers: res.headers, raw: res.body };
  }

  /** Password sign-in; for staff with 2FA, answers the challenge with a fresh code for `secret`. */
  async login(email: string, password: string) {
    return this.call('POST', '/api/auth/login', { email, password });
  }
}

/** An admin who has enrolled 2FA during sign-in, signed in; returns the client and the TOTP secret. */
export async function signedInAdmin(server: TestServer) {
  const admin = await createStaff(server.ctx, 'admin');
  const api = new ApiClient(server.app);
  const first = await api.login(admin.email, admin.password);
  if (first.body?.status !== 'mfa_enrolment_required')
    throw new Error(`expected enrolment, got ${JSON.stringify(first.body)}`);
  const secret = first.body.enrolment.secret as string;
  const done = await api.call('POST', '/api/auth/mfa/enrol', { code: totpNow(secret, server.clock) });
  if (done.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(done.body)}`);
  return { api, admin, secret, recoveryCodes: done.body.recoveryCodes as string[] };
}

export async function signedIn(
  server: TestServer,
  role: Exclude<Role, 'admin'>,
  extra: { teamId?: string | null } = {},
) {
  const user = await createStaff(server.ctx, role, extra);
  const api = new ApiClient(server.app);
  const res = await api.login(user.email, user.password);
  if (res.body?.status !== 'ok') throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return { api, user };
}
