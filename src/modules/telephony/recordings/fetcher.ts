import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { fileTypeFromBuffer } from 'file-type';
import { forbiddenAddress, hostAllowed } from './address.js';

/** A resolved address of a host name. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** Host name → every address it resolves to (the default is the system resolver, dns.lookup all). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export interface FetcherOptions {
  /** The provider hosts recordings may come from: exact names or `*.example.com`. Empty: none. */
  allowedHosts: readonly string[];
  /** The largest recording taken, in bytes. */
  maxBytes: number;
  /** Plain http as well as https (off by default: a recording is a client's voice). */
  allowHttp?: boolean;
  maxRedirects?: number;
  timeoutMs?: number;
  resolve?: Resolver;
  /**
   * An endpoint (resolved address and port) exempt from the address rule and the https rule — never
   * from the host list. Only the composition root's in-process simulated PBX and tests give one; there
   * is no configuration key for it, so loopback, private and link-local addresses are refused whatever
   * the environment says.
   */
  trusted?: (address: string, port: number) => boolean;
  /** Extra request headers for a URL (a provider's credentials for its own host). */
  headers?: (url: URL) => Record<string, string>;
}

export type FetchRefusal =
  | 'bad_url'
  | 'scheme_not_allowed'
  | 'host_not_allowed'
  | 'forbidden_address'
  | 'dns_failed'
  | 'too_many_redirects'
  | 'http_status'
  | 'too_large'
  | 'not_audio'
  | 'timeout'
  | 'network';

/** Refusals that will not change on a retry: the recording is marked failed at once. */
export const PERMANENT_REFUSALS: ReadonlySet<FetchRefusal> = new Set([
  'bad_url',
  'scheme_not_allowed',
  'host_not_allowed',
  'forbidden_address',
  'too_many_redirects',
  'too_large',
  'not_audio',
]);

export class RecordingFetchError extends Error {
  constructor(
    readonly code: FetchRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface FetchedAudio {
  data: Buffer;
  mimeType: string;
  ext: string;
  /** The URL the audio finally came from (after redirects). */
  url: string;
}

const fail = (code: FetchRefusal, message: string) => new RecordingFetchError(code, message);

/**
 * Downloads a recording from a provider without letting the URL reach anything inside: only the
 * configured hosts, over https (http when allowed), every address the host resolves to checked
 * (loopback, private, link-local, shared, ULA, IPv4-mapped forms… refused: address.ts) and the
 * connection pinned to the checked address (no second resolution a DNS rebinding could answer),
 * redirects followed by hand with the same checks at every hop, at most `maxBytes`, and only audio
 * (the bytes are sniffed with file-type, whatever Content-Type says).
 */
export class RecordingFetcher {
  private readonly resolve: Resolver;
  private readonly local: { host: string; port: () => number | null; path: string }[] = [];
  constructor(private readonly opts: FetcherOptions) {
    this.resolve = opts.resolve ?? systemResolver;
  }

  /**
   * For the composition root only, when the in-process simulated PBX is the phone system: its
   * recordings are served by this app (`<baseUrl>/sim/pbx/recordings/…`). The host becomes a provider
   * host, and a loopback address is accepted for it on this app's own port (read when fetching:
   * known once the server listens) and under `path` only — no other port, no other inside address,
   * none of this app's own API.
   */
  trustLocal(host: string, port: () => number | null, path = '/sim/pbx/recordings/'): void {
    this.local.push({ host: host.toLowerCase(), port, path });
  }

  private localPort(url: URL, host: string): number | null {
    const entry = this.local.find((l) => l.host === host.toLowerCase() && url.pathname.startsWith(l.path));
    return entry ? entry.port() : null;
  }

  async fetch(rawUrl: string): Promise<FetchedAudio> {
    let url = this.parse(rawUrl);
    const maxRedirects = this.opts.maxRedirects ?? 3;
    for (let hop = 0; ; hop++) {
      const target = await this.check(url);
      const res = await this.request(url, target);
      if (res.kind === 'redirect') {
        if (hop >= maxRedirects) throw fail('too_many_redirects', `More than ${maxRedirects} redirects`);
        url = this.parse(new URL(res.location, url).toString());
        continue;
      }
      const type = await fileTypeFromBuffer(res.data);
      if (!type || !type.mime.startsWith('audio/'))
        throw fail('not_audio', `The recording is not audio (${type?.mime ?? 'unknown type'})`);
      return { data: res.data, mimeType: type.mime, ext: type.ext, url: url.toString() };
    }
  }

  private parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw fail('bad_url', 'Not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw fail('scheme_not_allowed', `Scheme ${url.protocol} is not allowed`);
    if (url.username || url.password) throw fail('bad_url', 'Credentials in the URL are not accepted');
    return url;
  }

  /** The host must be a provider host; every address it resolves to must be public (or a trusted endpoint). */
  private async check(url: URL): Promise<ResolvedAddress> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const local = this.localPort(url, host);
    if (!hostAllowed(host, this.opts.allowedHosts) && local === null)
      throw fail('host_not_allowed', `${host} is not a configured recording host`);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    let addresses: ResolvedAddress[];
    const literal = isIP(host);
    if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
    else {
      try {
        addresses = await this.resolve(host);
      } catch {
        throw fail('dns_failed', `${host} does not resolve`);
      }
    }
    if (!addresses.length) throw fail('dns_failed', `${host} does not resolve`);
    const trusted = (a: ResolvedAddress) =>
      (local !== null && port === local && forbiddenAddress(a.address) === 'loopback') ||
      (this.opts.trusted?.(a.address, port) ?? false);
    // Every answer is checked, not only the first: a round-robin answer mixing a public and a private
    // address is refused rather than connected at random.
    for (const a of addresses) {
      const reason = forbiddenAddress(a.address);
      if (reason && !trusted(a)) throw fail('forbidden_address', `${host} resolves to a ${reason} address`);
    }
    if (url.protocol === 'http:' && !this.opts.allowHttp && !addresses.every(trusted))
      throw fail('scheme_not_allowed', 'Recordings are fetched over https');
    return addresses[0]!;
  }

  private request(
    url: URL,
    pinned: ResolvedAddress,
  ): Promise<{ kind: 'redirect'; location: string } | { kind: 'body'; data: Buffer }> {
    const max = this.opts.maxBytes;
    // The connection goes to the checked address only: Node would otherwise resolve the name again.
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
      else callback(null, pinned.address, pinned.family);
    };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'GET',
          lookup,
          headers: { accept: 'audio/*', ...this.opts.headers?.(url) },
          timeout: this.opts.timeoutMs ?? 15_000,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume();
            return resolve({ kind: 'redirect', location: res.headers.location });
          }
          if (status < 200 || status >= 300) {
            res.resume();
            return reject(fail('http_status', `The provider answered ${status}`));
          }
          const declared = Number(res.headers['content-length'] ?? NaN);
          if (declared > max) {
            req.destroy();
            return reject(fail('too_large', `The recording is larger than ${max} bytes`));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > max) {
              req.destroy();
              reject(fail('too_large', `The recording is larger than ${max} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => resolve({ kind: 'body', data: Buffer.concat(chunks) }));
          res.on('error', (e) => reject(fail('network', e.message)));
        },
      );
      req.on('timeout', () => req.destroy(fail('timeout', 'The provider did not answer in time')));
      req.on('error', (e) =>
        reject(e instanceof RecordingFetchError ? e : fail('network', (e as Error).message)),
      );
      req.end();
    });
  }
}
