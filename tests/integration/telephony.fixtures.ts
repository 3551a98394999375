import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { newWebhookSecret, signWebhook } from '../../src/core/webhook-signature.js';
import { callEvents, calls, events } from '../../src/db/schema.js';
import type { NewClient } from '../../src/modules/clients/index.js';
import type { CallEvent, PhoneSystem } from '../../src/modules/telephony/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

export const uniq = () => randomBytes(4).toString('hex');
export const WEBHOOK_SECRET = newWebhookSecret();
export const TWILIO_TOKEN = `tw_${randomBytes(16).toString('hex')}`;

/** A phone system that takes every call and remembers it; the test plays the provider's events. */
export class FakePhone implements PhoneSystem {
  readonly name = 'fake';
  readonly originated: { callId: string; extension: string; to: string; providerCallId: string }[] = [];
  readonly hungUp: string[] = [];
  down = false;

  originate(call: { callId: string; extension: string; to: string }) {
    if (this.down) return Promise.reject(new Error('trunk down'));
    const providerCallId = `fp-${uniq()}`;
    this.originated.push({ ...call, providerCallId });
    return Promise.resolve({ providerCallId });
  }

  hangup(providerCallId: string) {
    this.hungUp.push(providerCallId);
    return Promise.resolve();
  }
}

export async function telephonyServer(phone: PhoneSystem) {
  return startTestServer({
    phoneSystem: phone,
    env: {
      TELEPHONY_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TELEPHONY_DEFAULT_REGION: 'GB',
    },
  });
}

let n = 0;
/** A client of this manager (their own record scope), with a phone as people type it. */
export async function clientOf(server: TestServer, managerId: string, over: Partial<NewClient> = {}) {
  n += 1;
  return server.ctx.database.db.transaction((tx) =>
    server.ctx.clients.createInTx(
      tx,
      {
        name: `Caller ${n} ${uniq()}`,
        email: `caller.${n}.${uniq()}@mail.test`,
        phone: null,
        country: 'GB',
        language: 'en',
        source: 'office',
        ...over,
      },
      { actor: null, managerId, kind: 'registration' },
    ),
  );
}

/** A UK mobile number nobody else in this database has. */
export const freshNumber = () => `07911 1${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;

/** POSTs events to the generic webhook, signed (or with `headers` overriding the signature). */
export async function postEvents(
  server: TestServer,
  list: unknown[],
  opts: { secret?: string; headers?: Record<string, string>; raw?: string } = {},
) {
  const body = opts.raw ?? JSON.stringify({ events: list });
  const signed = signWebhook(opts.secret ?? WEBHOOK_SECRET, `wh_${uniq()}`, body, server.clock.now());
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/telephony/webhook',
    headers: { 'content-type': 'application/json', ...signed, ...opts.headers },
    payload: body,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

/** A provider event for a call (`at` seconds after `t0`). */
export function callEvent(
  providerCallId: string,
  eventId: string,
  kind: CallEvent['kind'],
  t0: Date,
  sec: number,
  extra: Partial<CallEvent> = {},
): CallEvent {
  return {
    provider: 'fake',
    eventId: `${providerCallId}:${eventId}`,
    providerCallId,
    kind,
    at: new Date(t0.getTime() + sec * 1000).toISOString(),
    ...extra,
  };
}

export const callRow = async (server: TestServer, id: string) =>
  (await server.ctx.database.db.select().from(calls).where(eq(calls.id, id)))[0];

export const callByProviderId = async (server: TestServer, providerCallId: string) =>
  server.ctx.database.db
    .select()
    .from(calls)
    .where(and(eq(calls.provider, 'fake'), eq(calls.providerCallId, providerCallId)));

export const countRows = async (server: TestServer) => {
  const db = server.ctx.database.db;
  return {
    calls: (await db.select({ id: calls.id }).from(calls)).length,
    events: (await db.select({ id: callEvents.id }).from(callEvents)).length,
  };
};

/** The domain events about one call (its payload's callId). */
export const domainEventsOfCall = async (server: TestServer, callId: string) =>
  (await server.ctx.database.db.select().from(events)).filter(
    (e) => e.type.startsWith('call.') && (e.payload as { callId?: string }).callId === callId,
  );
