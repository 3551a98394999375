import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ZodType } from 'zod';
import { AppError, badRequest } from './errors.js';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the sender signs
 * `${webhook-id}.${webhook-timestamp}.${body}` with HMAC-SHA256 and sends `v1,<base64>` in
 * `webhook-signature` (several, space-separated, while a secret is being rotated). The secret is
 * `whsec_` + base64 of at least 24 random bytes.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function secretBytes(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  if (key.length < 24) throw new Error('webhook secret must hold at least 24 bytes');
  return key;
}

function sign(key: Buffer, id: string, timestamp: string, body: Buffer | string): string {
  const mac = createHmac('sha256', key);
  mac.update(`${id}.${timestamp}.`);
  mac.update(body);
  return mac.digest('base64');
}

export function signWebhook(
  secret: string,
  id: string,
  body: Buffer | string,
  at = new Date(),
): SignedHeaders {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${sign(secretBytes(secret), id, timestamp, body)}`,
  };
}

export type VerifyFailure = 'missing_headers' | 'stale_timestamp' | 'bad_signature';

const SIGNATURE_ERRORS: Record<VerifyFailure, string> = {
  missing_headers: 'webhook-id, webhook-timestamp and webhook-signature headers are required',
  stale_timestamp: 'webhook-timestamp is more than 5 minutes away from the server clock',
  bad_signature: 'The signature does not match the body',
};

/** The 401 every signed endpoint answers for a failed check, its code the failure. */
export const signatureError = (failure: VerifyFailure): AppError =>
  new AppError(401, failure, SIGNATURE_ERRORS[failure]);

/**
 * A verified body as the schema reads it: 400 `invalid_json`, or the first schema issue as
 * `unknown_field` / `validation_failed` with its path as the field (`body` for the whole of it).
 */
export function parseSignedJson<T>(raw: Buffer, schema: ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('invalid_json', 'The body is not valid JSON', 'body');
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'body';
  throw badRequest(
    issue.code === 'unrecognized_keys' ? 'unknown_field' : 'validation_failed',
    `${field}: ${issue.message}`,
    field,
  );
}

type WebhookHeaders =
  Partial<Record<keyof SignedHeaders, string | string[] | undefined>> | Record<string, unknown>;

/**
 * The checks that need no body: all three headers present and a timestamp within the tolerance (which
 * bounds replays). Cheap enough to run before a large body is read. `null` means they pass.
 */
export function checkWebhookHeaders(
  headers: WebhookHeaders,
  now = new Date(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): Exclude<VerifyFailure, 'bad_signature'> | null {
  const { id, timestamp, signatures } = readHeaders(headers);
  if (!id || !timestamp || !signatures) return 'missing_headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'stale_timestamp';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return 'stale_timestamp';
  return null;
}

/** Checks headers and body; `null` means valid. */
export function verifyWebhook(
  secrets: readonly string[],
  headers: WebhookHeaders,
  body: Buffer,
  now = new Date(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): VerifyFailure | null {
  const failure = checkWebhookHeaders(headers, now, toleranceSeconds);
  if (failure) return failure;
  const { id, timestamp, signatures } = readHeaders(headers) as Record<string, string>;
  const offered = signatures!
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  for (const secret of secrets) {
    const expected = Buffer.from(sign(secretBytes(secret), id!, timestamp!, body), 'base64');
    if (offered.some((o) => o.length === expected.length && timingSafeEqual(o, expected))) return null;
  }
  return 'bad_signature';
}

function readHeaders(headers: WebhookHeaders) {
  const h = headers as Record<string, unknown>;
  return {
    id: one(h['webhook-id']),
    timestamp: one(h['webhook-timestamp']),
    signatures: one(h['webhook-signature']),
  };
}

const one = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
