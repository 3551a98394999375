/**
 * # Gateway commands
 *
 * With `TRADING_PLATFORM=gateway` BrokerDesk reaches the trading platform through a gateway (an MT4/MT5
 * plugin or bridge). The gateway pushes the platform's events to `POST /api/trading/ingest`; BrokerDesk
 * sends it commands:
 *
 * `POST ${TRADING_GATEWAY_URL}/commands/<name>` with a JSON body, signed like the ingestion batches
 * (Standard Webhooks): headers `webhook-id` (unique per command, `cmd_<uuid>`), `webhook-timestamp`
 * (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` with
 * the shared `whsec_` secret). The gateway must verify the signature, refuse timestamps more than five
 * minutes off, and should refuse a `webhook-id` it has already seen.
 *
 * | name               | request body                                                                  | 200 response                  |
 * | ------------------ | ----------------------------------------------------------------------------- | ----------------------------- |
 * | `openAccount`      | `{clientId, name, email \| null, kind: "demo"\|"live", currency, leverage, demoDeposit?}` | `{login, password, investorPassword, server}` |
 * | `balanceOperation` | `{login, op: {id, kind: "deposit"\|"withdrawal"\|"credit"\|"correction", amount, comment?}}` | account state `{balance, credit, equity, margin, freeMargin, marginLevel}` |
 * | `readAccount`      | `{login}`                                                                     | `{login, kind, currency, leverage, online, balance, credit, equity, margin, freeMargin, marginLevel}` |
 * | `positions`        | `{login}`                                                                     | `{positions: Position[]}` (open positions, the `position` object of the event format) |
 * | `deals`            | `{login, from?: ISO 8601, to?: ISO 8601}` (both inclusive)                     | `{deals: (Deal & {at: ISO 8601})[]}` |
 *
 * - `balanceOperation` is idempotent by `op.id`: a repeated id changes nothing and answers the current
 *   state. `amount` is signed (a withdrawal is negative).
 * - `openAccount` returns the terminal password once; BrokerDesk shows and emails it and never stores it.
 * - Errors: any non-2xx status with `{code, message, field?}`. 400, 404, 409 and 422 reach the user as
 *   they are (e.g. 409 `insufficient_free_margin` for a withdrawal larger than the free margin, 404 for
 *   an unknown login); anything else, or no answer within 10 s, is reported as the platform being
 *   unavailable (502).
 *
 * A reference gateway over the built-in simulator is src/integrations/trading/simulator/http-facade.ts.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import {
  ACCOUNT_KINDS,
  type AccountSnapshot,
  type AccountState,
  accountStateSchema,
  balanceOpSchema,
  dealSchema,
  type OpenAccountRequest,
  type OpenedAccount,
  type PlatformBalanceOp,
  type PlatformDeal,
  type PlatformPosition,
  positionSchema,
  type TradingPlatform,
} from '../../modules/trading/index.js';
import { signWebhook } from '../../core/webhook-signature.js';

const login = z.string().min(1).max(64);

/** Request and response shapes of each command (the gateway facade validates with the same ones). */
export const gatewayCommands = {
  openAccount: {
    request: z.strictObject({
      clientId: z.string().min(1).max(64),
      name: z.string().max(200),
      email: z.string().max(320).nullable(),
      kind: z.enum(ACCOUNT_KINDS),
      currency: z.string().min(3).max(3),
      leverage: z.number().int().positive(),
      demoDeposit: z.number().finite().nonnegative().optional(),
    }),
    response: z.object({
      login,
      password: z.string().min(1),
      investorPassword: z.string().min(1),
      server: z.string().min(1),
    }),
  },
  balanceOperation: {
    request: z.strictObject({ login, op: balanceOpSchema }),
    response: z.object(accountStateSchema.shape),
  },
  readAccount: {
    request: z.strictObject({ login }),
    response: z.object({
      ...accountStateSchema.shape,
      login,
      kind: z.enum(ACCOUNT_KINDS),
      currency: z.string(),
      leverage: z.number().int().positive(),
      online: z.boolean(),
    }),
  },
  positions: {
    request: z.strictObject({ login }),
    response: z.object({ positions: z.array(positionSchema) }),
  },
  deals: {
    request: z.strictObject({
      login,
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    }),
    response: z.object({ deals: z.array(dealSchema.extend({ at: z.iso.datetime({ offset: true }) })) }),
  },
} as const;

