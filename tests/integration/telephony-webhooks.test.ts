import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook } from '../../src/core/webhook-signature.js';
import { events } from '../../src/db/schema.js';
import { twilioSignature, type CallEvent } from '../../src/modules/telephony/index.js';
import { signedIn, type TestServer } from '../support/server.js';
import {
  callByProviderId,
  callEvent,
  clientOf,
  countRows,
  domainEventsOfCall,
  FakePhone,
  postEvents,
  telephonyServer,
  TWILIO_TOKEN,
  uniq,
} from './telephony.fixtures.js';

// The phone systems' way in: the generic signed webhook and Twilio's callbacks. Forged, unsigned or
// stale requests write nothing; repeated and reordered events converge to one call record.
let server: TestServer;
let manager: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  server = await telephonyServer(new FakePhone());
  manager = await signedIn(server, 'sales_manager');
});
afterAll(() => server?.close());

const ringing = (id = `p-${uniq()}`) =>
  callEvent(id, 'ring', 'ringing', server.clock.now(), 0, { direction: 'inbound', from: '+442079469999' });

describe('generic webhook signature', () => {
  it('missing, wrong, stale or other-secret signatures: 401 and nothing written', async () => {
    const before = await countRows(server);
    const e = ringing();
    const body = JSON.stringify({ events: [e] });
    const good = signWebhook(newWebhookSecret(), 'wh_1', body, server.clock.now());
    const cases: [string, Record<string, string>][] = [
      ['missing_headers', { 'webhook-signature': '' }],
      ['bad_signature', { 'webhook-signature': good['webhook-signature'] }],
      ['bad_signature', { 'webhook-signature': 'v1,AAAA' }],
      [
        'stale_timestamp',
        { 'webhook-timestamp': String(Math.floor(server.clock.now().getTime() / 1000) - 3600) },
      ],
    ];
    for (const [code, headers] of cases) {
      const res = await postEvents(server, [e], { headers });
      expect(res.status, code).toBe(401);
      expect(res.body.code).toBe(code);
    }
    // Signed over one body, another sent.
    const signed = signWebhook(server.ctx.config.TELEPHONY_WEBHOOK_SECRET!, 'wh_2', body, server.clock.now());
    const tampered = await server.app.inject({
      method: 'POST',
      url: '/api/telephony/webhook',
      headers: { 'content-type': 'application/json', ...signed },
      payload: body.replace('ringing', 'answered'),
    });
    expect(tampered.statusCode).toBe(401);
    expect(await countRows(server)).toEqual(before);
    expect(await callByProviderId(server, e.providerCallId)).toEqual([]);
  });

  it('bad bodies: 400 with code and field, nothing written', async () => {
    const before = await countRows(server);
    const bad = await postEvents(server, [{ ...ringing(), kind: 'exploded' }]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', field: 'events.0.kind' });
    const at = await postEvents(server, [{ ...ringing(), at: 'yesterday' }]);
    expect(at.body.field).toBe('events.0.at');
    const extra = await postEvents(server, [{ ...ringing(), colour: 'red' }]);
    expect(extra.body.code).toBe('unknown_field');
    const empty = await postEvents(server, []);
    expect(empty.body.field).toBe('events');
    const json = await postEvents(server, [], { raw: '{"events": [' });
    expect(json.body).toMatchObject({ code: 'invalid_json', field: 'body' });
    expect(await countRows(server)).toEqual(before);
  });
});

describe('convergence', () => {
  const life = (pid: string, t0: Date, talk: number): CallEvent[] => [
    callEvent(pid, 'ring', 'ringing', t0, 0, {
      direction: 'inbound',
      from: '+442079469999',
      extension: '999',
    }),
    callEvent(pid, 'ans', 'answered', t0, 4),
    callEvent(pid, 'xfer', 'transferred', t0, 10, { extension: '998' }),
    callEvent(pid, 'end', 'ended', t0, 4 + talk, { cause: 'completed' }),
    callEvent(pid, 'rec', 'recording_ready', t0, 6 + talk, {
      recordingUrl: `https://rec.example/${pid}.wav`,
      durationSec: talk,
    }),
  ];
  const snapshot = (row: Record<string, unknown>) => {
    const {
      id: _i,
      providerCallId: _p,
      number: _n,
      recordingUrl: _r,
      createdAt: _c,
      updatedAt: _u,
      ...rest
    } = row;
    return { ...rest, recorded: Boolean(_r) };
  };

  it('duplicated and reordered deliveries, in any batches, give one record and each domain event once (property)', async () => {
    const t0 = server.clock.now();
    const reference = life(`ref-${uniq()}`, t0, 30);
    for (const e of reference) await postEvents(server, [e]);
    const [expected] = await callByProviderId(server, reference[0]!.providerCallId);
    expect(expected).toMatchObject({
      state: 'ended',
      durationSec: 30,
      extension: '998',
      endCause: 'completed',
    });

    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5 }),
        fc.array(fc.nat({ max: 4 }), { maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 10, maxLength: 10 }),
        async (order, dups, cuts) => {
          const pid = `prop-${uniq()}`;
          const all = life(pid, t0, 30);
          const deliveries = [...order, ...dups].map((i) => all[i]!);
          let sent = 0;
          for (const size of cuts) {
            if (sent >= deliveries.length) break;
            const res = await postEvents(server, deliveries.slice(sent, sent + size));
            expect(res.status).toBe(200);
            sent += size;
          }
          if (sent < deliveries.length) await postEvents(server, deliveries.slice(sent));
          const rows = await callByProviderId(server, pid);
          expect(rows).toHaveLength(1);
          expect(snapshot(rows[0]!)).toEqual(snapshot(expected!));
          const types = (await domainEventsOfCall(server, rows[0]!.id)).map((e) => e.type);
          expect(types.filter((t) => t === 'call.ended')).toHaveLength(1);
          expect(types.filter((t) => t === 'call.recording_ready')).toHaveLength(1);
          expect(types.filter((t) => t === 'call.ringing').length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a repeat is answered as a duplicate and changes nothing', async () => {
    const e = ringing();
    expect((await postEvents(server, [e])).body).toEqual({ accepted: 1, duplicates: 0 });
    const before = await countRows(server);
    expect((await postEvents(server, [e, e])).body).toEqual({ accepted: 0, duplicates: 2 });
    expect(await countRows(server)).toEqual(before);
  });
});

describe('inbound screen pop', () => {
  it('a known number pops the client for the staff member whose extension rings', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '+44 (0)20 7946 0555' });
    const ext = await server.ctx.telephony.extensions.ensure(manager.user.id);
    const pid = `pop-${uniq()}`;
    await postEvents(server, [
      callEvent(pid, 'ring', 'ringing', server.clock.now(), 0, {
        direction: 'inbound',
        from: '02079460555',
        extension: ext,
      }),
    ]);
    const [row] = await callByProviderId(server, pid);
    expect(row).toMatchObject({
      clientId: client.id,
      staffId: manager.user.id,
      number: '+442079460555',
      state: 'ringing',
    });
    const [pop] = await server.ctx.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'call.inbound_ringing'), eq(events.subjectId, client.id)));
    expect(pop!.audience).toEqual({ users: [manager.user.id] });
    expect(pop!.payload).toMatchObject({
      callId: row!.id,
      clientId: client.id,
      candidates: [{ id: client.id, name: client.name }],
    });
    const current = await manager.api.call('GET', '/api/calls/current');
    expect(current.body.call).toMatchObject({ id: row!.id, direction: 'inbound', clientName: client.name });
  });

  it('a number shared by two clients pops both as candidates and files on neither; an unknown one on none', async () => {
    const a = await clientOf(server, manager.user.id, { phone: '+442079460444' });
    const b = await clientOf(server, manager.user.id, { phone: '020 7946 0444' });
    const pid = `shared-${uniq()}`;
    await postEvents(server, [
      callEvent(pid, 'ring', 'ringing', server.clock.now(), 0, {
        direction: 'inbound',
        from: '+442079460444',
        extension: await server.ctx.telephony.extensions.ensure(manager.user.id),
      }),
    ]);
    const [row] = await callByProviderId(server, pid);
    expect(row!.clientId).toBeNull();
    const pop = (await domainEventsOfCall(server, row!.id)).find((e) => e.type === 'call.inbound_ringing');
    expect((pop!.payload as { candidates: { id: string }[] }).candidates.map((c) => c.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    const unknown = `unknown-${uniq()}`;
    await postEvents(server, [
      callEvent(unknown, 'ring', 'ringing', server.clock.now(), 0, { from: '+6281234567890' }),
    ]);
    expect((await callByProviderId(server, unknown))[0]).toMatchObject({
      clientId: null,
      direction: 'inbound',
      number: '+6281234567890',
    });
  });
});

