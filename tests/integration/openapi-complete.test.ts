import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The published OpenAPI document is the API's contract: every operation says what it answers on
 * success (the response schema is also the serializer's allowlist), and says how it is authenticated —
 * the staff session by default, the trader's cookie in the cabinet, nothing where no session can exist yet.
 */

interface Response {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}
interface Operation {
  responses?: Record<string, Response>;
  security?: Record<string, string[]>[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
  components: { securitySchemes: Record<string, Record<string, string>> };
}

let server: TestServer;
let doc: Document;
beforeAll(async () => {
  server = await startTestServer();
  doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => server?.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, op })),
  );

/** Statuses that never carry a body. */
const EMPTY = new Set(['204', '205', '304']);

/** Cabinet routes reachable before a trader session exists. */
const CABINET_PUBLIC = [
  'POST /api/portal/register',
  'POST /api/portal/login',
  'POST /api/portal/confirm-email',
  'POST /api/portal/password-reset',
  'POST /api/portal/password-reset/confirm',
];
/** Cabinet routes that answer a visitor too (they read the cookie when there is one). */
const CABINET_OPTIONAL = ['GET /api/portal/session', 'POST /api/portal/logout'];
const isCabinet = (path: string) => path.startsWith('/api/portal/') || path.startsWith('/api/cabinet/');

describe('OpenAPI document', () => {
  it('declares a response schema for the success status of every operation', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(90);
    const missing: string[] = [];
    for (const { name, op } of ops) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (!success.length) missing.push(`${name}: no 2xx response`);
      for (const [status, response] of success) {
        if (EMPTY.has(status)) {
          if (response.content) missing.push(`${name} ${status}: a body on a status that has none`);
          continue;
        }
        // Without a schema @fastify/swagger writes a bare "Default Response" with no content.
        const media = Object.values(response.content ?? {});
        if (!media.length || media.some((m) => m.schema === undefined))
          missing.push(`${name} ${status}: no response schema`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('shows the trader cookie as the security of cabinet routes, and the staff session elsewhere', async () => {
    // The scheme names the cookie the cabinet really sets.
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/portal/register',
      payload: {
        name: 'Openapi Trader',
        email: 'openapi.trader@example.com',
        phone: '+6281234567890',
        password: 'long-enough-password-1',
        acceptTerms: true,
        acceptRisk: true,
      },
    });
    expect(res.statusCode).toBe(201);
    const cookieName = String(res.headers['set-cookie']).split('=')[0];
    expect(doc.components.securitySchemes.trader).toEqual({ type: 'apiKey', in: 'cookie', name: cookieName });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.security).toEqual([{ session: [] }]);

    const wrong: string[] = [];
    for (const { name, path, op } of operations()) {
      const schemes = (op.security ?? doc.security ?? []).flatMap((s) => Object.keys(s));
      if (!isCabinet(path)) {
        if (schemes.includes('trader')) wrong.push(`${name}: a staff route with the trader scheme`);
        continue;
      }
      const expected = CABINET_PUBLIC.includes(name)
        ? []
        : CABINET_OPTIONAL.includes(name)
          ? [{ trader: [] }, {}]
          : [{ trader: [] }];
      // Declared on the operation itself: the document-wide default is the staff session.
      if (JSON.stringify(op.security) !== JSON.stringify(expected))
        wrong.push(`${name}: ${JSON.stringify(op.security)}, expected ${JSON.stringify(expected)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('marks the routes without a staff session: sign-in, health, signed ingestion', () => {
    const security = (path: string, method: string) => doc.paths[path]![method]!.security;
    expect(security('/api/auth/login', 'post')).toEqual([]);
    expect(security('/api/auth/mfa/verify', 'post')).toEqual([]);
    expect(security('/health', 'get')).toEqual([]);
    expect(security('/api/trading/ingest', 'post')).toEqual([{ webhook: [] }]);
    expect(doc.components.securitySchemes.webhook).toMatchObject({ type: 'apiKey', in: 'header' });
  });
});
