import type { Clock } from '../../../core/clock.js';
import type { App } from '../../../core/http.js';
import type { Db } from '../../../db/connection.js';
import type { AttachmentStore } from '../attachments/store.js';
import type { Conversations } from '../conversations/service.js';
import type { SupportDeps } from '../index.js';
import { EmailInbound, type EmailSettings, type MailQueue } from './inbound.js';
import { EmailOutbound } from './outbound.js';
import { SupportSmtpServer } from './smtp.js';

/** The `// support — email` variables of the app's config. */
export interface EmailConfig {
  SUPPORT_SMTP_PORT: number;
  SUPPORT_SMTP_HOST: string;
  SUPPORT_ADDRESSES: string[];
  SUPPORT_SMTP_MAX_MB: number;
  SUPPORT_THREAD_DAYS: number;
  /** The attachments part's limit, which files kept from mail share with staff uploads. */
  SUPPORT_ATTACHMENT_MAX_MB: number;
}

export const DEFAULT_EMAIL_CONFIG: EmailConfig = {
  SUPPORT_SMTP_PORT: 0,
  SUPPORT_SMTP_HOST: '127.0.0.1',
  SUPPORT_ADDRESSES: ['support@brokerdesk.local'],
  SUPPORT_SMTP_MAX_MB: 25,
  SUPPORT_THREAD_DAYS: 14,
  SUPPORT_ATTACHMENT_MAX_MB: 10,
};

export interface EmailServices {
  settings: EmailSettings;
  inbound: EmailInbound;
  outbound: EmailOutbound;
  /** Null when SUPPORT_SMTP_PORT is 0 (tests that do not need it, instances that do not receive). */
  smtp: SupportSmtpServer | null;
}

/** The channel's services; the root subscribes `outbound.onMessage` to the hooks. */
export function buildEmail(opts: {
  db: Db;
  clock: Clock;
  conversations: Conversations;
  mailer: MailQueue;
  /** Files of inbound mail are stored through the attachments part, as staff uploads are. */
  attachments: AttachmentStore;
  config: EmailConfig;
}): EmailServices {
  const { config } = opts;
  const settings: EmailSettings = {
    addresses: config.SUPPORT_ADDRESSES,
    threadDays: config.SUPPORT_THREAD_DAYS,
    // Three new conversations an hour from one sender still get an answer; a loop does not.
    acksPerHour: 3,
    attachmentMaxBytes: config.SUPPORT_ATTACHMENT_MAX_MB * 1_048_576,
  };
  const inbound = new EmailInbound(
    opts.db,
    opts.clock,
    opts.conversations,
    opts.mailer,
    opts.attachments,
    settings,
  );
  const smtp =
    config.SUPPORT_SMTP_PORT === 0
      ? null
      : new SupportSmtpServer(
          {
            port: config.SUPPORT_SMTP_PORT,
            host: config.SUPPORT_SMTP_HOST,
            addresses: config.SUPPORT_ADDRESSES,
            maxBytes: config.SUPPORT_SMTP_MAX_MB * 1024 * 1024,
          },
          inbound,
        );
  return { settings, inbound, outbound: new EmailOutbound(opts.mailer, settings.addresses), smtp };
}

/**
 * Starts the SMTP listener with the app and stops it on close; logs where it listens (`npm start`
 * prints it, tests read `email.smtp.port`).
 */
export function registerEmail(app: App, deps: SupportDeps): void {
  const smtp = deps.email.smtp;
  if (!smtp) return;
  smtp.onLog({
    error: (msg, err) => app.log.error({ err }, msg),
    info: (msg, data) => app.log.info(data, msg),
  });
  app.addHook('onReady', async () => {
    await smtp.start();
    app.log.info(`support SMTP listening on ${smtp.host}:${smtp.port}`);
  });
  app.addHook('onClose', () => smtp.stop());
}
