import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { EmailInbound, InboundResult } from './inbound.js';

export interface SmtpSettings {
  port: number;
  host: string;
  /** The addresses RCPT TO may name; any other recipient is refused with 550 (we relay nothing). */
  addresses: string[];
  maxBytes: number;
}

/**
 * The desk's own SMTP listener: the broker's MX (or a forwarding rule) hands support mail to it.
 * Plain SMTP without AUTH: it only accepts mail *for* the support addresses, so it is not a relay.
 * Each accepted message is parsed and taken by EmailInbound in one transaction before we answer 250,
 * so a sender whose delivery failed retries and a retried one is recognised by its Message-ID.
 */
export interface SmtpLog {
  error(msg: string, err?: unknown): void;
  /** A dropped mail (a bounce that is not ours, an auto-reply to nothing): why, and whose it was. */
  info(msg: string, data: Record<string, unknown>): void;
}

export class SupportSmtpServer {
  private server: SMTPServer | null = null;
  private boundPort = 0;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly inbound: EmailInbound,
  ) {}

  private log: SmtpLog = { error: () => {}, info: () => {} };
  /** Each accepted message's outcome (tests wait on it). */
  readonly results: InboundResult[] = [];

  onLog(log: SmtpLog): void {
    this.log = log;
  }

  get port(): number {
    return this.boundPort;
  }
  get host(): string {
    return this.settings.host;
  }

  async start(): Promise<void> {
    const addresses = new Set(this.settings.addresses.map((a) => a.toLowerCase()));
    const { maxBytes } = this.settings;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: maxBytes,
      // Bounded: unauthenticated senders may not hold unlimited connections or idle forever.
      maxClients: 100,
      socketTimeout: 60_000,
      banner: 'BrokerDesk support',
      onRcptTo: (address, _session, callback) => {
        if (addresses.has(address.address.toLowerCase())) return callback();
        const err = new Error('No such mailbox here') as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        let held = 0;
        // smtp-server only flags an oversized message and keeps streaming it: stop holding bytes past
        // the limit, so a sender cannot fill the memory before the 552.
        stream.on('data', (c: Buffer) => {
          if (held > maxBytes) return;
          held += c.length;
          chunks.push(c);
        });
        stream.on('end', () => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            const err = new Error('Message too large') as Error & { responseCode: number };
            err.responseCode = 552;
            return callback(err);
          }
          const raw = Buffer.concat(chunks);
          const mailFrom = session.envelope.mailFrom;
          // `<>` (a bounce) arrives as an empty address; false only when MAIL FROM was never given.
          const envelopeFrom = mailFrom === false ? null : mailFrom.address;
          // keepDeliveryStatus: a bounce's machine-readable part stays a part of its own (dsn.ts).
          simpleParser(raw, { keepDeliveryStatus: true })
            .then(async (parsed) => {
              const result = await this.inbound.receive(parsed, envelopeFrom);
              if (result.action === 'dropped')
                this.log.info('support email: dropped', {
                  reason: result.reason,
                  messageId: parsed.messageId ?? null,
                  envelopeFrom,
                  from: parsed.from?.value[0]?.address ?? null,
                });
              return result;
            })
            .then((result) => {
              this.results.push(result);
              callback();
            })
            .catch((err: unknown) => {
              this.log.error('support email: an inbound message failed', err);
              const e = new Error('Temporary failure, try again later') as Error & { responseCode: number };
              e.responseCode = 451;
              callback(e);
            });
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.settings.port, this.settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.log.error('support email: SMTP server error', err));
    const address = server.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.settings.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
