import type { App } from '../core/http.js';
import type { Clock } from '../core/clock.js';
import type { Transport } from '../integrations/payments/simulator/delivery.js';
import { rateLimitedLog } from '../core/background.js';
import { registerSimulatedPbx } from '../integrations/telephony/simulator/routes.js';
import { SimulatedPbx, type SimPbxOptions } from '../integrations/telephony/simulator/sim-pbx.js';
import type { Guard } from '../modules/identity/index.js';
import {
  telephonyWebhookSecrets,
  type PhoneSystem,
  type TelephonyServices,
} from '../modules/telephony/index.js';
import type { AppContext } from './context.js';
import { recordingsWiring } from './telephony-recordings-wiring.js';

/** What tests may set on the built-in PBX (timings, timers, seed, behaviours per number, delivery). */
export type SimPbxOverrides = Omit<Partial<SimPbxOptions>, 'baseUrl' | 'secret' | 'clock'>;

/**
 * Posts a webhook into this same app (`app.inject`): the full HTTP route — signature check, parsing,
 * ingest — without a network hop, so it works whatever BASE_URL says (a proxy, a port not bound yet).
 */
function inProcessTransport(app: App): Transport {
  return async (url, headers, body) => {
    const { pathname, search } = new URL(url);
    const res = await app.inject({
      method: 'POST',
      url: pathname + search,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: body,
    });
    return res.statusCode;
  };
}

/**
 * Where this process itself is listening (the recordings' host: the simulated PBX is this process, and
 * BASE_URL may name a proxy or another port); null before `listen`.
 */
export function listeningUrl(app: App): string | null {
  const address = app.server.listening ? app.server.address() : null;
  if (!address || typeof address === 'string') return null;
  return `http://${loopbackFor(address.address, address.family)}:${address.port}`;
}

/** A wildcard or loopback bind is reached on loopback; a specific address as itself. */
function loopbackFor(address: string, family: string): string {
  if (family === 'IPv6') return address === '::' || address === '::1' ? '[::1]' : `[${address}]`;
  return address === '0.0.0.0' || address.startsWith('127.') ? '127.0.0.1' : address;
}

/**
 * The built-in simulated PBX as the phone system (`npm start`, tests, benchmarks; a real one is given
 * as `ServerOptions.phoneSystem`): calls go through it, its signed events come back through
 * `/api/telephony/webhook`, its recordings and control routes are served by this app.
 */
export function mountSimulatedPbx(
  app: App,
  w: {
    telephony: TelephonyServices;
    guard: Guard;
    clock: Clock;
    baseUrl: string;
    /** The Standard Webhooks secrets the webhook accepts; the PBX signs with the first. */
    webhookSecrets: string[];
    overrides?: SimPbxOverrides | undefined;
  },
): SimulatedPbx {
  const pbx = new SimulatedPbx({
    baseUrl: () => listeningUrl(app) ?? w.baseUrl,
    secret: () => w.webhookSecrets[0]!,
    clock: w.clock,
    transport: inProcessTransport(app),
    log: rateLimitedLog(app.log),
    ...w.overrides,
  });
  w.telephony.setPhoneSystem(pbx);
  registerSimulatedPbx(app, {
    pbx,
    guard: w.guard,
    permission: 'telephony.call',
    extensionOf: (staffId) => w.telephony.extensions.ensure(staffId),
  });
  app.addHook('onClose', () => pbx.stop());
  return pbx;
}

/**
 * The composition root's one line: the built-in simulated PBX mounted as the phone system, unless a
 * phone system was given or TELEPHONY_PROVIDER says a real one reports (then null, and none of its
 * routes exist: nobody can fake an inbound call or reach the loopback recordings exemption).
 */
export function simulatedPbxUnless(
  given: PhoneSystem | undefined,
  app: App,
  ctx: Pick<AppContext, 'telephony' | 'clock' | 'config' | 'recordings'>,
  opts: { secretKey: Buffer; guard: Guard; phoneSim?: SimPbxOverrides | undefined },
): SimulatedPbx | null {
  if (given || ctx.config.TELEPHONY_PROVIDER !== 'sim') return null;
  // Its recordings come from this process's own port on loopback (listeningUrl): the fetcher's one exemption.
  for (const host of ['127.0.0.1', '::1']) recordingsWiring.trustSimulator(ctx.recordings, app, host);
  return mountSimulatedPbx(app, {
    telephony: ctx.telephony,
    guard: opts.guard,
    clock: ctx.clock,
    baseUrl: ctx.config.baseUrl,
    webhookSecrets: telephonyWebhookSecrets(ctx.config, opts.secretKey),
    overrides: opts.phoneSim,
  });
}
