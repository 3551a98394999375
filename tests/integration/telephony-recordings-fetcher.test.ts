import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RecordingFetcher,
  forbiddenAddress,
  type FetcherOptions,
  type Resolver,
} from '../../src/modules/telephony/recordings/index.js';
import { fakeProvider, wav } from './telephony-recordings.fixtures.js';

// The fetcher's refusals. Names resolve through an injected resolver (a fake DNS), so a "provider host"
// can point at any address; the connection itself is real. A loopback test server is reachable only
// when a test names its exact address:port as `trusted` (the option no configuration can set) — so
// every refusal below is what production does, and the one allowed fetch proves the pinning works.

let good: Awaited<ReturnType<typeof fakeProvider>>;
let inside: Awaited<ReturnType<typeof fakeProvider>>;
const audio = wav(1.5);

const dns: Record<string, string[]> = {
  'rec.provider.test': ['127.0.0.1'],
  'loopback.provider.test': ['127.0.0.1'],
  'metadata.provider.test': ['169.254.169.254'],
  'private10.provider.test': ['10.1.2.3'],
  'private172.provider.test': ['172.20.0.5'],
  'private192.provider.test': ['192.168.1.10'],
  'cgnat.provider.test': ['100.64.0.1'],
  'ula.provider.test': ['fd12:3456::1'],
  'v6loop.provider.test': ['::1'],
  'mapped.provider.test': ['::ffff:127.0.0.1'],
  'mixed.provider.test': ['93.184.216.34', '10.0.0.1'],
};
const resolve: Resolver = async (host) => {
  const list = dns[host];
  if (!list) throw new Error('ENOTFOUND');
  return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

beforeAll(async () => {
  inside = await fakeProvider((_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/wav' });
    res.end(audio);
  });
  good = await fakeProvider((req, res) => {
    const u = new URL(req.url!, 'http://x');
    if (u.pathname === '/ok.wav' || u.pathname === '/sim/pbx/recordings/ok.wav') {
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(audio.length) });
      res.end(audio);
    } else if (u.pathname === '/redirect') {
      res.writeHead(302, { location: u.searchParams.get('to')! });
      res.end();
    } else if (u.pathname === '/html') {
      res.writeHead(200, { 'content-type': 'audio/wav' });
      res.end('<html><body>not audio</body></html>');
    } else if (u.pathname === '/big') {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'audio/wav' });
      res.write(audio);
      res.end(Buffer.alloc(64 * 1024));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});
afterAll(async () => {
  await good?.close();
  await inside?.close();
});

const fetcher = (over: Partial<FetcherOptions> = {}) =>
  new RecordingFetcher({
    allowedHosts: ['*.provider.test'],
    maxBytes: 32 * 1024,
    resolve,
    // Only the "good provider" test server's exact endpoint; `inside` is never trusted.
    trusted: (address, port) => address === '127.0.0.1' && port === good.port,
    ...over,
  });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'fetched',
    (e: { code?: string }) => e.code ?? String(e),
  );

describe('address rules', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link_local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['0.0.0.0', 'this_network'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique_local'],
    ['fdff:ffff::1', 'unique_local'],
    ['fe80::1%eth0', 'link_local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['::ffff:192.168.1.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link_local'],
    ['::127.0.0.1', 'ipv4_compatible'],
    ['ff02::1', 'multicast'],
  ])('%s is refused (%s)', (ip, reason) => {
    expect(forbiddenAddress(ip)).toBe(reason);
  });
  it.each(['93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:93.184.216.34'])(
    '%s is public',
    (ip) => expect(forbiddenAddress(ip)).toBeNull(),
  );
});

