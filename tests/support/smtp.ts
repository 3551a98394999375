import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback (random port) that keeps every message it receives, parsed. Tests start
 * the app with `env: { SMTP_URL: smtp.url }` and read what was actually delivered over the wire.
 */
export class TestSmtp {
  readonly messages: CapturedMail[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<TestSmtp> {
    const received: CapturedMail[] = [];
    let deliver: (mail: CapturedMail) => void = (mail) => void received.push(mail);
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            deliver({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              parsed,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const self = new TestSmtp(server, port);
    // Anything that arrived before the instance existed (nothing, in practice) is kept in order.
    for (const mail of received) self.push(mail);
    deliver = (mail) => self.push(mail);
    return self;
  }

  private push(mail: CapturedMail): void {
    this.messages.push(mail);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves with the first message (already received or arriving later) that matches. */
  async next(match: (m: CapturedMail) => boolean, timeoutMs = 5000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching mail within ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((m) => [m.to, m.subject]))}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Every message to one address, oldest first. */
  to(address: string): CapturedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()) || m.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
