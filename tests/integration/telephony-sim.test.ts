import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/modules/telephony/schema.js';
import { ManualTimers } from '../../src/integrations/payments/simulator/timers.js';
import { SIM_PBX_EXACT, type SimulatedPbx } from '../../src/integrations/telephony/simulator/sim-pbx.js';
import { WAV_HEADER_BYTES, WAV_SAMPLE_RATE } from '../../src/integrations/telephony/simulator/wav.js';
import { ApiClient, signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';

// The built-in simulated PBX mounted in the app (the way `npm start` runs it): calls placed through the
// API ring the PBX, whose signed webhooks come back through /api/telephony/webhook and converge into
// the call record; its recordings are real WAV files; its control routes ring a staff member's phone.
describe('the simulated PBX in the app', () => {
  let server: TestServer;
  let pbx: SimulatedPbx;
  const timers = new ManualTimers();
  let manager: Awaited<ReturnType<typeof signedIn>>;
  let finance: Awaited<ReturnType<typeof signedIn>>;
  let admin: ApiClient;
  const clients: Record<string, string> = {};

  /** PBX time and the app's clock move together (event times, signatures). */
  const advance = async (ms: number) => {
    await timers.runDue();
    for (let left = ms; left > 0; left -= 500) {
      const step = Math.min(500, left);
      server.clock.advance(step);
      await timers.advance(step);
    }
    await pbx.idle();
  };
  const call = async (id: string) => (await manager.api.call('GET', `/api/calls/${id}`)).body;

  beforeAll(async () => {
    server = await startTestServer({
      phoneSim: {
        ...SIM_PBX_EXACT,
        timers,
        seed: 3,
        staffAnswerMs: 1_000,
        clientAnswerMs: 2_000,
        busyMs: 500,
        ringTimeoutMs: 10_000,
        recordingDelayMs: 500,
      },
    });
    pbx = server.ctx.simPbx!;
    manager = await signedIn(server, 'sales_manager');
    finance = await signedIn(server, 'finance');
    ({ api: admin } = await signedInAdmin(server));
    for (const [key, phone] of [
      ['answers', '+442079460100'],
      ['busy', '+442079460107'],
    ] as const) {
      const res = await manager.api.call('POST', '/api/clients', {
        name: `Client ${key}`,
        email: `${key}@example.test`,
        phone,
        country: 'GB',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      clients[key] = res.body.id;
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('click-to-call: ringing, answered, hang up, ended with the talk time and a recording', async () => {
    const placed = await manager.api.call('POST', '/api/calls', { clientId: clients.answers });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const id = placed.body.id as string;
    expect(placed.body.state).toBe('dialing');
    await advance(1_000);
    expect((await call(id)).state).toBe('ringing');
    await advance(2_000);
    expect((await call(id)).state).toBe('answered');
    expect((await manager.api.call('GET', '/api/calls/current')).body.call.id).toBe(id);
    await advance(7_000);
    expect((await manager.api.call('POST', `/api/calls/${id}/hangup`)).status).toBe(200);
    await advance(500);
    const ended = await call(id);
    expect(ended).toMatchObject({ state: 'ended', endCause: 'completed', durationSec: 7 });
    expect(ended.recording).not.toBeNull();
    expect((await manager.api.call('GET', '/api/calls/current')).body.call).toBeNull();

    // The PBX serves the recording on its signed link only: a WAV of the talk time.
    const [row] = await server.ctx.database.db
      .select({ url: calls.recordingUrl, providerCallId: calls.providerCallId })
      .from(calls)
      .where(eq(calls.id, id));
    expect(pbx.call(row!.providerCallId!)).toMatchObject({
      state: 'ended',
      cause: 'completed',
      durationSec: 7,
    });
    const url = new URL(row!.url!);
    const wav = await server.app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(wav.statusCode).toBe(200);
    expect(wav.headers['content-type']).toBe('audio/wav');
    expect(wav.rawPayload.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.rawPayload.length).toBe(WAV_HEADER_BYTES + 7 * WAV_SAMPLE_RATE * 2);
    const forged = await server.app.inject({ method: 'GET', url: `${url.pathname}?sig=forged` });
    expect(forged.statusCode).toBe(404);
  });

  it('a busy client ends the call busy, without a recording', async () => {
    const placed = await manager.api.call('POST', '/api/calls', { clientId: clients.busy });
    expect(placed.status).toBe(201);
    await advance(1_500);
    expect(await call(placed.body.id)).toMatchObject({ state: 'ended', endCause: 'busy', recording: null });
  });

  it('inbound on demand: the known caller rings my extension; unanswered it is missed', async () => {
    const rang = await manager.api.call('POST', '/api/sim/pbx/inbound', { from: '+44 20 7946 0100' });
    expect(rang.status, JSON.stringify(rang.body)).toBe(201);
    expect(rang.body).toMatchObject({ direction: 'inbound', number: '+442079460100', state: 'ringing' });
    await advance(0);
    const current = (await manager.api.call('GET', '/api/calls/current')).body.call;
    expect(current).toMatchObject({ direction: 'inbound', state: 'ringing', clientId: clients.answers });
    expect((await manager.api.call('POST', '/api/sim/pbx/answer')).status).toBe(200);
    await advance(3_000);
    expect((await call(current.id)).state).toBe('answered');
    await manager.api.call('POST', `/api/calls/${current.id}/hangup`);
    await advance(500);
    expect((await manager.api.call('POST', '/api/sim/pbx/answer')).status).toBe(404);

    const missed = await manager.api.call('POST', '/api/sim/pbx/inbound', { from: '+442079460100' });
    expect(missed.status).toBe(201);
    await advance(10_000);
    const last = (await manager.api.call('GET', `/api/clients/${clients.answers}/calls`)).body.items[0];
    expect(last).toMatchObject({
      direction: 'inbound',
      state: 'ended',
      endCause: 'no_answer',
      answeredAt: null,
    });
  });

  it('control routes: bad input named, wrong role refused, behaviours for admins only', async () => {
    const bad = await manager.api.call('POST', '/api/sim/pbx/inbound', { from: 'call me' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('from');
    expect((await finance.api.call('GET', '/api/sim/pbx')).status).toBe(403);
    const status = await manager.api.call('GET', '/api/sim/pbx');
    expect(status.status).toBe(200);
    expect(status.body.extension).toMatch(/^\d+$/);
    expect(status.body.byLastDigit).toMatchObject({ 7: 'busy', 8: 'no_answer', 9: 'hang_up', 0: 'answer' });
    const other = await manager.api.call('POST', '/api/sim/pbx/inbound', {
      from: '+442079460100',
      staffId: finance.user.id,
    });
    expect(other.status).toBe(403);
    // An admin ringing a staff member who does not exist: named, not a 500.
    const nobody = await admin.call('POST', '/api/sim/pbx/inbound', {
      from: '+442079460100',
      staffId: '00000000-0000-4000-8000-000000000000',
    });
    expect(nobody.status).toBe(404);
    expect(nobody.body).toMatchObject({ code: 'not_found', field: 'staffId' });
    const body = { number: '+442079460100', behaviour: 'no_answer' };
    expect((await manager.api.call('PUT', '/api/sim/pbx/behaviours', body)).status).toBe(403);
    const set = await admin.call('PUT', '/api/sim/pbx/behaviours', body);
    expect(set.status).toBe(200);
    expect(set.body).toEqual([body]);
    expect(pbx.behaviourOf('+442079460100')).toBe('no_answer');
    await admin.call('PUT', '/api/sim/pbx/behaviours', { number: '+442079460100', behaviour: null });
    expect(pbx.behaviourOf('+442079460100')).toBe('answer');
  });
});

describe('TELEPHONY_PROVIDER=webhook', () => {
  it('mounts nothing simulated: no control routes, no recordings, and click-to-call answers 502', async () => {
    const server = await startTestServer({ env: { TELEPHONY_PROVIDER: 'webhook' } });
    try {
      expect(server.ctx.simPbx).toBeNull();
      const manager = await signedIn(server, 'sales_manager');
      expect((await manager.api.call('GET', '/api/sim/pbx')).status).toBe(404);
      expect((await manager.api.call('POST', '/api/sim/pbx/inbound', { from: '+442079460100' })).status).toBe(
        404,
      );
      const res = await server.app.inject({
        method: 'GET',
        url: '/sim/pbx/recordings/sim_000000000000000000000000.wav',
      });
      expect(res.statusCode).toBe(404);
      const dialled = await manager.api.call('POST', '/api/calls', { number: '+442079460100' });
      expect(dialled.status).toBe(502);
      expect(dialled.body.code).toBe('phone_system_unavailable');
    } finally {
      await server.close();
    }
  });
});
