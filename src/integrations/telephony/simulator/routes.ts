import { z } from 'zod';
import { AppError, notFound } from '../../../core/errors.js';
import { principal, type App } from '../../../core/http.js';
import type { Guard, Permission } from '../../../modules/identity/index.js';
import { text, uuid } from '../../../core/primitives.js';
import { simCallView, simPbxStatus, SIM_CLIENT_BEHAVIOURS } from '../../../shared/contracts/telephony-sim.js';
import { behaviourFromNumber } from './options.js';
import type { SimulatedPbx } from './sim-pbx.js';

const FILE = /^(sim_[0-9a-f]{24})\.wav$/;
const E164 = /^\+[1-9]\d{6,14}$/;

const phone = () =>
  text({ label: 'Number', trim: true, min: 1, max: 32 })
    .transform((v) => v.replace(/[\s().-]/g, ''))
    .refine((v) => E164.test(v), 'Enter the number in international format, e.g. +442071234567');

export interface SimPbxRouteDeps {
  pbx: SimulatedPbx;
  guard: Guard;
  /** The permission a staff member needs to use the simulator on their own extension. */
  permission: Permission;
  /** A staff member's extension (null: they have none). */
  extensionOf(staffId: string): Promise<string | null>;
}

/**
 * The simulated PBX's own routes, mounted by the app only while the simulator is the phone system:
 * the recordings its `recording_ready` events point at (`GET /sim/pbx/recordings/:file`, signed link,
 * hidden from the API document — it is the provider's, not BrokerDesk's) and the control routes a
 * person trying the demo alone uses to play the other side: ring me from a number, pick up my desk
 * phone, fix what a number does. Ringing another staff member's extension takes `admin.access`.
 */
export function registerSimulatedPbx(app: App, deps: SimPbxRouteDeps): void {
  const { pbx, guard } = deps;
  const tags = ['telephony simulator'];
  const security = [{ session: [] }];

  app.get(
    '/sim/pbx/recordings/:file',
    {
      schema: {
        hide: true,
        params: z.object({ file: text({ max: 64 }) }),
        querystring: z.object({ sig: text({ max: 128 }).optional() }),
      },
    },
    async (request, reply) => {
      const match = FILE.exec(request.params.file);
      const id = match?.[1];
      const wav = id && pbx.checkRecordingSig(id, request.query.sig ?? '') ? pbx.recordingWav(id) : undefined;
      if (!wav) throw notFound('Recording');
      return reply
        .header('content-type', 'audio/wav')
        .header('content-length', wav.length)
        .header('cache-control', 'private, no-store')
        .send(wav);
    },
  );

  const myExtension = async (staffId: string) => {
    const ext = await deps.extensionOf(staffId);
    if (!ext)
      throw new AppError(409, 'no_extension', 'This staff member has no extension on the phone system');
    return ext;
  };

  app.get(
    '/api/sim/pbx',
    {
      schema: {
        tags,
        security,
        summary: 'The simulated PBX: my extension, client behaviours, my live calls',
        response: { 200: simPbxStatus },
      },
      preHandler: guard(deps.permission),
    },
    async (request) => {
      const extension = await deps.extensionOf(principal(request).id);
      const t = pbx.timings;
      return {
        extension,
        byLastDigit: Object.fromEntries(
          [...'0123456789'].map((d) => [d, behaviourFromNumber(`+1000000000${d}`)]),
        ),
        behaviours: pbx.configuredBehaviours(),
        liveCalls: extension ? pbx.liveCalls(extension) : [],
        timings: {
          staffAnswerMs: t.staffAnswerMs,
          clientAnswerMs: t.clientAnswerMs,
          ringTimeoutMs: t.ringTimeoutMs,
          inboundAutoAnswerMs: t.inboundAutoAnswerMs,
        },
      };
    },
  );

  app.post(
    '/api/sim/pbx/inbound',
    {
      schema: {
        tags,
        security,
        summary: 'Simulator: a call from this number rings my extension (or a staff member’s, for admins)',
        body: z.object({ from: phone(), staffId: uuid().optional() }),
        response: { 201: simCallView },
      },
      preHandler: guard(deps.permission),
    },
    async (request, reply) => {
      const me = principal(request);
      const target = request.body.staffId ?? me.id;
      if (target !== me.id && !me.permissions.has('admin.access'))
        throw new AppError(403, 'forbidden', 'Only an admin may ring another staff member’s extension');
      const extension = await myExtension(target);
      return reply.code(201).send(pbx.inbound({ from: request.body.from, extension }));
    },
  );

  app.post(
    '/api/sim/pbx/answer',
    {
      schema: {
        tags,
        security,
        summary: 'Simulator: pick up my desk phone (the inbound call ringing on my extension)',
        response: { 200: simCallView },
      },
      preHandler: guard(deps.permission),
    },
    async (request) => {
      const call = pbx.pickUp(await myExtension(principal(request).id));
      if (!call) throw notFound('Ringing call');
      return call;
    },
  );

  app.put(
    '/api/sim/pbx/behaviours',
    {
      schema: {
        tags,
        security,
        summary: 'Simulator: what the client at this number does when rung (null: by its last digit)',
        body: z.object({ number: phone(), behaviour: z.enum(SIM_CLIENT_BEHAVIOURS).nullable() }),
        response: { 200: simPbxStatus.shape.behaviours },
      },
      preHandler: guard('admin.access'),
    },
    async (request) => {
      pbx.setBehaviour(request.body.number, request.body.behaviour);
      return pbx.configuredBehaviours();
    },
  );
}
