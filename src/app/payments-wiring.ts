import { createHmac } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Db } from '../db/connection.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import { SimulatedPaymentProvider } from '../integrations/payments/simulator/sim-provider.js';
import {
  CallbackService,
  DepositBook,
  DepositService,
  PaymentReads,
  PaymentSettings,
  PaymentSystems,
  PlatformPosting,
  type PaymentProviderEntry,
} from '../modules/payments/index.js';
import type { TradingPlatform } from '../modules/trading/index.js';
// pay-withdraw: withdrawals and reconciliation.
import { convert } from '../modules/payments/index.js';
import { ReconciliationService } from '../modules/payments/reconciliation.js';
import { WithdrawalService } from '../modules/payments/withdrawals.js';

/**
 * The `whsec_…` secrets the simulated provider signs with: configured ones (several while rotating),
 * else one derived from SECRET_KEY so a fresh install works and the value survives restarts.
 */
export function simPaymentSecrets(config: { PAYMENTS_SIM_SECRET?: string | undefined }, secretKey: Buffer) {
  if (config.PAYMENTS_SIM_SECRET) return config.PAYMENTS_SIM_SECRET.split(' ');
  const derived = createHmac('sha256', secretKey).update('brokerdesk payments sim v1').digest('base64');
  return [`whsec_${derived}`];
}

export interface PaymentsWiring {
  paymentSystems: PaymentSystems;
  paymentSettings: PaymentSettings;
  deposits: DepositService;
  depositBook: DepositBook;
  paymentReads: PaymentReads;
  callbacks: CallbackService;
  posting: PlatformPosting;
  paymentProviders: ReadonlyMap<string, PaymentProviderEntry>;
  /** The built-in provider (its hosted page is served by this app under /sim-pay/). */
  simPayments: SimulatedPaymentProvider;
  /** Withdrawals: request and hold, approvals, payout, rejection (pay-withdraw). */
  withdrawals: WithdrawalService;
  /** The ledger compared with the platform's balance operations, daily (pay-withdraw). */
  reconciliation: ReconciliationService;
}

/** Builds the payments services (the composition root's part for the payments module). */
export function buildPayments(opts: {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  platform: TradingPlatform;
  baseUrl: string;
  secrets: string[];
  log: { warn(obj: object, msg: string): void };
}): PaymentsWiring {
  const { db, clock, baseUrl } = opts;
  const simPayments = new SimulatedPaymentProvider({
    baseUrl,
    secret: () => opts.secrets[0]!,
    clock,
    log: opts.log,
  });
  const paymentProviders = new Map<string, PaymentProviderEntry>([
    [simPayments.name, { provider: simPayments, secrets: opts.secrets }],
  ]);
  const paymentSettings = new PaymentSettings(db);
  const posting = new PlatformPosting(db, opts.platform, clock);
  const depositBook = new DepositBook({ clock, settings: paymentSettings, mailer: opts.mailer, baseUrl });
  return {
    paymentSystems: new PaymentSystems(db, {
      platformName: opts.platform.name,
      providers: new Set(paymentProviders.keys()),
    }),
    paymentSettings,
    deposits: new DepositService(db, {
      clock,
      settings: paymentSettings,
      book: depositBook,
      posting,
      providers: paymentProviders,
      platformName: opts.platform.name,
      baseUrl,
    }),
    depositBook,
    paymentReads: new PaymentReads(db, clock, paymentSettings),
    callbacks: new CallbackService(db, {
      clock,
      book: depositBook,
      posting,
      settings: paymentSettings,
      mailer: opts.mailer,
      baseUrl,
    }),
    posting,
    paymentProviders,
    simPayments,
    // pay-withdraw.
    withdrawals: new WithdrawalService({
      db,
      clock,
      platform: opts.platform,
      provider: (name) => paymentProviders.get(name)?.provider,
      mailer: opts.mailer,
      settings: () => paymentSettings.get(),
      toBase: async (tx, amount, currency) =>
        (await convert(tx, amount, currency, (await paymentSettings.get(tx)).baseCurrency)).amount,
      posting,
      callbackUrl: (provider) => `${baseUrl}/api/payments/callbacks/${encodeURIComponent(provider)}`,
      log: opts.log,
    }),
    reconciliation: new ReconciliationService(db, clock, { platform: opts.platform.name }),
  };
}
