import type { Executor } from '../../db/connection.js';
import type { RecordingStatus } from '../../shared/telephony.js';

export type { CallEvent } from '../../shared/contracts/telephony.js';

/**
 * The phone system (PBX or cloud provider) the module drives. `originate` rings the staff member's
 * extension first, then `to`; it answers once the provider has taken the call, and everything after
 * that (ringing, answered, ended with cause, the recording) comes back as CallEvents through
 * `TelephonyService.ingest` (the generic webhook, the Twilio adapter, or the in-process simulator).
 * Implementations: src/integrations/telephony (the simulated PBX; a provider's REST client).
 */
export interface PhoneSystem {
  /** The provider name its events carry (CallEvent.provider), e.g. `sim`, `twilio`. */
  readonly name: string;
  originate(call: { callId: string; extension: string; to: string }): Promise<{ providerCallId: string }>;
  hangup(providerCallId: string): Promise<void>;
}

/** What the ingest hands the recordings part when a call's recording is ready to fetch. */
export interface RecordingReady {
  callId: string;
  clientId: string | null;
  url: string;
  durationSec: number | null;
  provider: string;
}

/**
 * The recordings part of the module (src/modules/telephony/recordings, helper T2): told in the ingest's
 * transaction when a recording is ready, and asked for the recording's status of listed calls. Without
 * it, a call's recording shows as `ready` once the provider reported one (the URL kept on the call).
 */
export interface CallRecordings {
  recordingReady(tx: Executor, ready: RecordingReady): Promise<void>;
  statusOf(
    db: Executor,
    callIds: readonly string[],
  ): Promise<Map<string, { status: RecordingStatus; durationSec: number | null }>>;
}
