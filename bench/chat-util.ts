// Helpers of the chat benchmark (bench/chat.ts): the day's emails over SMTP, a task pool, a stall watch.
import nodemailer from 'nodemailer';
import { nowMs, progress, sleep } from './harness.js';

const STALL_MS = 20_000; // no message delivered for this long: give up, count what is missing

export /** Runs `count` tasks `width` at a time; failures are counted and the first one kept. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>) {
  let next = 0;
  let failed = 0;
  let first = '';
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        await task(i).catch((err: unknown) => {
          failed += 1;
          first ||= String(err);
        });
      }
    }),
  );
  return { failed, first };
}

export /** One check for many waiters: resolves when nothing was delivered for STALL_MS (or never, once stopped). */
function stallWatch(lastDelivery: () => number) {
  let stalled = false;
  let over = false;
  const promise = (async () => {
    while (!stalled && !over) {
      await sleep(500);
      if (nowMs() - lastDelivery() > STALL_MS) {
        stalled = true;
        progress(`nothing delivered for ${STALL_MS / 1000} s; stopping`);
      }
    }
  })();
  return { promise, stalled: () => stalled, stop: () => void (over = true) };
}

/** The day's customers writing in: plain SMTP to the desk's listener, a few connections at once. */
export class Mailbox {
  sent = 0;
  private accepted = 0;
  private firstError = '';
  private readonly inflight: Promise<void>[] = [];
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;

  /** Mails answered 4xx and sent again. */
  retried = 0;

  constructor(port: number) {
    this.transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 4,
    });
  }

  /** One email from its own sender (the desk acknowledges a few per sender an hour). */
  send(): void {
    const k = this.sent++;
    const mail = {
      from: `Customer ${k} <customer.${k}@mail.bench.local>`,
      to: 'support@bench.local',
      subject: `Withdrawal question ${k}`,
      text: `Hello, where is my withdrawal? Reference bench-email-${k}.`,
      messageId: `<bench-email-${k}@mail.bench.local>`,
    };
    // A 4xx ("try again later") is retried, as a sending mail server does (sooner: a bench, not a day).
    const attempt = async (tries: number): Promise<void> => {
      try {
        await this.transport.sendMail(mail);
        this.accepted += 1;
      } catch (err) {
        const temporary = /^4\d\d$/.test(String((err as { responseCode?: number }).responseCode ?? ''));
        if (temporary && tries < 5) {
          this.retried += 1;
          await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** tries));
          return attempt(tries + 1);
        }
        this.firstError ||= String(err);
      }
    };
    this.inflight.push(attempt(0));
  }

  async done(): Promise<{ accepted: number; retried: number; firstError: string }> {
    await Promise.all(this.inflight);
    this.transport.close();
    return { accepted: this.accepted, retried: this.retried, firstError: this.firstError };
  }
}
