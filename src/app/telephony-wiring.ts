import type { App } from '../core/http.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Guard, StaffService } from '../modules/identity/index.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../db/connection.js';
import type { Metrics } from './http/metrics.js';
import {
  buildTelephony,
  registerTelephony,
  telephonyWebhookSecrets,
  type PhoneSystem,
  type TelephonyDeps,
  type TelephonyServices,
} from '../modules/telephony/index.js';

export type { PhoneSystem } from '../modules/telephony/index.js';
// The recordings and the simulated PBX are wired beside the calls (one import for the root).
export { recordingsWiring, type RecordingsServerOptions } from './telephony-recordings-wiring.js';
export { simulatedPbxUnless, type SimPbxOverrides } from './telephony-sim-wiring.js';

/**
 * Until the simulated PBX (src/integrations/telephony/simulator) is mounted here, the server given no
 * phone system refuses to dial, so click-to-call answers 502 instead of pretending.
 */
const noPhoneSystem: PhoneSystem = {
  name: 'none',
  originate: () => Promise.reject(new Error('no phone system is configured')),
  hangup: () => Promise.resolve(),
};

/** Telephony's services on the phone system the server was given (tests: a fake). */
export function buildTelephonyWiring(w: {
  db: Db;
  clock: Clock;
  config: Config;
  metrics: Metrics;
  staff: Pick<StaffService, 'viewerOf'>;
  phone?: PhoneSystem | undefined;
}): TelephonyServices {
  return buildTelephony(w.db, w.clock, {
    phone: w.phone ?? noPhoneSystem,
    defaultRegion: w.config.TELEPHONY_DEFAULT_REGION ?? null,
    onIngested: (n) => w.metrics.callEvents.inc(n),
    viewerOf: (staffId, db) => w.staff.viewerOf(staffId, db),
  });
}

/**
 * Telephony's deps (issue 13: calls, their events, the call records), registered after clients and
 * support: the webhooks' secrets — Standard Webhooks for the generic one, Twilio's tokens and base URL.
 */
export function telephonyDeps(
  ctx: Pick<AppContext, 'telephony' | 'clock' | 'config'>,
  secretKey: Buffer,
  guard: Guard,
): TelephonyDeps {
  const { config } = ctx;
  return {
    telephony: ctx.telephony,
    clock: ctx.clock,
    guard,
    webhookSecrets: telephonyWebhookSecrets(config, secretKey),
    twilio: {
      authTokens: config.TWILIO_AUTH_TOKEN ? config.TWILIO_AUTH_TOKEN.split(' ') : [],
      baseUrl: config.baseUrl,
    },
  };
}

/** What the composition root calls: build the services, then register the routes. */
export const telephonyWiring = {
  build: buildTelephonyWiring,
  register: (app: App, ctx: Parameters<typeof telephonyDeps>[0], secretKey: Buffer, guard: Guard) =>
    registerTelephony(app, telephonyDeps(ctx, secretKey, guard)),
};
