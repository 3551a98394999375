import { z } from 'zod';
import type { Clock } from '../../../core/clock.js';
import type { App } from '../../../core/http.js';
import { actorOf, principal, routeDocs } from '../../../core/http.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import type { Db } from '../../../db/connection.js';
import { noContent } from '../../../shared/contracts/common.js';
import type { Guard } from '../../identity/index.js';
import { setClientVerified } from '../verification.js';

const doc = routeDocs(['clients']);

/** Compliance marks a client verified (payments refuses withdrawals until then). */
export function verificationRoutes(app: App, ctx: { db: Db; clock: Clock; guard: Guard }): void {
  app.put(
    '/api/clients/:id/verification',
    doc(
      'Set or clear the client’s verification flag (compliance)',
      {
        params: idParamsOf(),
        body: z.strictObject({ verified: z.boolean('Must be true or false') }),
        response: { 204: noContent },
      },
      ctx.guard('kyc.review'),
    ),
    async (request, reply) => {
      await setClientVerified(
        ctx.db,
        principal(request),
        actorOf(request),
        request.params.id,
        request.body.verified,
        ctx.clock.now(),
      );
      return reply.status(204).send();
    },
  );
}
