import type { FastifyReply, FastifyRequest } from 'fastify';
import { withIdempotency, type IdempotentCommit } from '../../../core/idempotency.js';
import type { Db } from '../../../db/connection.js';

/** The trader's cookie (the `trader` scheme of the OpenAPI document), not a staff session. */
export const traderSecurity = [{ trader: [] }];

/**
 * Runs a money route under its `Idempotency-Key` (src/core/idempotency.ts): the key is per principal
 * and per path (ids included), the answer is stored with the change and replayed on a repeat (with
 * `idempotency-replayed: true`).
 */
export async function idempotent<B>(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: string,
  status: number,
  handler: (commit: IdempotentCommit) => Promise<B>,
) {
  const answer = await withIdempotency(
    db,
    {
      key: request.headers['idempotency-key'],
      principal,
      method: request.method,
      route: request.url.split('?')[0]!,
      body: request.body ?? null,
    },
    status,
    handler,
  );
  if (answer.replayed) void reply.header('idempotency-replayed', 'true');
  return reply.status(answer.status).send(answer.body);
}
