import type { Clock } from '../../../core/clock.js';
import type { SimLog } from '../../trading/simulator/outbox.js';
import type { DeliveryBehaviour, RetryPolicy, Transport } from '../../payments/simulator/delivery.js';
import type { Timers } from '../../payments/simulator/timers.js';

/**
 * What the simulated client does when the PBX rings them:
 * - `answer`: picks up and stays on the line until the staff member hangs up (or `maxTalkMs`);
 * - `busy`: the line is busy (ends with cause `busy`);
 * - `no_answer`: rings until `ringTimeoutMs`, nobody picks up (cause `no_answer`);
 * - `hang_up`: picks up, then hangs up after `hangUpAfterMs` ("not now, thanks").
 */
export const CLIENT_BEHAVIOURS = ['answer', 'busy', 'no_answer', 'hang_up'] as const;
export type ClientBehaviour = (typeof CLIENT_BEHAVIOURS)[number];

/**
 * The default choice, from the number's last digit, so a test or a demo picks the outcome by the number
 * it calls: …7 busy, …8 no answer, …9 answers then hangs up, any other digit answers.
 */
export function behaviourFromNumber(number: string): ClientBehaviour {
  const last = number.replace(/\D/g, '').slice(-1);
  if (last === '7') return 'busy';
  if (last === '8') return 'no_answer';
  if (last === '9') return 'hang_up';
  return 'answer';
}

export interface SimPbxTimings {
  /** Outbound: the staff member's extension rings this long, then picks up (the demo's "auto answer"). */
  staffAnswerMs: number;
  /** The client's phone rings this long before an `answer` or `hang_up` client picks up. */
  clientAnswerMs: number;
  /** A `busy` line is reported after this long. */
  busyMs: number;
  /** Nobody picked up by then: the call ends `no_answer` (outbound to the client, inbound to the staff). */
  ringTimeoutMs: number;
  /** A `hang_up` client stays on the line this long after answering. */
  hangUpAfterMs: number;
  /** Any call ends by itself after this much talk (bounds the recording: 16 kB per second). */
  maxTalkMs: number;
  /** `recording_ready` follows the end of an answered call after this long. */
  recordingDelayMs: number;
  /** Inbound: the staff member picks up by themselves after this long; null = only when told to. */
  inboundAutoAnswerMs: number | null;
}

export interface SimPbxOptions extends Partial<SimPbxTimings>, Partial<DeliveryBehaviour> {
  /**
   * Where the app is reachable: recording links are built on it (`/sim/pbx/recordings/…`). A function
   * is asked each time (the app mounting the PBX answers with the address it listens on).
   */
  baseUrl: string | (() => string);
  /** Where events are posted; `/api/telephony/webhook` on `baseUrl` by default. */
  webhookUrl?: string;
  /** The `whsec_…` secret webhooks are signed with (Standard Webhooks). */
  secret: () => string;
  /** `at` of each event and `webhook-timestamp`; tests pass the app's ManualClock. */
  clock?: Clock;
  /** Every delay above runs on these; tests pass ManualTimers. */
  timers?: Timers;
  seed?: number;
  /** How a signed webhook is posted (fetch by default; the app mounts the PBX with an in-process one). */
  transport?: Transport;
  log?: SimLog;
  retry?: Partial<RetryPolicy>;
  /** Numbers (E.164) with a fixed behaviour, whatever their last digit says. */
  behaviours?: Record<string, ClientBehaviour>;
}

/** What `npm start` gets: a line that feels like a phone call, and a provider that now and then repeats itself. */
export const SIM_PBX_DEFAULTS: SimPbxTimings & DeliveryBehaviour & { retry: RetryPolicy } = {
  staffAnswerMs: 1_500,
  clientAnswerMs: 3_000,
  busyMs: 2_000,
  ringTimeoutMs: 25_000,
  hangUpAfterMs: 6_000,
  maxTalkMs: 30 * 60_000,
  recordingDelayMs: 1_000,
  inboundAutoAnswerMs: null,
  duplicateRate: 0.03,
  maxCopies: 2,
  duplicateSpreadMs: 500,
  outOfOrderRate: 0.02,
  holdMaxMs: 1_000,
  retry: { firstMs: 500, maxMs: 60_000, maxAttempts: 20, jitter: 0.2, timeoutMs: 10_000 },
};

/** A PBX that never repeats or reorders a webhook and retries on an exact schedule: spread it into tests' options. */
export const SIM_PBX_EXACT = {
  duplicateRate: 0,
  outOfOrderRate: 0,
  retry: { jitter: 0 },
} satisfies Partial<SimPbxOptions>;
