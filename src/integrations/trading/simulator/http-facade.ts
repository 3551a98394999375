import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZodError } from 'zod';
import { AppError } from '../../../core/errors.js';
import type { TradingPlatform } from '../../../modules/trading/index.js';
import { gatewayCommands, type GatewayCommand } from '../gateway-platform.js';
import { SIGNATURE_TOLERANCE_SECONDS, verifyWebhook } from '../../../core/webhook-signature.js';

/**
 * A reference gateway: answers BrokerDesk's signed commands (see the table at the top of
 * gateway-platform.ts) from any TradingPlatform, here the built-in simulator. A real gateway does the
 * same in front of its MT4/MT5 server: verify the signature and timestamp, refuse a replayed
 * `webhook-id`, run the command, answer JSON (errors as `{code, message, field?}`).
 */
export interface FacadeOptions {
  /** Accepted secrets (several while one is being rotated). */
  secrets: () => readonly string[];
  maxBodyBytes?: number;
}

const COMMANDS = new Set(Object.keys(gatewayCommands));

export function gatewayFacadeHandler(platform: TradingPlatform, opts: FacadeOptions) {
  const seen = new Map<string, number>();
  const rememberFor = SIGNATURE_TOLERANCE_SECONDS * 2 * 1000;

  async function run(command: GatewayCommand, input: unknown): Promise<unknown> {
    switch (command) {
      case 'openAccount': {
        const r = gatewayCommands.openAccount.request.parse(input);
        return platform.openAccount({
          ...r,
          ...(r.demoDeposit !== undefined ? { demoDeposit: r.demoDeposit } : {}),
        });
      }
      case 'balanceOperation': {
        const r = gatewayCommands.balanceOperation.request.parse(input);
        return platform.balanceOperation(r.login, r.op);
      }
      case 'readAccount':
        return platform.readAccount(gatewayCommands.readAccount.request.parse(input).login);
      case 'positions':
        return { positions: await platform.positions(gatewayCommands.positions.request.parse(input).login) };
      case 'deals': {
        const r = gatewayCommands.deals.request.parse(input);
        const range = {
          ...(r.from ? { from: new Date(r.from) } : {}),
          ...(r.to ? { to: new Date(r.to) } : {}),
        };
        return { deals: await platform.deals(r.login, range) };
      }
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const command = /^\/commands\/([A-Za-z]+)$/.exec(req.url ?? '')?.[1];
      if (req.method !== 'POST' || !command || !COMMANDS.has(command))
        return reply(404, { code: 'not_found', message: 'No such command' });
      const body = await readBody(req, opts.maxBodyBytes ?? 1024 * 1024);
      if (!body) return reply(413, { code: 'too_large', message: 'Body too large' });
      const failure = verifyWebhook(opts.secrets(), req.headers, body);
      if (failure) return reply(401, { code: failure, message: 'Signature check failed' });
      const id = String(req.headers['webhook-id']);
      const now = Date.now();
      for (const [k, until] of seen) if (until < now) seen.delete(k);
      if (seen.has(id)) return reply(409, { code: 'replayed', message: 'This command was already received' });
      seen.set(id, now + rememberFor);
      reply(200, await run(command as GatewayCommand, JSON.parse(body.toString('utf8'))));
    } catch (err) {
      if (err instanceof AppError)
        return reply(err.status, {
          code: err.code,
          message: err.message,
          ...(err.field ? { field: err.field } : {}),
        });
      if (err instanceof ZodError || err instanceof SyntaxError)
        return reply(400, { code: 'bad_request', message: 'Malformed command' });
      reply(500, { code: 'internal', message: 'The gateway failed' });
    }
  };
}

/** Starts the facade on a loopback port; `url` is what TRADING_GATEWAY_URL would be. */
export async function startGatewayFacade(
  platform: TradingPlatform,
  opts: FacadeOptions & { port?: number; host?: string },
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const handler = gatewayFacadeHandler(platform, opts);
  const server = createServer((req, res) => void handler(req, res));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
