import { z } from 'zod';

/** Boolean env flags accept the usual spellings; anything else is a config error. */
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  BASE_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
    .optional(),
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('BrokerDesk <no-reply@brokerdesk.local>'),
  SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'must be at least 32 random bytes, base64')
    .optional(),
  /**
   * Bearer token Prometheus sends to read /metrics (`Authorization: Bearer …`). Unset: /metrics answers
   * loopback connections only.
   */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 printable characters without spaces')
    .optional(),
  SEED_DEMO: flag(true),
  TRUST_PROXY: flag(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /** Which trading platform accounts are opened on: the built-in simulator, or a gateway over HTTP. */
  TRADING_PLATFORM: z.enum(['sim', 'gateway']).default('sim'),
  /** The gateway's command endpoint (open account, balance operation, reads), for TRADING_PLATFORM=gateway. */
  TRADING_GATEWAY_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
    .optional(),
  /**
   * Standard Webhooks secret(s) (`whsec_…`, space-separated while rotating) that signs ingestion batches
   * and gateway commands. Unset: derived from SECRET_KEY and shown to admins in Admin → Trading platform.
   */
  TRADING_WEBHOOK_SECRET: z
    .string()
    .regex(/^(whsec_[A-Za-z0-9+/=]{32,})( whsec_[A-Za-z0-9+/=]{32,})*$/, 'must be whsec_ followed by base64')
    .optional(),
  /**
   * The `whsec_…` secret the built-in simulated payment provider signs its callbacks with (several,
   * space-separated, while rotating). Unset: derived from SECRET_KEY.
   */
  PAYMENTS_SIM_SECRET: z
    .string()
    .regex(/^(whsec_[A-Za-z0-9+/=]{32,})( whsec_[A-Za-z0-9+/=]{32,})*$/, 'must be whsec_ followed by base64')
    .optional(),
  /**
   * Telephony: the `whsec_…` secret(s) a phone system (PBX bridge, the simulated PBX) signs its events
   * to /api/telephony/webhook with (space-separated while rotating). Unset: derived from SECRET_KEY.
   */
  TELEPHONY_WEBHOOK_SECRET: z
    .string()
    .regex(/^(whsec_[A-Za-z0-9+/=]{32,})( whsec_[A-Za-z0-9+/=]{32,})*$/, 'must be whsec_ followed by base64')
    .optional(),
  /**
   * The phone system: `sim`, the built-in simulated PBX (its control routes and recordings served by
   * this app); `webhook`, a real one (a PBX bridge or Twilio) that only reports through the webhooks —
   * nothing simulated is mounted and click-to-call answers 502 until an adapter is configured.
   */
  TELEPHONY_PROVIDER: z.enum(['sim', 'webhook']).default('sim'),
  /** Twilio's auth token(s), space-separated while rotating: checks X-Twilio-Signature. Unset: refused. */
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  /** Twilio's account SID: with it, recording media is fetched with HTTP Basic auth (for accounts that enforce it). */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
    .optional(),
  /** The country (ISO 3166, e.g. GB) of phone numbers written without a country code. */
  TELEPHONY_DEFAULT_REGION: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
    .transform((v) => v.toUpperCase())
    .optional(),
  /** A terminal session the platform stops reporting (no event, no heartbeat) ends after this long. */
  PRESENCE_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(180),
  /** Simulated traders who log in and trade on the built-in simulator, so the demo is alive. */
  SIMULATED_TRADERS: flag(true),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  // support — widget: the broker's sites that may embed the chat widget (comma-separated origins,
  // e.g. https://www.broker.example); our own origin always may.
  SUPPORT_WIDGET_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim().replace(/\/+$/, ''))
            .filter(Boolean)
        : [],
    ),
  // support — email: the desk's SMTP listener (0 or unset: off; `npm start` uses 2525), where it
  // listens (loopback unless the broker's MX forwards to this host), the addresses it accepts mail for
  // (the first is the From of the desk's replies) and the largest message it takes.
  SUPPORT_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SUPPORT_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SUPPORT_ADDRESSES: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? 'support@brokerdesk.local')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine(
      (list) => list.length > 0 && list.every((a) => /^[^@\s]+@[^@\s]+$/.test(a)),
      'must be e-mail addresses',
    ),
  SUPPORT_SMTP_MAX_MB: z.coerce.number().int().min(1).max(100).default(25),
  /** A reply without Message-IDs or `[#n]` threads by subject and sender within this many days. */
  SUPPORT_THREAD_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  // support — attachments: the largest file an agent, visitor or email may attach.
  SUPPORT_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  // telephony — recordings (docs/telephony-recordings.md): the provider hosts recordings are fetched
  // from (comma-separated names, `*.example.com` for subdomains; loopback, private and link-local
  // addresses are refused whatever they resolve to), the largest file, plain http (off: https only),
  // how long a signed link lives, the retention period, and where the audio is stored.
  TELEPHONY_RECORDING_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine((list) => list.every((h) => /^(\*\.)?[a-z0-9.-]+$/.test(h)), 'must be host names'),
  TELEPHONY_RECORDING_MAX_MB: z.coerce.number().int().min(1).max(500).default(50),
  TELEPHONY_RECORDING_ALLOW_HTTP: flag(false),
  TELEPHONY_RECORDING_LINK_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  TELEPHONY_RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  TELEPHONY_RECORDING_STORAGE: z.enum(['data', 's3']).default('data'),
  TELEPHONY_S3_ENDPOINT: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
    .optional(),
  TELEPHONY_S3_BUCKET: z.string().min(3).max(63).optional(),
  TELEPHONY_S3_REGION: z.string().min(1).default('us-east-1'),
  TELEPHONY_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  TELEPHONY_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** `endpoint/bucket/key` addressing (MinIO and most S3-compatible stores); off: `bucket.endpoint/key`. */
  TELEPHONY_S3_PATH_STYLE: flag(true),
  TELEPHONY_S3_PREFIX: z.string().max(200).default('recordings/'),
});

export type Config = z.output<typeof envSchema> & { baseUrl: string };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
  }
}

/** Parses the environment once at start-up; the first bad variable stops the process with its name. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), `— ${issue.message}`);
  }
  const cfg = parsed.data;
  const baseUrl = (cfg.BASE_URL ?? `http://localhost:${cfg.PORT}`).replace(/\/+$/, '');
  if (cfg.TRADING_PLATFORM === 'gateway' && !cfg.TRADING_GATEWAY_URL)
    throw new ConfigError('TRADING_GATEWAY_URL', '— is required when TRADING_PLATFORM=gateway');
  if (cfg.TWILIO_ACCOUNT_SID && !cfg.TWILIO_AUTH_TOKEN)
    throw new ConfigError('TWILIO_AUTH_TOKEN', '— is required when TWILIO_ACCOUNT_SID is set');
  if (cfg.TELEPHONY_RECORDING_STORAGE === 's3')
    for (const key of [
      'TELEPHONY_S3_ENDPOINT',
      'TELEPHONY_S3_BUCKET',
      'TELEPHONY_S3_ACCESS_KEY_ID',
      'TELEPHONY_S3_SECRET_ACCESS_KEY',
    ] as const)
      if (!cfg[key]) throw new ConfigError(key, '— is required when TELEPHONY_RECORDING_STORAGE=s3');
  return { ...cfg, baseUrl };
}
