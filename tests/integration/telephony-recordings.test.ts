import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { callRecordings, calls, clients, events as eventLog } from '../../src/db/schema.js';
import {
  ApiClient,
  createStaff,
  signedInAdmin,
  startTestServer,
  type TestServer,
} from '../support/server.js';
import { fakeProvider, wav } from './telephony-recordings.fixtures.js';
import { callEvent, postEvents, WEBHOOK_SECRET } from './telephony.fixtures.js';

// Recordings end to end on one app: announced → fetched from a (loopback, explicitly trusted) provider
// → stored in the data directory → a signed link per listen (audited) → streamed with Range; scope,
// roles, tampered and expired links, retention.

let server: TestServer;
let provider: Awaited<ReturnType<typeof fakeProvider>>;
const dataDir = mkdtempSync(join(tmpdir(), 'bd-rec-'));
const audio = wav(2);
const db = () => server.ctx.database.db;
const uniq = () => randomUUID().slice(0, 8);

type Person = { api: ApiClient; id: string; login: () => Promise<void> };
let managerA: Person, managerB: Person, leadX: Person, leadY: Person, compliance: Person, agent: Person;
let clientId: string;
let teamXId: string;

async function person(role: Parameters<typeof createStaff>[1], teamId: string | null): Promise<Person> {
  const user = await createStaff(server.ctx, role, { teamId });
  const api = new ApiClient(server.app);
  const login = async () => {
    const res = await api.login(user.email, user.password);
    if (res.body?.status !== 'ok') throw new Error(`login ${JSON.stringify(res.body)}`);
  };
  await login();
  return { api, id: user.id, login };
}

