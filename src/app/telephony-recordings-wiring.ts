import type { Clock } from '../core/clock.js';
import type { Db } from '../db/connection.js';
import type { App } from '../core/http.js';
import type { ModuleJobs } from '../core/jobs.js';
import type { Guard } from '../modules/identity/index.js';
import type { CallbackRequests } from '../modules/support/index.js';
import {
  buildRecordings,
  callRecordingsPort,
  registerRecordings,
  type FetcherOptions,
  type RecordingServices,
} from '../modules/telephony/recordings/index.js';
import { twilioMediaHeaders, type TelephonyServices } from '../modules/telephony/index.js';
import type { Config } from './config.js';

/**
 * Tests only (ServerOptions.recordingFetch): the fetcher's resolver, a trusted endpoint and extra
 * provider hosts, so a loopback test server can stand in for a provider. No environment variable sets these.
 */
/** What ServerOptions carries for the recordings. */
export interface RecordingsServerOptions {
  /** Tests only: the fetcher's resolver, a trusted endpoint and extra provider hosts. */
  recordingFetch?: RecordingFetchOverride;
}

export type RecordingFetchOverride = Pick<FetcherOptions, 'resolve' | 'trusted'> & {
  extraHosts?: readonly string[];
};

/**
 * Builds the call recordings' services from the configuration. `fetch` is for the root's own use: the
 * in-process simulated PBX serves its recordings from this app's loopback address and is the only
 * `trusted` endpoint; tests inject a resolver. No environment variable can exempt an address.
 */
export function buildTelephonyRecordings(opts: {
  db: Db;
  clock: Clock;
  config: Config;
  secretKey: Buffer;
  fetch?: RecordingFetchOverride | undefined;
  log?: { error(obj: object, msg: string): void };
}): RecordingServices {
  const c = opts.config;
  return buildRecordings({
    db: opts.db,
    clock: opts.clock,
    secretKey: opts.secretKey,
    log: opts.log,
    config: {
      dataDir: c.DATA_DIR,
      storage:
        c.TELEPHONY_RECORDING_STORAGE === 's3'
          ? {
              kind: 's3',
              endpoint: c.TELEPHONY_S3_ENDPOINT!,
              bucket: c.TELEPHONY_S3_BUCKET!,
              region: c.TELEPHONY_S3_REGION,
              accessKeyId: c.TELEPHONY_S3_ACCESS_KEY_ID!,
              secretAccessKey: c.TELEPHONY_S3_SECRET_ACCESS_KEY!,
              pathStyle: c.TELEPHONY_S3_PATH_STYLE,
              prefix: c.TELEPHONY_S3_PREFIX,
            }
          : { kind: 'data' },
      fetch: {
        allowedHosts: [...c.TELEPHONY_RECORDING_HOSTS, ...(opts.fetch?.extraHosts ?? [])],
        maxBytes: c.TELEPHONY_RECORDING_MAX_MB * 1024 * 1024,
        allowHttp: c.TELEPHONY_RECORDING_ALLOW_HTTP,
        ...(opts.fetch?.resolve && { resolve: opts.fetch.resolve }),
        ...(opts.fetch?.trusted && { trusted: opts.fetch.trusted }),
        // The first token is the current one (the others are accepted while rotating).
        ...(c.TWILIO_ACCOUNT_SID &&
          c.TWILIO_AUTH_TOKEN && {
            headers: twilioMediaHeaders(c.TWILIO_ACCOUNT_SID, c.TWILIO_AUTH_TOKEN.split(' ')[0]!),
          }),
      },
      linkSeconds: c.TELEPHONY_RECORDING_LINK_SECONDS,
      retentionDays: c.TELEPHONY_RECORDING_RETENTION_DAYS,
    },
  });
}

/** What the composition root calls: build the services; register the routes and jobs and plug them into telephony. */
export const recordingsWiring = {
  build: (
    db: Db,
    clock: Clock,
    opts: { config: Config; secretKey: Buffer; recordingFetch?: RecordingFetchOverride | undefined },
  ) => buildTelephonyRecordings({ db, clock, ...opts, fetch: opts.recordingFetch }),
  /** Builds `ctx.recordings`, registers its routes and jobs, and plugs it into telephony and the callbacks. */
  register(
    app: App,
    ctx: {
      database: { db: Db };
      clock: Clock;
      config: Config;
      recordings: RecordingServices;
      telephony: TelephonyServices;
      callbackRequests: Pick<CallbackRequests, 'close'>;
    },
    opts: RecordingsServerOptions & { secretKey: Buffer },
    { guard, jobs }: { guard: Guard; jobs: ModuleJobs },
  ) {
    ctx.recordings = recordingsWiring.build(ctx.database.db, ctx.clock, { ...opts, config: ctx.config });
    registerRecordings(app, { recordings: ctx.recordings, guard, jobs });
    // The core tells recordings when a provider has one, and shows each call's recording status.
    ctx.telephony.setRecordings(callRecordingsPort(ctx.recordings.recordings));
    // A call made for a callback request (calls.conversation_id) that reached the customer closes it.
    ctx.telephony.calls.onDisposition(async (tx, call) => {
      if (call.disposition === 'reached' && call.conversationId)
        await ctx.callbackRequests.close(tx, call.conversationId, call.id);
    });
  },
  /**
   * When the in-process simulated PBX is the phone system, its recordings come from this app
   * (`/sim/pbx/recordings/…` on `host`): trust that host, on loopback, on the port this app listens on.
   */
  trustSimulator(recordings: RecordingServices, app: App, host: string) {
    recordings.fetcher.trustLocal(host, () => {
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : null;
    });
  },
};