describe('screen pop and record scope', () => {
  it('a call ringing a manager of another team pops the number only, never the other team’s client', async () => {
    const outsider = await signedIn(server, 'retention_manager');
    const client = await clientOf(server, manager.user.id, { phone: '+442079460666' });
    const pid = `scope-${uniq()}`;
    await postEvents(server, [
      callEvent(pid, 'ring', 'ringing', server.clock.now(), 0, {
        direction: 'inbound',
        from: '+442079460666',
        extension: await server.ctx.telephony.extensions.ensure(outsider.user.id),
      }),
    ]);
    const [row] = await callByProviderId(server, pid);
    // The call is the client's record (on their card) and rings the outsider …
    expect(row).toMatchObject({ clientId: client.id, staffId: outsider.user.id });
    const pop = (await domainEventsOfCall(server, row!.id)).find((e) => e.type === 'call.inbound_ringing');
    // … whose pop names nobody: no client, no candidates, only that the number is someone's.
    expect(pop!.audience).toEqual({ users: [outsider.user.id] });
    expect(pop!.payload).toMatchObject({
      clientId: null,
      clientName: null,
      candidates: [],
      outsideScope: true,
    });
    expect(JSON.stringify(pop!.payload)).not.toContain(client.name);
    // Nor do the call's other live events that reach them.
    const ringing = (await domainEventsOfCall(server, row!.id)).find((e) => e.type === 'call.ringing');
    expect(ringing!.payload).toMatchObject({ clientId: client.id, clientName: null });
    // Their call bar after a reload: the number, not the client.
    const current = await outsider.api.call('GET', '/api/calls/current');
    expect(current.body.call).toMatchObject({ id: row!.id, clientId: null, clientName: null });
    // It is their call all the same: they end it and say how it went.
    expect((await outsider.api.call('POST', `/api/calls/${row!.id}/hangup`)).status).toBeLessThan(300);
    const label = await outsider.api.call('POST', `/api/calls/${row!.id}/disposition`, {
      disposition: 'wrong_number',
    });
    expect(label.status, JSON.stringify(label.body)).toBe(200);
    expect(label.body).toMatchObject({ disposition: 'wrong_number', clientId: null, clientName: null });
    // The client's calls stay the client's scope: 404.
    expect((await outsider.api.call('GET', `/api/clients/${client.id}/calls`)).status).toBe(404);
  });
});

