import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../../../core/clock.js';
import { mulberry32, type Rng } from '../../trading/simulator/random.js';
import { consoleLog } from '../../trading/simulator/outbox.js';
import { CallbackDelivery, fetchTransport, type DeliveryStats } from '../../payments/simulator/delivery.js';
import { realTimers, type TimerHandle, type Timers } from '../../payments/simulator/timers.js';
import {
  behaviourFromNumber,
  SIM_PBX_DEFAULTS,
  type ClientBehaviour,
  type SimPbxOptions,
  type SimPbxTimings,
} from './options.js';
import type { CallEvent, PhoneSystem } from '../../../modules/telephony/index.js';
import type { CallEndCause, CallEventKind } from '../../../shared/telephony.js';
import { speechWav } from './wav.js';

export { SIM_PBX_DEFAULTS, SIM_PBX_EXACT, type SimPbxOptions } from './options.js';

export type SimCallState = 'staff_ringing' | 'ringing' | 'answered' | 'ended';

/** One call as the PBX sees it (the simulator control routes list them). */
export interface SimCall {
  providerCallId: string;
  /** The CRM's id, when the CRM placed the call (outbound). */
  callId: string | null;
  direction: 'outbound' | 'inbound';
  extension: string;
  /** The client's number (E.164): called, or calling. */
  number: string;
  behaviour: ClientBehaviour | null;
  state: SimCallState;
  cause: CallEndCause | null;
  /** Seconds of talk, once ended (0 if nobody answered). */
  durationSec: number;
}

interface LiveCall extends SimCall {
  seq: number;
  answeredAtMs: number | null;
  timer: TimerHandle | null;
}

/** A recording kept for serving: regenerated from its seed on each request, so memory stays small. */
interface Recording {
  durationSec: number;
  seed: number;
}

const MAX_KEPT = 5_000;

/**
 * The built-in simulated PBX (a `PhoneSystem`): every staff member has an extension; click-to-call rings
 * the extension first (the staff member "picks up" after `staffAnswerMs`), then the client, who answers,
 * is busy, does not pick up or hangs up (`behaviourFromNumber`, or fixed per number); inbound calls from
 * any number ring an extension on demand. Every step goes to the CRM as a signed Standard Webhooks post
 * of `{ events: [CallEvent] }` to `/api/telephony/webhook`, retried until acknowledged (and, at the
 * default rates, now and then duplicated or reordered, as real providers do). An answered call leaves
 * a recording: a WAV of the call's length with speech-like audio, served under `/sim/pbx/recordings/`.
 *
 * State is in memory: a restart forgets live calls (the CRM then sees them never end) and recordings.
 */
export class SimulatedPbx implements PhoneSystem {
  readonly name = 'sim';
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly rng: Rng;
  private readonly delivery: CallbackDelivery;
  private readonly t: SimPbxTimings;
  private readonly behaviours: Map<string, ClientBehaviour>;
  private readonly calls = new Map<string, LiveCall>();
  private readonly recordings = new Map<string, Recording>();
  private readonly signKey = randomBytes(32);
  private readonly webhookUrl: string;

  constructor(private readonly opts: SimPbxOptions) {
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? realTimers();
    this.rng = mulberry32(opts.seed ?? randomBytes(4).readUInt32LE());
    const d = SIM_PBX_DEFAULTS;
    this.t = {
      staffAnswerMs: opts.staffAnswerMs ?? d.staffAnswerMs,
      clientAnswerMs: opts.clientAnswerMs ?? d.clientAnswerMs,
      busyMs: opts.busyMs ?? d.busyMs,
      ringTimeoutMs: opts.ringTimeoutMs ?? d.ringTimeoutMs,
      hangUpAfterMs: opts.hangUpAfterMs ?? d.hangUpAfterMs,
      maxTalkMs: opts.maxTalkMs ?? d.maxTalkMs,
      recordingDelayMs: opts.recordingDelayMs ?? d.recordingDelayMs,
      inboundAutoAnswerMs:
        opts.inboundAutoAnswerMs === undefined ? d.inboundAutoAnswerMs : opts.inboundAutoAnswerMs,
    };
    this.behaviours = new Map(Object.entries(opts.behaviours ?? {}));
    this.webhookUrl = opts.webhookUrl ?? `${this.base()}/api/telephony/webhook`;
    this.delivery = new CallbackDelivery({
      duplicateRate: opts.duplicateRate ?? d.duplicateRate,
      maxCopies: opts.maxCopies ?? d.maxCopies,
      duplicateSpreadMs: opts.duplicateSpreadMs ?? d.duplicateSpreadMs,
      outOfOrderRate: opts.outOfOrderRate ?? d.outOfOrderRate,
      holdMaxMs: opts.holdMaxMs ?? d.holdMaxMs,
      retry: { ...d.retry, ...opts.retry },
      secret: opts.secret,
      clock: this.clock,
      timers: this.timers,
      rng: this.rng,
      transport: opts.transport ?? fetchTransport,
      log: opts.log ?? consoleLog,
    });
  }