beforeAll(async () => {
  provider = await fakeProvider((req, res) => {
    if (req.url?.startsWith('/rec/')) {
      res.writeHead(200, { 'content-type': 'audio/x-wav' });
      res.end(audio);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  server = await startTestServer({
    env: {
      TELEPHONY_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEPHONY_DEFAULT_REGION: 'GB',
      DATA_DIR: dataDir,
      TELEPHONY_RECORDING_RETENTION_DAYS: '30',
      TELEPHONY_RECORDING_LINK_SECONDS: '120',
    },
    recordingFetch: {
      extraHosts: ['rec.provider.test', 'inside.provider.test'],
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      // The test provider's exact endpoint only: any other loopback port stays refused.
      trusted: (address, port) => address === '127.0.0.1' && port === provider.port,
    },
  });
  const admin = await signedInAdmin(server);
  const system = { id: null, ip: null };
  const teamX = await server.ctx.teams.create(system, {
    name: `Sales X ${uniq()}`,
    kind: 'sales',
    leadId: null,
  });
  const teamY = await server.ctx.teams.create(system, {
    name: `Sales Y ${uniq()}`,
    kind: 'sales',
    leadId: null,
  });
  teamXId = teamX.id;
  managerA = await person('sales_manager', teamX.id);
  managerB = await person('sales_manager', teamY.id);
  leadX = await person('team_lead', teamX.id);
  leadY = await person('team_lead', teamY.id);
  compliance = await person('compliance', null);
  agent = await person('support_agent', null);
  const created = await admin.api.call('POST', '/api/clients', {
    name: `Caller ${uniq()}`,
    phone: '+447911123456',
  });
  expect(created.status).toBe(201);
  clientId = created.body.id;
  await db()
    .update(clients)
    .set({ managerId: managerA.id, teamId: teamX.id })
    .where(eq(clients.id, clientId));
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A call's recording announced and fetched (the job may race us: both claim with SKIP LOCKED). */
async function storedRecording(url = `http://rec.provider.test:${provider.port}/rec/${uniq()}.wav`) {
  const callId = randomUUID();
  await db().insert(calls).values({
    id: callId,
    direction: 'outbound',
    state: 'ended',
    provider: 'sim',
    number: '+447911123456',
    clientId,
    startedAt: server.clock.now(),
  });
  await db().transaction((tx) =>
    server.ctx.recordings.recordings.recordingReady(tx, {
      callId,
      clientId,
      url,
      durationSec: 2,
      provider: 'sim',
    }),
  );
  for (let i = 0; i < 100; i++) {
    await server.ctx.recordings.recordings.fetchPending();
    const [row] = await db().select().from(callRecordings).where(eq(callRecordings.callId, callId));
    if (row!.status !== 'pending') return { callId, row: row! };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('recording not fetched');
}

const link = (p: Person, callId: string, purpose: string = 'listen') =>
  p.api.call('POST', `/api/calls/${callId}/recording-link`, { purpose });

describe('call recordings', () => {
  it('stores the audio outside the row, links and streams it with Range, and audits the listen', async () => {
    const { callId, row } = await storedRecording();
    expect(row).toMatchObject({ status: 'ready', mimeType: 'audio/wav', size: audio.length, durationSec: 2 });
    expect(existsSync(join(dataDir, 'recordings', row.storageKey!))).toBe(true);
    // Announced twice (a provider retry): still one recording.
    const again = await server.ctx.recordings.recordings.recordingReady(null, {
      callId,
      clientId,
      url: row.sourceUrl,
      durationSec: 2,
      provider: 'sim',
    });
    expect(again.id).toBe(row.id);
    expect((await server.ctx.recordings.recordings.summaries(db(), [callId])).get(callId)).toEqual({
      status: 'ready',
      durationSec: 2,
    });

    const res = await link(managerA, callId);
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(/^\/api\/recordings\//);
    const full = await managerA.api.call('GET', res.body.url);
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('audio/wav');
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.headers['content-disposition']).toMatch(/^inline/);
    expect(full.headers['content-length']).toBe(String(audio.length));
    const bytes = await server.app.inject({
      method: 'GET',
      url: res.body.url,
      headers: { cookie: managerA.api.jar.header() },
    });
    expect(bytes.rawPayload.equals(audio)).toBe(true);
    const part = await managerA.api.call('GET', res.body.url, undefined, { range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${audio.length}`);
    expect(part.headers['content-length']).toBe('100');
    const tail = await managerA.api.call('GET', res.body.url, undefined, { range: 'bytes=-44' });
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe(
      `bytes ${audio.length - 44}-${audio.length - 1}/${audio.length}`,
    );
    const beyond = await managerA.api.call('GET', res.body.url, undefined, {
      range: `bytes=${audio.length}-`,
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${audio.length}`);

    const played = await db()
      .select()
      .from(eventLog)
      .where(and(eq(eventLog.type, 'telephony.recording_played'), eq(eventLog.subjectId, callId)));
    expect(played).toHaveLength(1);
    expect(played[0]).toMatchObject({ actorId: managerA.id, subjectType: 'call' });
    expect(played[0]!.payload).toMatchObject({ recordingId: row.id, clientId });
    // The audit trail shows it to compliance.
    const audit = await compliance.api.call('GET', '/api/audit?type=telephony.recording_played');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain(callId);
  });

  it('refuses bad input with the code and field', async () => {
    const { callId } = await storedRecording();
    const bad = await link(managerA, callId, 'stream');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', field: 'purpose' });
    const badId = await managerA.api.call('POST', '/api/calls/not-a-uuid/recording-link', {
      purpose: 'listen',
    });
    expect(badId.status).toBe(400);
    expect(badId.body.field).toBe('id');
    const extra = await managerA.api.call('POST', `/api/calls/${callId}/recording-link`, {
      purpose: 'listen',
      x: 1,
    });
    expect(extra.status).toBe(400);
  });

  it('lets team leads and compliance listen and download, managers only listen, support agents nothing', async () => {
    const { callId } = await storedRecording();
    expect((await link(agent, callId)).status).toBe(403);
    const managerDownload = await link(managerA, callId, 'download');
    expect(managerDownload.status).toBe(403);
    expect(managerDownload.body.field).toBe('purpose');
    expect((await link(leadX, callId)).status).toBe(200);
    const dl = await link(compliance, callId, 'download');
    expect(dl.status).toBe(200);
    const file = await compliance.api.call('GET', dl.body.url);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="call-/);
    const downloaded = await db()
      .select()
      .from(eventLog)
      .where(and(eq(eventLog.type, 'telephony.recording_downloaded'), eq(eventLog.subjectId, callId)));
    expect(downloaded.map((e) => e.actorId)).toEqual([compliance.id]);
  });

  it('answers 404 outside the client’s scope, for the link and for the audio', async () => {
    const { callId } = await storedRecording();
    expect((await link(managerB, callId)).status).toBe(404);
    expect((await link(leadY, callId)).status).toBe(404);
    expect((await link(managerB, randomUUID())).status).toBe(404);
    const mine = await link(managerA, callId);
    // A's link is A's: B opening it gets nothing.
    expect((await managerB.api.call('GET', mine.body.url)).status).toBe(404);
    // Reassigned away from A: A's still-valid link opens nothing either.
    await db().update(clients).set({ managerId: managerB.id, teamId: null }).where(eq(clients.id, clientId));
    try {
      expect((await managerA.api.call('GET', mine.body.url)).status).toBe(404);
      expect((await link(managerA, callId)).status).toBe(404);
    } finally {
      await db()
        .update(clients)
        .set({ managerId: managerA.id, teamId: teamXId })
        .where(eq(clients.id, clientId));
    }
  });

  it('refuses a tampered or expired link', async () => {
    const { callId } = await storedRecording();
    const { url } = (await link(managerA, callId)).body;
    const token: string = url.split('/').pop();
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    expect((await managerA.api.call('GET', `/api/recordings/${flip(token, 5)}`)).status).toBe(404);
    expect((await managerA.api.call('GET', `/api/recordings/${flip(token, token.length - 3)}`)).status).toBe(
      404,
    );
    expect((await managerA.api.call('GET', `/api/recordings/${token}x`)).status).toBe(404);
    expect((await managerA.api.call('GET', url)).status).toBe(200);
    server.clock.advance(121_000);
    const expired = await managerA.api.call('GET', url);
    expect(expired.status).toBe(403);
    expect(expired.body.code).toBe('link_expired');
  });

  it('never fetches from an address inside, even from a provider host', async () => {
    // inside.provider.test is a provider host resolving to loopback, on a port that is not trusted.
    const { row } = await storedRecording(`http://inside.provider.test:${provider.port + 1}/rec/x.wav`);
    expect(row).toMatchObject({ status: 'failed', error: 'forbidden_address', storageKey: null });
  });

  it('takes the recording from the core’s webhook (recording_ready) and shows it on the call record', async () => {
    const pcid = `pc-${uniq()}`;
    const t0 = server.clock.now();
    const url = `http://rec.provider.test:${provider.port}/rec/${pcid}.wav`;
    const sent = await postEvents(server, [
      callEvent(pcid, 'r', 'ringing', t0, 0, {
        provider: 'sim',
        direction: 'inbound',
        from: '+447911123456',
        to: '+442000000000',
      }),
      callEvent(pcid, 'a', 'answered', t0, 3, { provider: 'sim' }),
      callEvent(pcid, 'e', 'ended', t0, 20, { provider: 'sim', cause: 'completed', durationSec: 17 }),
      callEvent(pcid, 'rec', 'recording_ready', t0, 21, {
        provider: 'sim',
        recordingUrl: url,
        durationSec: 17,
      }),
    ]);
    expect(sent.status).toBeLessThan(300);
    const [call] = await db().select().from(calls).where(eq(calls.providerCallId, pcid));
    expect(call).toMatchObject({ clientId });
    let view: any;
    for (let i = 0; i < 100; i++) {
      await server.ctx.recordings.recordings.fetchPending();
      view = (await managerA.api.call('GET', `/api/calls/${call!.id}`)).body;
      if (view.recording?.status === 'ready') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(view.recording).toEqual({ status: 'ready', durationSec: 17 });
    const res = await link(managerA, call!.id);
    expect(res.status).toBe(200);
    expect((await managerA.api.call('GET', res.body.url)).status).toBe(200);
    // Another team's manager: 404 for the record and for the audio.
    expect((await managerB.api.call('GET', `/api/calls/${call!.id}`)).status).toBe(404);
    expect((await link(managerB, call!.id)).status).toBe(404);
  });

  it('retention deletes the audio and keeps the record', async () => {
    const { callId, row } = await storedRecording();
    const file = join(dataDir, 'recordings', row.storageKey!);
    expect(existsSync(file)).toBe(true);
    expect(await server.ctx.recordings.retention.run()).toBeGreaterThanOrEqual(0);
    expect(existsSync(file)).toBe(true); // not old enough yet
    server.clock.advance(31 * 86_400_000);
    expect(await server.ctx.recordings.retention.run()).toBeGreaterThanOrEqual(1);
    expect(existsSync(file)).toBe(false);
    const [kept] = await db().select().from(callRecordings).where(eq(callRecordings.callId, callId));
    expect(kept).toMatchObject({ status: 'deleted', storageKey: null, size: audio.length, durationSec: 2 });
    expect(kept!.deletedAt).not.toBeNull();
    const deleted = await db()
      .select()
      .from(eventLog)
      .where(and(eq(eventLog.type, 'telephony.recording_deleted'), eq(eventLog.subjectId, callId)));
    expect(deleted).toHaveLength(1);
    await managerA.login();
    const gone = await link(managerA, callId);
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('recording_deleted');
  });
});
