import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTasks } from '../../src/db/schema.js';
import { signedIn, signedInAdmin, type TestServer } from '../support/server.js';
import { openConversation } from './support-conversations.fixtures.js';
import {
  callEvent,
  callRow,
  clientOf,
  domainEventsOfCall,
  FakePhone,
  postEvents,
  telephonyServer,
} from './telephony.fixtures.js';

// Click-to-call, hang-up, disposition, the live call and a client's calls: permission, scope, input.
let server: TestServer;
const phone = new FakePhone();
let manager: Awaited<ReturnType<typeof signedIn>>;
let other: Awaited<ReturnType<typeof signedIn>>;
let finance: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  server = await telephonyServer(phone);
  manager = await signedIn(server, 'sales_manager');
  other = await signedIn(server, 'retention_manager');
  finance = await signedIn(server, 'finance');
});
afterAll(() => server?.close());

/** Plays the provider, one webhook per event: ringing, answered after 3 s, ended after `talk` seconds. */
async function playAnswered(providerCallId: string, callId: string, talk = 42) {
  const t0 = server.clock.now();
  for (const e of [
    callEvent(providerCallId, 'ring', 'ringing', t0, 0, { callId }),
    callEvent(providerCallId, 'ans', 'answered', t0, 3, { callId }),
    callEvent(providerCallId, 'end', 'ended', t0, 3 + talk, { callId, cause: 'completed' }),
  ]) {
    const res = await postEvents(server, [e]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

describe('click-to-call', () => {
  it('rings the manager’s extension, then the client’s E.164 number; the call converges from events; disposition; on the card', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '020 7946 0958' });
    const started = await manager.api.call('POST', '/api/calls', { clientId: client.id });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({
      direction: 'outbound',
      state: 'dialing',
      staffId: manager.user.id,
      clientId: client.id,
      clientName: client.name,
      number: '+442079460958',
      recording: null,
    });
    const dialled = phone.originated.at(-1)!;
    expect(dialled).toMatchObject({ callId: started.body.id, to: '+442079460958' });
    expect(dialled.extension).toMatch(/^\d+$/);

    // The live call, for a reload; a second call meanwhile is refused.
    const current = await manager.api.call('GET', '/api/calls/current');
    expect(current.body.call.id).toBe(started.body.id);
    const busy = await manager.api.call('POST', '/api/calls', { number: '+442079460000' });
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('staff_busy');

    await playAnswered(dialled.providerCallId, started.body.id, 42);
    const ended = await manager.api.call('GET', `/api/calls/${started.body.id}`);
    expect(ended.body).toMatchObject({ state: 'ended', endCause: 'completed', durationSec: 42 });
    expect(ended.body.answeredAt).not.toBeNull();
    expect((await manager.api.call('GET', '/api/calls/current')).body.call).toBeNull();

    const disp = await manager.api.call('POST', `/api/calls/${started.body.id}/disposition`, {
      disposition: 'reached',
      note: 'Wants a demo of the platform',
    });
    expect(disp.status, JSON.stringify(disp.body)).toBe(200);
    expect(disp.body).toMatchObject({ disposition: 'reached', note: 'Wants a demo of the platform' });

    const list = await manager.api.call('GET', `/api/clients/${client.id}/calls`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id: started.body.id,
      disposition: 'reached',
      durationSec: 42,
    });

    // The call's life on the timeline, kind `calls`; each event once.
    const timeline = await manager.api.call('GET', `/api/clients/${client.id}/timeline?kinds=calls`);
    expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
    expect(timeline.body.items.map((i: { type: string }) => i.type)).toEqual([
      'call.disposition_set',
      'call.ended',
      'call.started',
    ]);
    const types = (await domainEventsOfCall(server, started.body.id)).map((e) => e.type).sort();
    expect(types).toEqual([
      'call.answered',
      'call.disposition_set',
      'call.ended',
      'call.ringing',
      'call.started',
    ]);
  });

  it('dials a typed number and files the call on the one visible client with it', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '+44 7911 123456' });
    const res = await manager.api.call('POST', '/api/calls', { number: '07911 123456' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ clientId: client.id, number: '+447911123456' });
    await manager.api.call('POST', `/api/calls/${res.body.id}/hangup`);
    // Hang-up asks the provider; its `ended` closes the call.
    const dialled = phone.originated.at(-1)!;
    expect(phone.hungUp).toContain(dialled.providerCallId);
    await postEvents(server, [
      callEvent(dialled.providerCallId, 'end', 'ended', server.clock.now(), 1, { cause: 'canceled' }),
    ]);
    expect(await callRow(server, res.body.id)).toMatchObject({
      state: 'ended',
      endCause: 'canceled',
      durationSec: 0,
    });
  });

  it('a phone system that refuses the call: 502 and the call ends as failed', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '+442079460001' });
    phone.down = true;
    try {
      const res = await manager.api.call('POST', '/api/calls', { clientId: client.id });
      expect(res.status).toBe(502);
      expect(res.body.code).toBe('phone_system_unavailable');
    } finally {
      phone.down = false;
    }
    const list = await manager.api.call('GET', `/api/clients/${client.id}/calls`);
    expect(list.body.items[0]).toMatchObject({ state: 'ended', endCause: 'failed' });
    // Not "busy" afterwards.
    expect((await manager.api.call('GET', '/api/calls/current')).body.call).toBeNull();
  });
});

