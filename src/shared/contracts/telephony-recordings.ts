import { z } from 'zod';
import { RECORDING_STATUSES } from '../telephony-recordings.js';
import { isoTime, textBody } from './common.js';

// Call recordings' answers (src/modules/telephony/recordings). The call record itself is in telephony.ts.

/** `POST /api/calls/:id/recording-link`: a link the signed-in staff member may open until `expiresAt`. */
export const recordingLink = z.object({
  /** Relative to the app (`/api/recordings/<token>`): an <audio> src or a download link. */
  url: z.string(),
  expiresAt: isoTime,
});
export type RecordingLink = z.output<typeof recordingLink>;

/** A call's recording as the call record shows it. */
export const recordingSummary = z.object({
  status: z.enum(RECORDING_STATUSES),
  durationSec: z.number().nullable(),
});

/** The audio behind a link (audio/wav, audio/mpeg… as sniffed when stored); 206 for a Range. */
export const recordingAudio = {
  description: 'The recording, with the Content-Type sniffed when it was stored',
  content: { 'audio/*': { schema: textBody } },
};