  get timings(): Readonly<SimPbxTimings> {
    return this.t;
  }

  /** Webhooks not acknowledged yet (including held-back ones). */
  get pendingWebhooks(): number {
    return this.delivery.pending;
  }

  get deliveryStats(): Readonly<DeliveryStats> {
    return this.delivery.stats;
  }

  /** What a client at this number does when rung. */
  behaviourOf(number: string): ClientBehaviour {
    return this.behaviours.get(number) ?? behaviourFromNumber(number);
  }

  /** Numbers whose behaviour was set by hand. */
  configuredBehaviours(): { number: string; behaviour: ClientBehaviour }[] {
    return [...this.behaviours].map(([number, behaviour]) => ({ number, behaviour }));
  }

  setBehaviour(number: string, behaviour: ClientBehaviour | null): void {
    if (behaviour) this.behaviours.set(number, behaviour);
    else this.behaviours.delete(number);
  }

  call(providerCallId: string): SimCall | undefined {
    const c = this.calls.get(providerCallId);
    return c && view(c);
  }

  /** Calls not ended yet, optionally on one extension. */
  liveCalls(extension?: string): SimCall[] {
    return [...this.calls.values()]
      .filter((c) => c.state !== 'ended' && (!extension || c.extension === extension))
      .map(view);
  }

  /** Click-to-call: the extension rings, its owner picks up, then the client's phone rings. */
  async originate(input: {
    callId: string;
    extension: string;
    to: string;
  }): Promise<{ providerCallId: string }> {
    const c = this.open('outbound', input.extension, input.to, input.callId);
    c.behaviour = this.behaviourOf(input.to);
    this.after(c, this.t.staffAnswerMs, () => this.ringClient(c));
    return { providerCallId: c.providerCallId };
  }

  /**
   * "Hang up" from the CRM: ends the call wherever it stands — `completed` once answered, `rejected` for
   * an inbound call declined while ringing, `canceled` for an outbound one given up before the answer.
   */
  async hangup(providerCallId: string): Promise<void> {
    const c = this.calls.get(providerCallId);
    if (!c || c.state === 'ended') return;
    this.end(c, c.state === 'answered' ? 'completed' : c.direction === 'inbound' ? 'rejected' : 'canceled');
  }

  /** A call from `from` to a staff member's extension; rings until answered or `ringTimeoutMs`. */
  inbound(input: { from: string; extension: string }): SimCall {
    const c = this.open('inbound', input.extension, input.from, null);
    this.emit(c, 'ringing');
    c.state = 'ringing';
    if (this.t.inboundAutoAnswerMs !== null && this.t.inboundAutoAnswerMs < this.t.ringTimeoutMs)
      this.after(c, this.t.inboundAutoAnswerMs, () => this.answer(c));
    else this.after(c, this.t.ringTimeoutMs, () => this.end(c, 'no_answer'));
    return view(c);
  }

  /** The staff member picks up the inbound call ringing on their extension (the simulated desk phone). */
  pickUp(extension: string): SimCall | null {
    const c = [...this.calls.values()].find(
      (x) => x.direction === 'inbound' && x.extension === extension && x.state === 'ringing',
    );
    if (!c) return null;
    this.answer(c);
    return view(c);
  }

  /** The caller gives up or the client hangs up (simulator control). */
  remoteHangup(providerCallId: string): boolean {
    const c = this.calls.get(providerCallId);
    if (!c || c.state === 'ended') return false;
    this.end(c, c.state === 'answered' ? 'completed' : 'canceled');
    return true;
  }

  /** The recording's audio, or undefined when there is none (no answer, forgotten, unknown id). */
  recordingWav(providerCallId: string): Buffer | undefined {
    const r = this.recordings.get(providerCallId);
    return r && speechWav(r.durationSec, r.seed);
  }

  /** The URL the `recording_ready` event carries; its `sig` proves the PBX issued it. */
  recordingUrl(providerCallId: string): string {
    return `${this.base()}/sim/pbx/recordings/${providerCallId}.wav?sig=${this.sign(providerCallId)}`;
  }

  checkRecordingSig(providerCallId: string, sig: string): boolean {
    const expected = Buffer.from(this.sign(providerCallId));
    const offered = Buffer.from(sig);
    return offered.length === expected.length && timingSafeEqual(offered, expected);
  }

  /** Resolves when no webhook is on the wire. */
  idle(): Promise<void> {
    return this.delivery.idle();
  }

