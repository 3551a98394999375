import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRange } from './access.js';
import { RecordingLinks } from './links.js';
import { signV4 } from './s3.js';

describe('RecordingLinks', () => {
  const links = new RecordingLinks(randomBytes(32));
  const now = new Date('2026-12-07T10:00:00Z');
  const claims = {
    recordingId: randomUUID(),
    staffId: randomUUID(),
    purpose: 'download' as const,
    expiresAt: new Date(now.getTime() + 300_000),
  };

  it('round-trips and fits one URL segment', () => {
    const token = links.sign(claims);
    expect(token.length).toBeLessThanOrEqual(100);
    expect(links.verify(token, now)).toEqual({ ok: true, claims });
  });

  it('refuses every single-character change, another key, and an expired link', () => {
    const token = links.sign(claims);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const other = alphabet[(alphabet.indexOf(token[i]!) + 1) % alphabet.length]!;
      const changed = token.slice(0, i) + other + token.slice(i + 1);
      expect(links.verify(changed, now)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(new RecordingLinks(randomBytes(32)).verify(token, now).ok).toBe(false);
    expect(links.verify(`${token}.x`, now).ok).toBe(false);
    expect(links.verify(token, claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, null],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=5-1', 'unsatisfiable'],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
  ])('%s', (header, expected) => expect(parseRange(header, 1000)).toEqual(expected));
});

describe('signV4', () => {
  it('matches the AWS documentation’s GET Object example', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html (GET with a Range).
    const headers = signV4({
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      at: new Date('2013-05-24T00:00:00Z'),
      headers: { range: 'bytes=0-9' },
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});
