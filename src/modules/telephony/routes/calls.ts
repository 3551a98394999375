import { z } from 'zod';
import { actorOf, principal, routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import { callList, callView, currentCallAnswer } from '../../../shared/contracts/telephony.js';
import { callsQuery, dispositionInput, originateInput } from '../contracts.js';
import type { TelephonyDeps } from '../index.js';

/**
 * Staff: click-to-call, hang up, the disposition, the live call (for a reload) and the calls of a
 * client card. Permission `telephony.call`; every read within the client's record scope (404 outside).
 */
export function callRoutes(app: App, deps: Pick<TelephonyDeps, 'telephony' | 'guard'>): void {
  const doc = routeDocs(['telephony'], { guard: deps.guard('telephony.call') });
  const { calls, reads } = deps.telephony;

  app.post(
    '/api/calls',
    doc('Click-to-call: rings the staff member’s extension, then the client (or the number)', {
      body: originateInput,
      response: { 201: callView },
    }),
    async (request, reply) => {
      const viewer = principal(request);
      const id = await calls.originate(viewer, actorOf(request), request.body);
      return reply.status(201).send(await reads.one(viewer, id));
    },
  );
  app.get(
    '/api/calls/current',
    doc('The staff member’s live call, or null', { response: { 200: currentCallAnswer } }),
    async (request) => ({ call: await reads.current(principal(request)) }),
  );
  app.get(
    '/api/calls/:id',
    doc('A call record (404 outside the viewer’s scope)', {
      params: idParams(),
      response: { 200: callView },
    }),
    async (request) => reads.one(principal(request), request.params.id),
  );
  app.post(
    '/api/calls/:id/hangup',
    doc('Hangs up the call (the end arrives from the phone system)', {
      params: idParams(),
      response: { 200: callView },
    }),
    async (request) => {
      const viewer = principal(request);
      await calls.hangup(viewer, request.params.id);
      return reads.one(viewer, request.params.id);
    },
  );
  app.post(
    '/api/calls/:id/disposition',
    doc('Records how the call went and a note', {
      params: idParams(),
      body: dispositionInput,
      response: { 200: callView },
    }),
    async (request) => {
      const viewer = principal(request);
      await calls.setDisposition(viewer, actorOf(request), request.params.id, request.body);
      return reads.one(viewer, request.params.id);
    },
  );
  app.get(
    '/api/clients/:id/calls',
    doc('The calls of a client, newest first', {
      params: idParams(),
      querystring: z.object(callsQuery.shape),
      response: { 200: callList },
    }),
    async (request) => reads.ofClient(principal(request), request.params.id, request.query),
  );
}
