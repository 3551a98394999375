/**
 * TEMPORARY: the PhoneSystem port and CallEvent as the session brief states them, until the telephony
 * module's face (src/modules/telephony/index.ts, branch s21-tel-core) is merged; then this file goes.
 */
export type CallEventKind = 'ringing' | 'answered' | 'transferred' | 'ended' | 'recording_ready';

export interface CallEvent {
  provider: string;
  eventId: string;
  providerCallId: string;
  callId?: string;
  kind: CallEventKind;
  at: string;
  direction?: 'outbound' | 'inbound';
  from?: string;
  to?: string;
  extension?: string;
  cause?: string;
  recordingUrl?: string;
  durationSec?: number;
}

export interface PhoneSystem {
  originate(input: { callId: string; extension: string; to: string }): Promise<{ providerCallId: string }>;
  hangup(providerCallId: string): Promise<void>;
}
