import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolStats } from '../../db/connection.js';

/** One registry per server instance, so tests can build several servers in one process. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'brokerdesk_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'brokerdesk_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly eventLag = new Histogram({
    name: 'brokerdesk_event_delivery_lag_seconds',
    help: 'Time from the start of the transaction that appended an event to its push to connected staff',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });
  readonly tradingEvents = new Counter({
    name: 'brokerdesk_trading_events_total',
    help: 'Trading-platform events received, by outcome (accepted, duplicate)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly callEvents = new Counter({
    name: 'brokerdesk_call_events_total',
    help: 'Phone-system call events stored (repeats not counted)',
    registers: [this.registry],
  });
  readonly tradingGaps = new Counter({
    name: 'brokerdesk_trading_gaps_total',
    help: 'Sequence gaps opened in trading-platform event streams',
    registers: [this.registry],
  });
  readonly loopFailures = new Counter({
    name: 'brokerdesk_background_failures_total',
    help: 'Failed runs of a background loop (realtime hub, trading alerts, presence expiry, reminders, housekeeping)',
    labelNames: ['loop'] as const,
    registers: [this.registry],
  });
  readonly loopFailing = new Gauge({
    name: 'brokerdesk_background_failing',
    help: '1 while a background loop keeps failing (typically: the database is away), 0 once it ran again',
    labelNames: ['loop'] as const,
    registers: [this.registry],
  });
  readonly websocketClients = new Gauge({
    name: 'brokerdesk_websocket_clients',
    help: 'Connected staff WebSockets',
    registers: [this.registry],
  });

  constructor(withDefaults = true) {
    if (withDefaults) collectDefaultMetrics({ register: this.registry, prefix: 'brokerdesk_' });
  }

  /** The PostgreSQL connection pool, read at each scrape: a database outage shows as `waiting`. */
  watchPool(stats: () => PoolStats | null): void {
    new Gauge({
      name: 'brokerdesk_db_pool_connections',
      help: 'PostgreSQL pool: open connections (total), idle ones, and queries waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const s = stats();
        if (!s) return;
        for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, s[state]);
      },
    });
  }
}

export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}

// Headers a reverse proxy adds: a connection from loopback that carries one speaks for someone else.
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

const isLoopback = (address: string | undefined) =>
  !!address && (address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address));

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read /metrics (it shows the runtime's version and the traffic). With METRICS_TOKEN: whoever
 * sends `Authorization: Bearer <token>`, compared in constant time. Without: connections from loopback
 * only, judged by the socket's address, never request.ip (which follows X-Forwarded-For under
 * TRUST_PROXY), and not when a local proxy forwarded the request.
 */
export function metricsAccess(config: { METRICS_TOKEN?: string | undefined }) {
  const expected = config.METRICS_TOKEN === undefined ? null : digest(config.METRICS_TOKEN);
  return (request: { socket: { remoteAddress?: string }; headers: IncomingHttpHeaders }): boolean => {
    if (expected) {
      const offered = /^Bearer ([\x21-\x7e]+)$/i.exec(request.headers.authorization ?? '')?.[1];
      // Equal-length digests: the comparison's time says nothing about the token.
      return offered !== undefined && timingSafeEqual(digest(offered), expected);
    }
    return isLoopback(request.socket.remoteAddress) && !FORWARDING_HEADERS.some((h) => h in request.headers);
  };
}
