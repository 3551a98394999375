import { sql } from 'drizzle-orm';
import { healthDegraded, healthOk, metricsText } from '../../shared/contracts/system.js';
import { forbidden } from '../../core/errors.js';
import type { App } from '../../core/http.js';
import type { AppContext } from '../context.js';
import { rootMessage } from '../../db/unavailable.js';

const HEALTH_TIMEOUT_MS = 2_000;
import { metricsAccess } from './metrics.js';

/** Operator endpoints: health for load balancers, Prometheus metrics. */
export function systemRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database status',
        security: [],
        response: { 200: healthOk, 503: healthDegraded },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        // A load balancer waits a few seconds at most: a database that does not answer is "degraded" now.
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('the database did not answer in time')),
            HEALTH_TIMEOUT_MS,
          );
        });
        await Promise.race([ctx.database.db.execute(sql`select 1`), timeout]);
        return {
          status: 'ok' as const,
          database: {
            kind: ctx.database.kind,
            ok: true as const,
            latencyMs: Math.round((performance.now() - started) * 100) / 100,
          },
        };
      } catch (err) {
        return reply.status(503).send({
          status: 'degraded' as const,
          database: { kind: ctx.database.kind, ok: false as const, error: rootMessage(err) },
        });
      } finally {
        clearTimeout(timer);
      }
    },
  );

  const mayReadMetrics = metricsAccess(ctx.config);
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics (loopback only, or `Authorization: Bearer` with METRICS_TOKEN)',
        security: [{ metricsToken: [] }, {}],
        response: { 200: metricsText },
      },
    },
    async (request, reply) => {
      if (!mayReadMetrics(request.raw))
        throw forbidden(
          'Metrics are for the monitoring system: loopback, or the bearer token (METRICS_TOKEN)',
        );
      void reply.header('content-type', ctx.metrics.registry.contentType);
      return ctx.metrics.registry.metrics();
    },
  );
}