describe('input, permission and scope', () => {
  it('bad input: 4xx with code and field', async () => {
    const none = await manager.api.call('POST', '/api/calls', {});
    expect(none.status).toBe(400);
    expect(none.body.field).toBe('clientId');
    const bad = await manager.api.call('POST', '/api/calls', { number: 'call me maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('number');
    const noPhone = await clientOf(server, manager.user.id, { phone: null });
    const r = await manager.api.call('POST', '/api/calls', { clientId: noPhone.id });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'no_phone', field: 'clientId' });
    const invalid = await manager.api.call('POST', '/api/calls', { number: '+44 12' });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ code: 'invalid_number', field: 'number' });
    const extra = await manager.api.call('POST', '/api/calls', { number: '+442079460958', x: 1 });
    expect(extra.status).toBe(400);
    const conv = await manager.api.call('POST', '/api/calls', {
      number: '+442079460958',
      conversationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(conv.status).toBe(404);
  });

  it('disposition input is checked; paging is bounded', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '+442079460002' });
    const started = await manager.api.call('POST', '/api/calls', { clientId: client.id });
    const wrong = await manager.api.call('POST', `/api/calls/${started.body.id}/disposition`, {
      disposition: 'maybe',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('disposition');
    const page = await manager.api.call('GET', `/api/clients/${client.id}/calls?pageSize=1000`);
    expect(page.status).toBe(400);
    expect(page.body.field).toBe('pageSize');
    await manager.api.call('POST', `/api/calls/${started.body.id}/hangup`);
    await postEvents(server, [
      callEvent(phone.originated.at(-1)!.providerCallId, 'end', 'ended', server.clock.now(), 0),
    ]);
  });

  it('a role without telephony.call: 403; another manager’s client: 404 for the call, the list and dialling', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '+442079460003' });
    const denied = await finance.api.call('POST', '/api/calls', { clientId: client.id });
    expect(denied.status).toBe(403);
    expect((await finance.api.call('GET', '/api/calls/current')).status).toBe(403);

    const outside = await other.api.call('POST', '/api/calls', { clientId: client.id });
    expect(outside.status).toBe(404);
    const started = await manager.api.call('POST', '/api/calls', { clientId: client.id });
    const id = started.body.id;
    expect((await other.api.call('GET', `/api/calls/${id}`)).status).toBe(404);
    expect((await other.api.call('GET', `/api/clients/${client.id}/calls`)).status).toBe(404);
    expect((await other.api.call('POST', `/api/calls/${id}/hangup`)).status).toBe(404);
    expect(
      (await other.api.call('POST', `/api/calls/${id}/disposition`, { disposition: 'reached' })).status,
    ).toBe(404);
    // A number of someone else's client is dialled, but not filed on a card the caller cannot see.
    const typed = await other.api.call('POST', '/api/calls', { number: '+442079460003' });
    expect(typed.status).toBe(201);
    expect(typed.body.clientId).toBeNull();
    // Hung up before the provider said anything: ends at once.
    await manager.api.call('POST', `/api/calls/${id}/hangup`);
  });
});

