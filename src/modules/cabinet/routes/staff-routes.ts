import type { App } from '../../../core/http.js';
import type { CabinetDeps } from '../index.js';
import { actorOf, principal, routeDocs } from '../../../core/http.js';
import { registerInCabinetInput } from '../../clients/index.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import { cabinetOpenedAnswer } from '../../../shared/contracts/clients.js';

const doc = routeDocs(['clients']);

const idParams = idParamsOf();

/** Situation 2: a manager opens the cabinet for a client who phoned or came to the office. */
export function cabinetStaffRoutes(app: App, ctx: Pick<CabinetDeps, 'cabinet' | 'clients' | 'guard'>): void {
  app.post(
    '/api/clients/:id/cabinet',
    doc(
      'Register the client in the cabinet: chosen login, generated password emailed to the client',
      { params: idParams, body: registerInCabinetInput, response: { 201: cabinetOpenedAnswer } },
      ctx.guard('clients.write'),
    ),
    async (request, reply) => {
      const me = principal(request);
      // Out of the viewer's scope is "not found", before anything is written.
      await ctx.clients.get(me, request.params.id);
      const opened = await ctx.cabinet.openByStaff(actorOf(request), request.params.id, request.body.login);
      return reply.status(201).send({ ...opened, client: await ctx.clients.get(me, request.params.id) });
    },
  );
}
