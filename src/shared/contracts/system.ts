import { z } from 'zod';
import { textBody } from './common.js';

// Operator endpoints' answers.

export const healthOk = z.object({
  status: z.literal('ok'),
  database: z.object({ kind: z.string(), ok: z.literal(true), latencyMs: z.number() }),
});
export const healthDegraded = z.object({
  status: z.literal('degraded'),
  database: z.object({ kind: z.string(), ok: z.literal(false), error: z.string() }),
});

/** Prometheus text exposition format. */
export const metricsText = {
  description: 'Prometheus metrics (text exposition format)',
  content: { 'text/plain': { schema: textBody } },
};
