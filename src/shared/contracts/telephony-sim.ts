import { z } from 'zod';

/**
 * The built-in simulated PBX's control API (`/api/sim/pbx…`, only while the simulator is the phone
 * system): what a person trying the demo alone uses to play the other side of a call.
 */
export const SIM_CLIENT_BEHAVIOURS = ['answer', 'busy', 'no_answer', 'hang_up'] as const;

export const simCallView = z.object({
  providerCallId: z.string(),
  callId: z.string().nullable(),
  direction: z.enum(['outbound', 'inbound']),
  extension: z.string(),
  number: z.string(),
  behaviour: z.enum(SIM_CLIENT_BEHAVIOURS).nullable(),
  state: z.enum(['staff_ringing', 'ringing', 'answered', 'ended']),
  cause: z.string().nullable(),
  durationSec: z.number().int(),
});
export type SimCallView = z.infer<typeof simCallView>;

export const simPbxStatus = z.object({
  /** The signed-in staff member's extension (null: none yet). */
  extension: z.string().nullable(),
  /** The client behaviour each last digit gives (7 busy, 8 no answer, 9 hangs up, else answers). */
  byLastDigit: z.record(z.string(), z.enum(SIM_CLIENT_BEHAVIOURS)),
  /** Numbers with a behaviour set by hand. */
  behaviours: z.array(z.object({ number: z.string(), behaviour: z.enum(SIM_CLIENT_BEHAVIOURS) })),
  /** Calls on the viewer's extension not ended yet. */
  liveCalls: z.array(simCallView),
  timings: z.object({
    staffAnswerMs: z.number(),
    clientAnswerMs: z.number(),
    ringTimeoutMs: z.number(),
    inboundAutoAnswerMs: z.number().nullable(),
  }),
});
export type SimPbxStatus = z.infer<typeof simPbxStatus>;
