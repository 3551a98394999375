/** Call recordings (issue 13): value lists shared by the server and the web app (zod-free). */

/** pending: the provider announced it, not fetched yet; ready: stored; failed: refused or gave up; deleted: retention removed the audio. */
export const RECORDING_STATUSES = ['pending', 'ready', 'failed', 'deleted'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** Why a signed link is asked for: to play it in the browser, or to save the file. */
export const RECORDING_PURPOSES = ['listen', 'download'] as const;
export type RecordingPurpose = (typeof RECORDING_PURPOSES)[number];