  async stop(): Promise<void> {
    for (const c of this.calls.values()) if (c.timer) this.timers.cancel(c.timer);
    await this.delivery.stop();
  }

  private base(): string {
    const { baseUrl } = this.opts;
    return (typeof baseUrl === 'function' ? baseUrl() : baseUrl).replace(/\/$/, '');
  }

  private sign(providerCallId: string): string {
    return createHmac('sha256', this.signKey).update(providerCallId).digest('base64url');
  }

  private open(direction: SimCall['direction'], extension: string, number: string, callId: string | null) {
    const c: LiveCall = {
      providerCallId: `sim_${randomBytes(12).toString('hex')}`,
      callId,
      direction,
      extension,
      number,
      behaviour: null,
      state: 'staff_ringing',
      cause: null,
      durationSec: 0,
      seq: 0,
      answeredAtMs: null,
      timer: null,
    };
    this.calls.set(c.providerCallId, c);
    this.forgetOld();
    return c;
  }

  private ringClient(c: LiveCall): void {
    c.state = 'ringing';
    this.emit(c, 'ringing');
    switch (c.behaviour) {
      case 'busy':
        return this.after(c, this.t.busyMs, () => this.end(c, 'busy'));
      case 'no_answer':
        return this.after(c, this.t.ringTimeoutMs, () => this.end(c, 'no_answer'));
      default:
        return this.after(c, this.t.clientAnswerMs, () => this.answer(c));
    }
  }

  private answer(c: LiveCall): void {
    c.state = 'answered';
    c.answeredAtMs = this.timers.now();
    this.emit(c, 'answered');
    const talk =
      c.behaviour === 'hang_up' ? Math.min(this.t.hangUpAfterMs, this.t.maxTalkMs) : this.t.maxTalkMs;
    this.after(c, talk, () => this.end(c, 'completed'));
  }

  private end(c: LiveCall, cause: CallEndCause): void {
    if (c.timer) this.timers.cancel(c.timer);
    c.timer = null;
    const talkMs = c.answeredAtMs === null ? 0 : this.timers.now() - c.answeredAtMs;
    c.durationSec = c.answeredAtMs === null ? 0 : Math.max(1, Math.round(talkMs / 1000));
    c.state = 'ended';
    c.cause = cause;
    this.emit(c, 'ended', { cause, durationSec: c.durationSec });
    if (c.answeredAtMs === null) return;
    // The recording is "processed" a moment after the call, then offered to the CRM.
    this.recordings.set(c.providerCallId, {
      durationSec: c.durationSec,
      seed: Math.floor(this.rng() * 2 ** 31),
    });
    this.timers.schedule(
      () =>
        this.emit(c, 'recording_ready', {
          recordingUrl: this.recordingUrl(c.providerCallId),
          durationSec: c.durationSec,
        }),
      this.t.recordingDelayMs,
    );
  }

  private after(c: LiveCall, ms: number, fn: () => void): void {
    if (c.timer) this.timers.cancel(c.timer);
    c.timer = this.timers.schedule(() => {
      c.timer = null;
      if (c.state !== 'ended') fn();
    }, ms);
  }

  private emit(c: LiveCall, kind: CallEventKind, extra: Partial<CallEvent> = {}): void {
    c.seq += 1;
    const event: CallEvent = {
      provider: this.name,
      eventId: `${c.providerCallId}.${c.seq}`,
      providerCallId: c.providerCallId,
      ...(c.callId ? { callId: c.callId } : {}),
      kind,
      at: this.clock.now().toISOString(),
      direction: c.direction,
      // Outbound: from the extension to the client; inbound: from the client to the extension.
      from: c.direction === 'outbound' ? c.extension : c.number,
      to: c.direction === 'outbound' ? c.number : c.extension,
      extension: c.extension,
      ...extra,
    };
    this.delivery.send({
      id: event.eventId,
      ref: c.providerCallId,
      type: kind,
      url: this.webhookUrl,
      body: JSON.stringify({ events: [event] }),
    });
  }

  /** Ended calls and recordings beyond the newest MAX_KEPT are forgotten (insertion order). */
  private forgetOld(): void {
    for (const [id, c] of this.calls) {
      if (this.calls.size <= MAX_KEPT) break;
      if (c.state === 'ended') this.calls.delete(id);
    }
    for (const id of this.recordings.keys()) {
      if (this.recordings.size <= MAX_KEPT) break;
      this.recordings.delete(id);
    }
  }
}

function view(c: LiveCall): SimCall {
  const { providerCallId, callId, direction, extension, number, behaviour, state, cause, durationSec } = c;
  return { providerCallId, callId, direction, extension, number, behaviour, state, cause, durationSec };
}
