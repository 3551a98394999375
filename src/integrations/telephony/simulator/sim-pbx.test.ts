import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.js';
import { newWebhookSecret, verifyWebhook } from '../../../core/webhook-signature.js';
import { ManualTimers } from '../../payments/simulator/timers.js';
import { behaviourFromNumber } from './options.js';
import type { CallEvent } from '../../../modules/telephony/index.js';
import { SIM_PBX_EXACT, SimulatedPbx, type SimPbxOptions } from './sim-pbx.js';
import { WAV_HEADER_BYTES, WAV_SAMPLE_RATE } from './wav.js';

const TIMINGS = {
  staffAnswerMs: 1_000,
  clientAnswerMs: 2_000,
  busyMs: 500,
  ringTimeoutMs: 10_000,
  hangUpAfterMs: 4_000,
  maxTalkMs: 60_000,
  recordingDelayMs: 300,
};

function pbx(extra: Partial<SimPbxOptions> = {}) {
  const timers = new ManualTimers();
  const clock = new ManualClock();
  const secret = newWebhookSecret();
  const posts: { headers: Record<string, string>; body: string; url: string }[] = [];
  let status = 204;
  const sim = new SimulatedPbx({
    ...SIM_PBX_EXACT,
    ...TIMINGS,
    baseUrl: 'http://crm.test',
    secret: () => secret,
    clock,
    timers,
    seed: 7,
    transport: async (url, headers, body) => {
      posts.push({ url, headers, body });
      return status;
    },
    ...extra,
  });
  const events = () => posts.map((p) => (JSON.parse(p.body) as { events: CallEvent[] }).events[0]!);
  const kinds = () => events().map((e) => `${e.kind}${e.cause ? `:${e.cause}` : ''}`);
  const advance = async (ms: number) => {
    clock.advance(ms);
    await timers.advance(ms);
  };
  return { sim, timers, clock, secret, posts, events, kinds, advance, failWith: (s: number) => (status = s) };
}