describe('Twilio callbacks', () => {
  const post = (path: string, params: Record<string, string>, signature?: string) =>
    server.app.inject({
      method: 'POST',
      url: path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signature !== undefined ? { 'x-twilio-signature': signature } : {}),
      },
      payload: new URLSearchParams(params).toString(),
    });
  const sign = (path: string, params: Record<string, string>, token = TWILIO_TOKEN) =>
    twilioSignature(token, `${server.ctx.config.baseUrl}${path}`, params);

  it('missing signature 401, wrong one 403, nothing written; signed status and recording callbacks are taken', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '+442079460333' });
    const sid = `CA${uniq()}${uniq()}`;
    const params = {
      CallSid: sid,
      CallStatus: 'ringing',
      From: '+442079460333',
      To: '+442079460000',
      Direction: 'inbound',
    };
    const path = '/api/telephony/twilio/status';
    const before = await countRows(server);
    expect((await post(path, params)).statusCode).toBe(401);
    expect((await post(path, params, sign(path, params, 'another-token-0123456789'))).statusCode).toBe(403);
    expect((await post(path, { ...params, From: '+1' }, sign(path, params))).statusCode).toBe(403);
    expect((await post(`${path}?callId=${crypto.randomUUID()}`, params, sign(path, params))).statusCode).toBe(
      403,
    );
    expect(await countRows(server)).toEqual(before);

    const ok = await post(path, params, sign(path, params));
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/xml');
    const done = { ...params, CallStatus: 'completed', CallDuration: '0' };
    expect((await post(path, done, sign(path, done))).statusCode).toBe(200);
    const rec = {
      CallSid: sid,
      RecordingSid: `RE${uniq()}`,
      RecordingUrl: 'https://api.twilio.com/rec/1',
      RecordingStatus: 'completed',
      RecordingDuration: '0',
    };
    const recPath = '/api/telephony/twilio/recording';
    expect((await post(recPath, rec, sign(recPath, rec))).statusCode).toBe(200);

    const list = await manager.api.call('GET', `/api/clients/${client.id}/calls`);
    expect(list.body.items[0]).toMatchObject({
      direction: 'inbound',
      state: 'ended',
      endCause: 'completed',
      // Known, to be fetched from the provider by the recordings job (stored audio: telephony-recordings).
      recording: { status: 'pending' },
    });
    // Missing CallSid with a valid signature: 400 with the field.
    const noSid = { CallStatus: 'ringing' };
    const bad = await post(path, noSid, sign(path, noSid));
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).field).toBe('CallSid');
  });
});
