/**
 * Call recordings (issue 13), part of the telephony module: the recording storage (data directory or
 * S3-compatible), the SSRF-safe fetcher, signed links with Range streaming, the audit of every
 * listen, and retention. The telephony core calls `recordings.recordingReady(tx, …)` when a provider
 * announces a recording, and `recordings.summaries(db, callIds)` for the call records. See
 * docs/telephony-recordings.md.
 */
import type { Clock } from '../../../core/clock.js';
import type { App } from '../../../core/http.js';
import type { ModuleJobs } from '../../../core/jobs.js';
import type { Db } from '../../../db/connection.js';
import type { Guard } from '../../identity/index.js';
import type { CallRecordings } from '../ports.js';
import { RecordingAccess } from './access.js';
import { RecordingFetcher, type FetcherOptions } from './fetcher.js';
import { RecordingLinks } from './links.js';
import { RecordingRetention } from './retention.js';
import { recordingRoutes } from './routes.js';
import { S3Storage, type S3Config } from './s3.js';
import { Recordings } from './service.js';
import { DataDirStorage, type RecordingStorage } from './storage.js';

export { forbiddenAddress, hostAllowed } from './address.js';
export {
  RecordingFetcher,
  RecordingFetchError,
  systemResolver,
  type FetcherOptions,
  type Resolver,
} from './fetcher.js';
export { RecordingLinks } from './links.js';
export { DataDirStorage, type RecordingStorage } from './storage.js';
export { S3Storage, signV4, type S3Config } from './s3.js';
export { Recordings, type RecordingReadyInput, type RecordingSummary } from './service.js';
export { RecordingAccess, parseRange } from './access.js';
export { RecordingRetention } from './retention.js';

/** The recordings as the telephony core's `CallRecordings` port (ports.ts): `telephony.setRecordings(…)`. */
export function callRecordingsPort(recordings: Recordings): CallRecordings {
  return {
    recordingReady: async (tx, ready) => {
      await recordings.recordingReady(tx, ready);
    },
    statusOf: (db, callIds) => recordings.statusOf(db, callIds),
  };
}

export interface RecordingServices {
  recordings: Recordings;
  /** The fetcher: `trustLocal(host, port)` for the in-process simulated PBX (the root only). */
  fetcher: RecordingFetcher;
  access: RecordingAccess;
  retention: RecordingRetention;
  storage: RecordingStorage;
}

export interface RecordingsConfig {
  dataDir: string;
  /** `data` (default) or `s3` with its settings. */
  storage: { kind: 'data' } | ({ kind: 's3' } & S3Config);
  fetch: FetcherOptions;
  linkSeconds: number;
  retentionDays: number;
}

/** The recordings' services, for the composition root. */
export function buildRecordings(opts: {
  db: Db;
  clock: Clock;
  secretKey: Buffer;
  config: RecordingsConfig;
  log?: { error(obj: object, msg: string): void };
}): RecordingServices {
  const { db, clock, config } = opts;
  const storage: RecordingStorage =
    config.storage.kind === 's3' ? new S3Storage(config.storage) : new DataDirStorage(config.dataDir);
  const fetcher = new RecordingFetcher(config.fetch);
  const links = new RecordingLinks(opts.secretKey);
  return {
    storage,
    fetcher,
    recordings: new Recordings(db, clock, storage, fetcher, opts.log),
    access: new RecordingAccess(db, clock, storage, links, config.linkSeconds),
    retention: new RecordingRetention(db, clock, storage, config.retentionDays),
  };
}

export interface RecordingsDeps {
  recordings: RecordingServices;
  guard: Guard;
  jobs: ModuleJobs;
}

/** How often pending recordings are fetched, and how often retention runs. */
const FETCH_EVERY_MS = 3_000;
const RETENTION_EVERY_MS = 60 * 60_000;

/** The link and audio routes, the fetch job and the retention job. */
export function registerRecordings(app: App, deps: RecordingsDeps): void {
  recordingRoutes(app, deps);
  deps.jobs.every('telephony recordings fetch', FETCH_EVERY_MS, () =>
    deps.recordings.recordings.fetchPending(),
  );
  deps.jobs.every('telephony recordings retention', RETENTION_EVERY_MS, () =>
    deps.recordings.retention.run(),
  );
}