export type GatewayCommand = keyof typeof gatewayCommands;

export interface GatewayOptions {
  /** TRADING_GATEWAY_URL: commands go to `${url}/commands/<name>`. */
  url: string;
  /** The current signing secret(s), space-separated while rotating; the first one signs. */
  secret: () => string;
  /** Stored on accounts opened through it (default 'gateway'). */
  name?: string;
  timeoutMs?: number;
}

/** Status codes that are the user's business (bad input, unknown account, refused operation). */
const PASS_THROUGH = new Set([400, 404, 409, 422]);

/** The TradingPlatform adapter for an external gateway: commands over signed HTTP, events by ingestion. */
export class GatewayTradingPlatform implements TradingPlatform {
  readonly name: string;
  private readonly base: string;

  constructor(private readonly opts: GatewayOptions) {
    this.name = opts.name ?? 'gateway';
    this.base = opts.url.replace(/\/+$/, '');
  }

  openAccount(request: OpenAccountRequest): Promise<OpenedAccount> {
    return this.send('openAccount', request);
  }

  balanceOperation(login: string, op: PlatformBalanceOp): Promise<AccountState> {
    return this.send('balanceOperation', { login, op });
  }

  readAccount(login: string): Promise<AccountSnapshot> {
    return this.send('readAccount', { login });
  }

  async positions(login: string): Promise<PlatformPosition[]> {
    return (await this.send('positions', { login })).positions;
  }

  async deals(
    login: string,
    range: { from?: Date; to?: Date } = {},
  ): Promise<(PlatformDeal & { at: string })[]> {
    const body = {
      login,
      ...(range.from ? { from: range.from.toISOString() } : {}),
      ...(range.to ? { to: range.to.toISOString() } : {}),
    };
    return (await this.send('deals', body)).deals;
  }

  /** A gateway pushes its events to POST /api/trading/ingest itself: nothing to pull here. */
  subscribe(): () => void {
    return () => {};
  }

  private async send<C extends GatewayCommand>(
    command: C,
    body: z.input<(typeof gatewayCommands)[C]['request']>,
  ): Promise<z.infer<(typeof gatewayCommands)[C]['response']>> {
    const json = JSON.stringify(body);
    const secret = this.opts.secret().trim().split(/\s+/)[0] ?? '';
    const headers = signWebhook(secret, `cmd_${randomUUID()}`, json);
    let res: Response;
    try {
      res = await fetch(`${this.base}/commands/${command}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: json,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch {
      throw unavailable(`The trading platform gateway did not answer (${command})`);
    }
    const text = await res.text().catch(() => '');
    let payload: unknown;
    try {
      payload = text ? JSON.parse(text) : undefined;
    } catch {
      payload = undefined;
    }
    if (!res.ok) {
      const err = z
        .object({ code: z.string(), message: z.string(), field: z.string().optional() })
        .safeParse(payload);
      if (PASS_THROUGH.has(res.status) && err.success)
        throw new AppError(res.status, err.data.code, err.data.message, err.data.field);
      if (res.status === 401 || res.status === 403)
        throw unavailable('The trading platform gateway refused our signature: check TRADING_WEBHOOK_SECRET');
      throw unavailable(
        `The trading platform gateway failed (${command}: ${res.status}${err.success ? ` ${err.data.message}` : ''})`,
      );
    }
    const parsed = gatewayCommands[command].response.safeParse(payload);
    if (!parsed.success)
      throw new AppError(
        502,
        'platform_bad_response',
        `The trading platform gateway sent a malformed ${command} answer`,
      );
    return parsed.data as z.infer<(typeof gatewayCommands)[C]['response']>;
  }
}

const unavailable = (message: string) => new AppError(502, 'platform_unavailable', message);