describe('calls that are not the caller’s', () => {
  it('a support agent sees a manager’s call but may not hang it up or label it; an admin (telephony.supervise) may', async () => {
    const agent = await signedIn(server, 'support_agent');
    const admin = await signedInAdmin(server);
    const client = await clientOf(server, manager.user.id, { phone: '+442079460004' });
    const started = await manager.api.call('POST', '/api/calls', { clientId: client.id });
    expect(started.status).toBe(201);
    const id = started.body.id;
    // Support sees every client, so the call is visible to the agent …
    expect((await agent.api.call('GET', `/api/calls/${id}`)).status).toBe(200);
    // … but ending or labelling a colleague's call is not theirs to do.
    const hang = await agent.api.call('POST', `/api/calls/${id}/hangup`);
    expect(hang.status).toBe(403);
    expect(hang.body.code).toBe('forbidden');
    const label = await agent.api.call('POST', `/api/calls/${id}/disposition`, { disposition: 'busy' });
    expect(label.status).toBe(403);
    expect((await manager.api.call('GET', `/api/calls/${id}`)).body).toMatchObject({
      state: 'dialing',
      disposition: null,
    });
    const byAdmin = await admin.api.call('POST', `/api/calls/${id}/hangup`);
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBeLessThan(300);
    expect((await manager.api.call('GET', `/api/calls/${id}`)).body.state).toBe('ended');
  });

  it('a call may only answer a conversation the caller may see (a reached call would close it)', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '+442079460005' });
    const conv = await openConversation(server, {
      channel: 'callback',
      contactPhone: '+442079460005',
      clientId: client.id,
    });
    const refused = await other.api.call('POST', '/api/calls', {
      number: '+442079460005',
      conversationId: conv.id,
    });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'not_found', field: 'conversationId' });
    const mine = await manager.api.call('POST', '/api/calls', {
      number: '+442079460005',
      conversationId: conv.id,
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body.conversationId).toBe(conv.id);
    await manager.api.call('POST', `/api/calls/${mine.body.id}/hangup`);
  });
});

describe('missed inbound call', () => {
  it('becomes a call-back task for the client’s manager, with a call.missed event', async () => {
    const client = await clientOf(server, manager.user.id, { phone: '+44 20 7946 0777' });
    const t0 = server.clock.now();
    // Two deliveries, the end first: the caller, client and manager are settled whichever comes first.
    await postEvents(server, [callEvent('in-missed', 'end', 'ended', t0, 25, { cause: 'no_answer' })]);
    await postEvents(server, [
      callEvent('in-missed', 'ring', 'ringing', t0, 0, { direction: 'inbound', from: '+442079460777' }),
    ]);
    const list = await manager.api.call('GET', `/api/clients/${client.id}/calls`);
    expect(list.body.items[0]).toMatchObject({
      direction: 'inbound',
      state: 'ended',
      staffId: manager.user.id,
    });
    const tasks = await server.ctx.database.db
      .select()
      .from(clientTasks)
      .where(eq(clientTasks.clientId, client.id));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      assigneeId: manager.user.id,
      title: 'Call back: missed call from +442079460777',
    });
    const missed = (await domainEventsOfCall(server, list.body.items[0].id)).filter(
      (e) => e.type === 'call.missed',
    );
    // The end came first, from a caller not yet known (no task); the ringing then named the client.
    expect(missed.map((e) => (e.payload as { taskId: string | null }).taskId)).toEqual([null, tasks[0]!.id]);
  });
});
