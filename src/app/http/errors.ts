import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.js';
import { RateLimitedError } from '../../core/rate-limit.js';
import { rateLimitedLog } from '../../core/background.js';
import { isDatabaseUnavailable, rootMessage } from '../../db/unavailable.js';

export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  [detail: string]: unknown;
}

// Fastify's own failures, translated into our codes. Anything else unknown becomes a plain 500.
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'empty_body', 'The request body is empty'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'bad_content_length',
    'The content length does not match the body',
  ],
  FST_ERR_BAD_URL: [400, 'bad_url', 'The URL is malformed (an invalid percent-escape)'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'url_too_long', 'A segment of the URL is too long'],
};

// Node's HTTP parser failures (clientError), by parser code; anything else is a plain 400.
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request did not arrive in time'],
};

const DATABASE_UNAVAILABLE: ErrorBody = {
  code: 'database_unavailable',
  message: 'The database is unavailable right now; try again in a few seconds',
};
/** What a client is told to wait before retrying a 503 (the pool reconnects within seconds). */
const RETRY_AFTER_SECONDS = '5';

/** Maps every error to `{code, message, field?}` with a fitting status; never leaks a stack trace. */
export function mapError(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: {
        ...err.details,
        code: err.code,
        message: err.message,
        ...(err.field ? { field: err.field } : {}),
      },
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0]!;
    const params = first.params as { keys?: string[] };
    const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (first.keyword === 'unrecognized_keys') {
      const key = params.keys?.[0] ?? '';
      const field = path ? `${path}.${key}` : key;
      return { status: 400, body: { code: 'unknown_field', message: `Unknown field: ${field}`, field } };
    }
    const where = (err as { validationContext?: string }).validationContext;
    const field = path || where || 'body';
    return { status: 400, body: { code: 'validation_failed', message: `${field}: ${first.message}`, field } };
  }
  if (isDatabaseUnavailable(err)) return { status: 503, body: DATABASE_UNAVAILABLE };
  const fe = err as FastifyError;
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return { status: known[0], body: { code: known[1], message: known[2] } };
  if (fe.statusCode === 429)
    return { status: 429, body: { code: 'rate_limited', message: 'Too many requests' } };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return { status: fe.statusCode, body: { code: 'bad_request', message: fe.message } };
  return { status: 500, body: { code: 'internal_error', message: 'Something went wrong on our side' } };
}

/**
 * The error handler, and a 503 `shutting_down` for requests that still arrive on open connections
 * while the server closes (in place of Fastify's own 503 body, which skips the hooks: the server is
 * built with `return503OnClosing: false`).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  // An outage fails every request the same way: one line per minute says so, not one per request.
  const outage = rateLimitedLog(app.log);
  app.setErrorHandler((err, request, reply) => {
    const { status, body } = mapError(err);
    if (body.code === 'database_unavailable') {
      outage.warn({ error: rootMessage(err) }, 'database unavailable: answering 503');
      void reply.header('retry-after', RETRY_AFTER_SECONDS);
    } else if (err instanceof RateLimitedError) void reply.header('retry-after', err.retryAfterSeconds);
    else if (status >= 500) request.log.error({ err }, 'unhandled error');
    void reply.status(status).send(body);
  });
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Sent as text: a route's own 503 schema (/health's) must not reshape it.
  const shuttingDown = JSON.stringify({
    code: 'shutting_down',
    message: 'The server is shutting down; try again in a moment',
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (closing)
      return reply
        .status(503)
        .headers({ connection: 'close', 'cache-control': 'no-store' })
        .type('application/json; charset=utf-8')
        .send(shuttingDown);
  });
}

/**
 * Fastify's `frameworkErrors`: failures found while routing (a malformed %-escape, an over-long path
 * parameter) are answered before any hook runs, so the security headers are set here.
 */
export function frameworkErrorHandler(headers: Record<string, string>) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const { status, body } = mapError(err);
    if (status >= 500) request.log.error({ err }, 'routing error');
    void reply
      .status(status)
      .headers({ ...headers, 'cache-control': 'no-store' })
      .send(body);
  };
}

/**
 * Node's `clientError`: requests that are not valid HTTP (broken request line or header, headers too
 * large, too slow) never become a request object. The answer is written on the socket, in the one
 * format and with the security headers, then the connection is closed.
 */
export function clientErrorHandler(headers: Record<string, string>) {
  return (err: Error & { code?: string }, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [
      400,
      'bad_request',
      'The request is not valid HTTP',
    ];
    const body = JSON.stringify({ code, message });
    // As Node does: only when no response on this connection has begun.
    const current = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !current?.headersSent) {
      const all = {
        ...headers,
        'cache-control': 'no-store',
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        connection: 'close',
      };
      const head = Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('')}\r\n${body}`);
    }
    socket.destroy(err);
  };
}

/**
 * 404s are JSON for the API; with the web app built, other GET paths get index.html so client-side
 * routes survive a reload.
 */
export function registerNotFound(app: FastifyInstance, opts: { spa: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isApi =
      path.startsWith('/api/') || path.startsWith('/assets/') || path === '/metrics' || path === '/health';
    if (opts.spa && request.method === 'GET' && !isApi) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ code: 'not_found', message: `No route for ${request.method} ${path}` });
  });
}
