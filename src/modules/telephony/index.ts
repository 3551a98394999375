/**
 * Telephony (issue 13): click-to-call through a phone system behind the `PhoneSystem` port, call
 * records converged from the provider's events (duplicates and any order give one record), the
 * generic signed webhook and the Twilio adapter, E.164 numbers matched to clients, the inbound screen
 * pop, missed calls as call-back tasks, calls on the client card and timeline. Recordings and callback
 * requests: recordings/ (T2). Its tables are those in schema.ts; see docs/telephony.md.
 */
import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { Db } from '../../db/connection.js';
import type { Guard } from '../identity/index.js';
import { CallService } from './call-service.js';
import { Extensions } from './extensions.js';
import { CallIngest, type IngestOptions } from './ingest.js';
import type { CallRecordings, PhoneSystem } from './ports.js';
import { CallReads } from './reads.js';
import { callRoutes } from './routes/calls.js';
import { webhookRoutes } from './routes/webhooks.js';

export type { CallEvent, CallRecordings, PhoneSystem, RecordingReady } from './ports.js';
export type { CallRow } from './schema.js';
export type { IngestResult } from './ingest.js';
export type { DispositionHook } from './call-service.js';
export { foldCall, type CallFacts } from './reduce.js';
export { matchKeys, toE164 } from './phone-number.js';
export { twilioMediaHeaders, twilioSignature, TWILIO } from './twilio.js';
export { telephonyWebhookSecrets } from './secrets.js';

/** Every telephony service, built once by the composition root. */
export interface TelephonyServices {
  /** Provider events in (the webhooks, the in-process simulator): `ingest.ingest(events)`. */
  ingest: CallIngest;
  calls: CallService;
  reads: CallReads;
  extensions: Extensions;
  /** The phone system in use; the root may swap it (tests, the simulator) before the first call. */
  setPhoneSystem(phone: PhoneSystem): void;
  /** Recordings (T2) plug in here: told when a recording is ready, asked for its status. */
  setRecordings(recordings: CallRecordings): void;
}

export interface TelephonyOptions {
  phone: PhoneSystem;
  /** ISO 3166 country for numbers given without a country code (TELEPHONY_DEFAULT_REGION). */
  defaultRegion: string | null;
  recordings?: CallRecordings;
  onIngested?: (n: number) => void;
  /** Identity's viewerOf, for the screen pop's record scope. */
  viewerOf: IngestOptions['viewerOf'];
}

export function buildTelephony(db: Db, clock: Clock, opts: TelephonyOptions): TelephonyServices {
  let phone = opts.phone;
  let recordings = opts.recordings;
  const extensions = new Extensions(db);
  const ingest = new CallIngest(db, clock, extensions, {
    defaultRegion: opts.defaultRegion,
    get recordings() {
      return recordings;
    },
    onIngested: opts.onIngested,
    viewerOf: opts.viewerOf,
  });
  const reads = new CallReads(db, clock, () => recordings);
  const calls = new CallService(db, clock, () => phone, extensions, reads, opts.defaultRegion, ingest);
  return {
    ingest,
    calls,
    reads,
    extensions,
    setPhoneSystem: (p) => {
      phone = p;
    },
    setRecordings: (r) => {
      recordings = r;
    },
  };
}

export interface TelephonyDeps {
  telephony: TelephonyServices;
  clock: Clock;
  /** Standard Webhooks secrets the generic webhook accepts (telephonyWebhookSecrets). */
  webhookSecrets: string[];
  /** Twilio's auth token(s) (none: its callbacks are refused) and the public base URL it calls. */
  twilio: { authTokens: string[]; baseUrl: string };
  guard: Guard;
}

/** The staff call routes and the phone systems' webhooks. Register after clients and support. */
export function registerTelephony(app: App, deps: TelephonyDeps): void {
  callRoutes(app, deps);
  webhookRoutes(app, deps);
}
