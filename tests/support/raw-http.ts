import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes bytes to the server over a plain TCP socket and parses the one response that comes back:
 * for requests no HTTP client would send (malformed escapes, broken request lines, huge headers).
 */
export function rawRequest(url: string, bytes: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', () => {}); // the server may reset after answering; what it wrote still counts
    socket.on('close', () => {
      const split = data.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP response: ${JSON.stringify(data.slice(0, 200))}`));
      const [statusLine, ...lines] = data.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: data.slice(split + 4) });
    });
    socket.write(bytes, 'latin1');
  });
}

/** A GET for `path` exactly as written (no encoding), closing the connection after the answer. */
export const rawGet = (url: string, path: string, extraHeaders = '') =>
  rawRequest(url, `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${extraHeaders}Connection: close\r\n\r\n`);