describe('RecordingFetcher', () => {
  it('fetches audio from an allowed host, pinned to the checked address, and sniffs the type', async () => {
    const got = await fetcher().fetch(`http://rec.provider.test:${good.port}/ok.wav`);
    expect(got.mimeType).toBe('audio/wav');
    expect(got.ext).toBe('wav');
    expect(got.data.equals(audio)).toBe(true);
  });

  it('refuses a loopback test server by default: no trusted endpoint, no exemption', async () => {
    const hitsBefore = good.hits.length;
    expect(
      await refusal(fetcher({ trusted: undefined }).fetch(`http://rec.provider.test:${good.port}/ok.wav`)),
    ).toBe('forbidden_address');
    expect(good.hits.length).toBe(hitsBefore); // refused before connecting
  });

  it.each([
    ['loopback', 'loopback.provider.test'],
    ['link-local (cloud metadata)', 'metadata.provider.test'],
    ['private 10/8', 'private10.provider.test'],
    ['private 172.16/12', 'private172.provider.test'],
    ['private 192.168/16', 'private192.provider.test'],
    ['shared 100.64/10', 'cgnat.provider.test'],
    ['ULA fc00::/7', 'ula.provider.test'],
    ['IPv6 loopback', 'v6loop.provider.test'],
    ['IPv4-mapped loopback', 'mapped.provider.test'],
    ['a mix of public and private answers', 'mixed.provider.test'],
  ])('refuses a provider host resolving to %s', async (_what, host) => {
    // `inside` is a live loopback server on another port: it must never be reached.
    const before = inside.hits.length;
    expect(await refusal(fetcher().fetch(`http://${host}:${inside.port}/x.wav`))).toBe('forbidden_address');
    expect(inside.hits.length).toBe(before);
  });

  it('refuses hosts that are not provider hosts, literal addresses included', async () => {
    expect(await refusal(fetcher().fetch(`http://127.0.0.1:${inside.port}/x.wav`))).toBe('host_not_allowed');
    expect(await refusal(fetcher().fetch(`http://[::1]:${inside.port}/x.wav`))).toBe('host_not_allowed');
    expect(await refusal(fetcher().fetch('https://evil.example/x.wav'))).toBe('host_not_allowed');
    expect(await refusal(fetcher().fetch('https://provider.test.evil.example/x.wav'))).toBe(
      'host_not_allowed',
    );
    expect(await refusal(fetcher().fetch('file:///etc/passwd'))).toBe('scheme_not_allowed');
    // Even a misconfigured host list naming a loopback literal does not open it.
    expect(
      await refusal(fetcher({ allowedHosts: ['127.0.0.1'] }).fetch(`http://127.0.0.1:${inside.port}/x.wav`)),
    ).toBe('forbidden_address');
    expect(inside.hits).toHaveLength(0);
  });

  it('follows redirects by hand and re-checks every hop: a redirect to loopback is refused', async () => {
    const to = (target: string) =>
      `http://rec.provider.test:${good.port}/redirect?to=${encodeURIComponent(target)}`;
    const f = fetcher({ allowHttp: true });
    expect(await refusal(f.fetch(to(`http://127.0.0.1:${inside.port}/x.wav`)))).toBe('host_not_allowed');
    expect(await refusal(f.fetch(to(`http://loopback.provider.test:${inside.port}/x.wav`)))).toBe(
      'forbidden_address',
    );
    expect(await refusal(f.fetch(to('http://metadata.provider.test/latest/meta-data/')))).toBe(
      'forbidden_address',
    );
    expect(await refusal(f.fetch(to(`http://mapped.provider.test:${inside.port}/x.wav`)))).toBe(
      'forbidden_address',
    );
    expect(inside.hits).toHaveLength(0);
    // A redirect to the same provider's file is followed.
    const ok = await f.fetch(to(`http://rec.provider.test:${good.port}/ok.wav`));
    expect(ok.data.length).toBe(audio.length);
    // Loops end.
    const loop = `http://rec.provider.test:${good.port}/redirect?to=${encodeURIComponent(to(`http://rec.provider.test:${good.port}/ok.wav`))}`;
    expect(await refusal(fetcher({ maxRedirects: 1 }).fetch(loop))).toBe('too_many_redirects');
  });

  it('refuses what is not audio and what is larger than the cap', async () => {
    expect(await refusal(fetcher().fetch(`http://rec.provider.test:${good.port}/html`))).toBe('not_audio');
    expect(await refusal(fetcher().fetch(`http://rec.provider.test:${good.port}/big`))).toBe('too_large');
    // Declared too large: refused from the header.
    expect(
      await refusal(fetcher({ maxBytes: 1000 }).fetch(`http://rec.provider.test:${good.port}/ok.wav`)),
    ).toBe('too_large');
    expect(await refusal(fetcher().fetch(`http://rec.provider.test:${good.port}/missing`))).toBe(
      'http_status',
    );
  });

  it('trusts the in-process simulator’s host on the app’s own port only (trustLocal)', async () => {
    const f = fetcher({ trusted: undefined, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(await refusal(f.fetch(`http://localhost:${good.port}/ok.wav`))).toBe('host_not_allowed');
    f.trustLocal('localhost', () => good.port);
    expect((await f.fetch(`http://localhost:${good.port}/sim/pbx/recordings/ok.wav`)).mimeType).toBe(
      'audio/wav',
    );
    // Only the simulator's recordings: the same port's other paths (the app's own API) stay refused.
    expect(await refusal(f.fetch(`http://localhost:${good.port}/ok.wav`))).toBe('host_not_allowed');
    // Another port of the same host, or another inside address, stays refused.
    expect(await refusal(f.fetch(`http://localhost:${inside.port}/sim/pbx/recordings/x.wav`))).toBe(
      'forbidden_address',
    );
    const metadata = fetcher({
      trusted: undefined,
      resolve: async () => [{ address: '169.254.169.254', family: 4 }],
    });
    metadata.trustLocal('localhost', () => 80, '/');
    expect(await refusal(metadata.fetch('http://localhost/latest/meta-data/'))).toBe('forbidden_address');
    expect(inside.hits).toHaveLength(0);
  });

  it('uses https unless plain http is allowed (or the endpoint is the trusted one)', async () => {
    expect(
      await refusal(
        fetcher({ resolve: async () => [{ address: '93.184.216.34', family: 4 }], timeoutMs: 200 }).fetch(
          'http://public.provider.test/x.wav',
        ),
      ),
    ).toBe('scheme_not_allowed');
  });
});