describe('simulated PBX', () => {
  it('picks the client behaviour from the last digit', () => {
    expect(behaviourFromNumber('+14155550100')).toBe('answer');
    expect(behaviourFromNumber('+14155550107')).toBe('busy');
    expect(behaviourFromNumber('+14155550108')).toBe('no_answer');
    expect(behaviourFromNumber('+14155550109')).toBe('hang_up');
  });

  it('rings the extension first, then the client, who answers; the staff hang-up ends it with a recording', async () => {
    const t = pbx();
    const { providerCallId } = await t.sim.originate({ callId: 'c-1', extension: '101', to: '+14155550100' });
    await t.advance(999);
    expect(t.posts).toHaveLength(0); // the staff member's own phone is still ringing
    expect(t.sim.call(providerCallId)?.state).toBe('staff_ringing');
    await t.advance(1);
    expect(t.kinds()).toEqual(['ringing']);
    await t.advance(2_000);
    expect(t.kinds()).toEqual(['ringing', 'answered']);
    await t.advance(12_000);
    await t.sim.hangup(providerCallId);
    await t.advance(300);
    expect(t.kinds()).toEqual(['ringing', 'answered', 'ended:completed', 'recording_ready']);
    const [ringing, , ended, ready] = t.events();
    expect(ringing).toMatchObject({
      provider: 'sim',
      providerCallId,
      callId: 'c-1',
      direction: 'outbound',
      from: '101',
      to: '+14155550100',
      extension: '101',
    });
    expect(ended!.durationSec).toBe(12);
    expect(ready!.durationSec).toBe(12);
    // Each webhook is signed (Standard Webhooks) with the event's id as webhook-id.
    for (const post of t.posts) {
      expect(post.url).toBe('http://crm.test/api/telephony/webhook');
      expect(verifyWebhook([t.secret], post.headers, Buffer.from(post.body), t.clock.now())).toBeNull();
    }
    expect(new Set(t.events().map((e) => e.eventId)).size).toBe(4);
    // The recording is a WAV of the call's length, served only with the link's signature.
    const url = new URL(ready!.recordingUrl!);
    expect(url.pathname).toBe(`/sim/pbx/recordings/${providerCallId}.wav`);
    expect(t.sim.checkRecordingSig(providerCallId, url.searchParams.get('sig')!)).toBe(true);
    expect(t.sim.checkRecordingSig(providerCallId, 'forged')).toBe(false);
    const wav = t.sim.recordingWav(providerCallId)!;
    expect(wav.length).toBe(WAV_HEADER_BYTES + 12 * WAV_SAMPLE_RATE * 2);
  });

  it('reports busy and no answer, without a recording', async () => {
    const t = pbx();
    const busy = await t.sim.originate({ callId: 'c-b', extension: '101', to: '+14155550107' });
    await t.advance(1_500);
    const noAnswer = await t.sim.originate({ callId: 'c-n', extension: '102', to: '+14155550108' });
    await t.advance(11_000);
    const byCall = (id: string) =>
      t
        .events()
        .filter((e) => e.providerCallId === id)
        .map((e) => `${e.kind}${e.cause ? `:${e.cause}` : ''}`);
    expect(byCall(busy.providerCallId)).toEqual(['ringing', 'ended:busy']);
    expect(byCall(noAnswer.providerCallId)).toEqual(['ringing', 'ended:no_answer']);
    expect(t.sim.recordingWav(busy.providerCallId)).toBeUndefined();
  });

  it('a hang_up client answers and hangs up by themselves', async () => {
    const t = pbx();
    const { providerCallId } = await t.sim.originate({ callId: 'c-h', extension: '101', to: '+14155550109' });
    await t.advance(1_000 + 2_000 + 4_000 + 300);
    expect(t.kinds()).toEqual(['ringing', 'answered', 'ended:completed', 'recording_ready']);
    expect(t.sim.call(providerCallId)?.durationSec).toBe(4);
  });

  it('a configured behaviour wins over the last digit; hanging up before the answer cancels', async () => {
    const t = pbx({ behaviours: { '+14155550100': 'busy' } });
    await t.sim.originate({ callId: 'c-1', extension: '101', to: '+14155550100' });
    await t.advance(1_500);
    expect(t.kinds()).toEqual(['ringing', 'ended:busy']);
    t.sim.setBehaviour('+14155550100', null);
    const second = await t.sim.originate({ callId: 'c-2', extension: '101', to: '+14155550100' });
    await t.advance(1_200);
    await t.sim.hangup(second.providerCallId);
    await t.advance(60_000);
    expect(t.kinds().slice(2)).toEqual(['ringing', 'ended:canceled']);
  });

  it('inbound: rings the extension until picked up; unanswered ends no_answer', async () => {
    const t = pbx();
    const call = t.sim.inbound({ from: '+442071234567', extension: '101' });
    expect(t.sim.pickUp('102')).toBeNull();
    await t.advance(3_000);
    expect(t.sim.pickUp('101')?.state).toBe('answered');
    await t.advance(5_000);
    expect(t.sim.remoteHangup(call.providerCallId)).toBe(true);
    await t.advance(300);
    expect(t.kinds()).toEqual(['ringing', 'answered', 'ended:completed', 'recording_ready']);
    expect(t.events()[0]).toMatchObject({ direction: 'inbound', from: '+442071234567', to: '101' });

    const declined = t.sim.inbound({ from: '+442071234569', extension: '101' });
    await t.sim.hangup(declined.providerCallId);
    expect(t.sim.call(declined.providerCallId)).toMatchObject({ state: 'ended', cause: 'rejected' });

    const missed = t.sim.inbound({ from: '+442071234568', extension: '101' });
    await t.advance(10_000);
    expect(t.sim.call(missed.providerCallId)).toMatchObject({ state: 'ended', cause: 'no_answer' });
  });

  it('retries a webhook the app did not acknowledge, with the same id', async () => {
    const t = pbx({ retry: { firstMs: 1_000, jitter: 0 } });
    t.failWith(503);
    await t.sim.originate({ callId: 'c-r', extension: '101', to: '+14155550100' });
    await t.advance(1_000);
    await t.advance(1_000);
    expect(t.posts).toHaveLength(2);
    t.failWith(200);
    await t.advance(2_000);
    const ids = t.posts.map((p) => p.headers['webhook-id']);
    expect(ids[0]).toBe(ids[1]);
    expect(t.sim.deliveryStats.acknowledged).toBeGreaterThanOrEqual(1);
    expect(t.sim.pendingWebhooks).toBeGreaterThanOrEqual(0);
  });
});
