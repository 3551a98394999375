import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newWebhookSecret, verifyWebhook } from '../../src/core/webhook-signature.js';
import {
  SIM_PAY_EXACT,
  SimulatedPaymentProvider,
  type SimPayOptions,
} from '../../src/integrations/payments/simulator/sim-provider.js';
import { ManualTimers } from '../../src/integrations/payments/simulator/timers.js';
import { providerCallbackBody, type ProviderCallback } from '../../src/modules/payments/provider.js';

/** One request as the receiving end saw it. */
export interface Received {
  webhookId: string;
  /** Virtual time (ManualTimers) at arrival. */
  at: number;
  verified: boolean;
  /** The parsed body; null when it did not match the callback schema. */
  body: ProviderCallback | null;
  raw: string;
}

/**
 * A stand-in for the CRM's callback route: a plain HTTP server that verifies the signature, parses
 * the body with the shared schema and answers with whatever status the test scripts (200 by default).
 */
export class Receiver {
  readonly secret = newWebhookSecret();
  readonly received: Received[] = [];
  /** Answers to give, in order; once used up every request gets 200. */
  script: number[] = [];
  private server!: Server;
  url = '';

  constructor(private readonly timers: ManualTimers) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const verified = verifyWebhook([this.secret], req.headers, raw) === null;
        const parsed = providerCallbackBody.safeParse(JSON.parse(raw.toString('utf8')));
        this.received.push({
          webhookId: String(req.headers['webhook-id']),
          at: this.timers.now(),
          verified,
          body: parsed.success ? parsed.data : null,
          raw: raw.toString('utf8'),
        });
        const status = this.script.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? '{"ok":true}' : '{"code":"nope"}');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/payments/callbacks/sim`;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  types(): string[] {
    return this.received.map((r) => r.body?.type ?? 'unparsed');
  }
}

/** A provider on virtual time that calls `receiver`, exact unless the test asks for misbehaviour. */
export function simulator(receiver: Receiver, timers: ManualTimers, opts: Partial<SimPayOptions> = {}) {
  return new SimulatedPaymentProvider({
    baseUrl: 'http://crm.test',
    secret: () => receiver.secret,
    timers,
    seed: 42,
    log: { warn: () => {} },
    ...SIM_PAY_EXACT,
    ...opts,
    retry: { ...SIM_PAY_EXACT.retry, ...opts.retry },
  });
}

let n = 0;
/** A payment request as the CRM would create it (the id is what callbacks echo). */
export function paymentRequest(receiver: Receiver, amount = 10_000, currency = 'USD') {
  n += 1;
  return {
    requestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    amount,
    currency,
    returnUrl: 'http://crm.test/cabinet/payments',
    callbackUrl: receiver.url,
    description: `Deposit to account 1000${n}`,
  };
}
