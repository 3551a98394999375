import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { checkKey, type ByteRange, type RecordingStorage } from './storage.js';

export interface S3Config {
  /** https://s3.eu-west-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://minio:9000 … */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` (MinIO and most S3-compatible stores) instead of `bucket.endpoint/key`. */
  pathStyle: boolean;
  /** Prefix for every key (e.g. `recordings/`). */
  prefix?: string;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding as SigV4 wants it (each path segment; `/` kept). */
const encodePath = (path: string) =>
  path
    .split('/')
    .map((s) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');

/**
 * AWS Signature Version 4 headers for one request (no query string; the payload's hash given).
 * Exported for its test against the AWS documentation's example.
 */
export function signV4(input: {
  method: string;
  host: string;
  path: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  payloadHash: string;
  at: Date;
  headers?: Record<string, string>;
}): Record<string, string> {
  const amzDate = input.at.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: input.host,
    'x-amz-content-sha256': input.payloadHash,
    'x-amz-date': amzDate,
    ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.trim()])),
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    input.method,
    encodePath(input.path),
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    input.payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const { host: _host, ...rest } = headers;
  return {
    ...rest,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** Recordings in an S3-compatible bucket, over plain HTTPS with SigV4 (no SDK). */
export class S3Storage implements RecordingStorage {
  readonly kind = 's3' as const;
  private readonly base: URL;
  constructor(
    private readonly cfg: S3Config,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.base = new URL(cfg.endpoint);
  }

  private target(key: string): { url: string; host: string; path: string } {
    const object = `${this.cfg.prefix ?? ''}${checkKey(key)}`;
    const host = this.cfg.pathStyle ? this.base.host : `${this.cfg.bucket}.${this.base.host}`;
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const path = this.cfg.pathStyle ? `${basePath}/${this.cfg.bucket}/${object}` : `${basePath}/${object}`;
    return { url: `${this.base.protocol}//${host}${encodePath(path)}`, host, path };
  }

  private async send(method: string, key: string, body?: Buffer, extra: Record<string, string> = {}) {
    const t = this.target(key);
    const headers = signV4({
      method,
      host: t.host,
      path: t.path,
      region: this.cfg.region,
      accessKeyId: this.cfg.accessKeyId,
      secretAccessKey: this.cfg.secretAccessKey,
      payloadHash: sha256Hex(body ?? ''),
      at: this.now(),
      headers: extra,
    });
    return fetch(t.url, { method, headers, ...(body && { body: new Uint8Array(body) }) });
  }

  async put(key: string, data: Buffer, mimeType: string): Promise<void> {
    const res = await this.send('PUT', key, data, { 'content-type': mimeType });
    if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status}`);
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const res = await this.send(
      'GET',
      key,
      undefined,
      range ? { range: `bytes=${range.start}-${range.end}` } : {},
    );
    if (!res.ok || !res.body) throw new Error(`S3 GET ${key}: ${res.status}`);
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  }

  async remove(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key}: ${res.status}`);
  }
}
