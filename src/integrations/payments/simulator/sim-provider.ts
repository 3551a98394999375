import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../../core/clock.js';
import { badRequest, conflict, notFound } from '../../../core/errors.js';
import type {
  CreatePaymentRequest,
  CreatePayoutRequest,
  PaymentProvider,
  ProviderCallback,
  ProviderCallbackType,
  RefundRequest,
} from '../../../modules/payments/provider.js';
import { mulberry32, type Rng } from '../../trading/simulator/random.js';
import { consoleLog } from '../../trading/simulator/outbox.js';
import type { PaymentOutcome } from './cards.js';
import { CallbackDelivery, fetchTransport, type DeliveryStats } from './delivery.js';
import { SIM_PAY_DEFAULTS, type SimPayOptions, type SimPaySettings } from './options.js';
import { realTimers, type TimerHandle, type Timers } from './timers.js';

export { SIM_PAY_DEFAULTS, SIM_PAY_EXACT, type SimPayOptions } from './options.js';

export type SimPaymentStatus = 'open' | 'pending' | 'succeeded' | 'declined' | 'expired';

/** A hosted payment session as the page shows it. */
export interface SimPayment {
  ref: string;
  requestId: string;
  amount: number;
  currency: string;
  description: string;
  returnUrl: string;
  callbackUrl: string;
  status: SimPaymentStatus;
  /** What was actually taken (differs from `amount` on a mismatch); 0 until paid. */
  paid: number;
  refunded: number;
  chargedBack: boolean;
}

export interface SimPayout {
  ref: string;
  requestId: string;
  amount: number;
  currency: string;
  callbackUrl: string;
  status: 'processing' | 'paid' | 'failed';
}

type StoredPayment = SimPayment & { expiry?: TimerHandle };

/** Where the trader is sent back to, as the page says it in `?payment=`. */
export type ReturnStatus = 'succeeded' | 'pending' | 'declined' | 'cancelled';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * The built-in simulated payment provider: a hosted card page (served by `registerSimulatedPaymentPages`
 * on the CRM's own app), payouts and refunds, and signed callbacks to the CRM that behave like a real
 * provider's — retried with back-off until acknowledged, now and then duplicated, reordered, or
 * carrying another amount than requested (rates in `SimPayOptions`, reproducible with `seed`).
 *
 * State is in memory: a restart forgets open sessions (their page says so) and callbacks still being
 * retried, which the CRM then sees as a payment stuck pending — the same trouble a provider outage gives.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'sim';
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly rng: Rng;
  private readonly delivery: CallbackDelivery;
  private readonly cfg: SimPaySettings;
  private readonly payments = new Map<string, StoredPayment>();
  private readonly payouts = new Map<string, SimPayout>();
  private readonly later = new Set<TimerHandle>();

  constructor(private readonly opts: SimPayOptions) {
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? realTimers();
    this.rng = mulberry32(opts.seed ?? randomBytes(4).readUInt32LE());
    const d = SIM_PAY_DEFAULTS;
    this.cfg = {
      duplicateRate: opts.duplicateRate ?? d.duplicateRate,
      maxCopies: opts.maxCopies ?? d.maxCopies,
      duplicateSpreadMs: opts.duplicateSpreadMs ?? d.duplicateSpreadMs,
      outOfOrderRate: opts.outOfOrderRate ?? d.outOfOrderRate,
      holdMaxMs: opts.holdMaxMs ?? d.holdMaxMs,
      amountMismatchRate: opts.amountMismatchRate ?? d.amountMismatchRate,
      payoutFailureRate: opts.payoutFailureRate ?? d.payoutFailureRate,
      settleMs: opts.settleMs ?? d.settleMs,
      payoutMs: opts.payoutMs ?? d.payoutMs,
      refundMs: opts.refundMs ?? d.refundMs,
      chargebackMs: opts.chargebackMs ?? d.chargebackMs,
      sessionTtlMs: opts.sessionTtlMs ?? d.sessionTtlMs,
      disputes: opts.disputes ?? d.disputes,
      retry: { ...d.retry, ...opts.retry },
    };
    this.delivery = new CallbackDelivery({
      ...this.cfg,
      secret: opts.secret,
      clock: this.clock,
      timers: this.timers,
      rng: this.rng,
      transport: opts.transport ?? fetchTransport,
      log: opts.log ?? consoleLog,
    });
  }

  /** Whether the hosted page offers the cardholder a dispute (chargeback) of a paid payment. */
  get disputes(): boolean {
    return this.cfg.disputes;
  }

  /** Callbacks not acknowledged yet (including held-back ones). */
  get pendingCallbacks(): number {
    return this.delivery.pending;
  }

  get deliveryStats(): Readonly<DeliveryStats> {
    return this.delivery.stats;
  }

  /** Resolves when no callback is on the wire. */
  idle(): Promise<void> {
    return this.delivery.idle();
  }

  /** Cancels everything scheduled (retries, settling, payouts); the app's onClose calls it. */
  async stop(): Promise<void> {
    for (const h of this.later) this.timers.cancel(h);
    this.later.clear();
    await this.delivery.stop();
  }

  // ---- PaymentProvider ----

  async createPayment(req: CreatePaymentRequest): Promise<{ providerRef: string; url: string }> {
    checkMoney(req.amount, req.currency);
    const returnUrl = checkUrl(req.returnUrl, 'returnUrl');
    const callbackUrl = checkUrl(req.callbackUrl, 'callbackUrl');
    const ref = `pay_${randomBytes(12).toString('hex')}`;
    const payment: StoredPayment = {
      ref,
      requestId: req.requestId,
      amount: req.amount,
      currency: req.currency,
      description: req.description,
      returnUrl,
      callbackUrl,
      status: 'open',
      paid: 0,
      refunded: 0,
      chargedBack: false,
    };
    this.payments.set(ref, payment);
    payment.expiry = this.after(this.cfg.sessionTtlMs, () => {
      if (payment.status !== 'open') return;
      payment.status = 'expired';
      this.emit(payment, 'payment.declined', payment.amount, 'Payment session expired');
    });
    return { providerRef: ref, url: new URL(`/sim-pay/${ref}`, this.opts.baseUrl).toString() };
  }

  async createPayout(req: CreatePayoutRequest): Promise<{ providerRef: string }> {
    checkMoney(req.amount, req.currency);
    const callbackUrl = checkUrl(req.callbackUrl, 'callbackUrl');
    const ref = `po_${randomBytes(12).toString('hex')}`;
    const payout: SimPayout = {
      ref,
      requestId: req.requestId,
      amount: req.amount,
      currency: req.currency,
      callbackUrl,
      status: 'processing',
    };
    this.payouts.set(ref, payout);
    // A beneficiary account number ending in 0002 is the sandbox's "account closed", like the cards.
    const closed = Object.values(req.details).some((v) => v.replace(/\s/g, '').endsWith('0002'));
    const fails = closed || this.rng() < this.cfg.payoutFailureRate;
    this.after(this.cfg.payoutMs, () => {
      payout.status = fails ? 'failed' : 'paid';
      if (fails)
        this.emit(
          payout,
          'payout.failed',
          payout.amount,
          closed ? 'Beneficiary account closed' : 'Rejected by the beneficiary bank',
        );
      else this.emit(payout, 'payout.paid', payout.amount);
    });
    return { providerRef: ref };
  }

  async refund(req: RefundRequest): Promise<void> {
    const p = this.payments.get(req.providerRef);
    if (!p) throw notFound('Payment');
    if (p.status !== 'succeeded' || p.chargedBack)
      throw conflict('not_refundable', 'Only a settled payment that was not charged back can be refunded');
    if (!Number.isInteger(req.amount) || req.amount <= 0 || req.amount > p.paid - p.refunded)
      throw badRequest(
        'bad_amount',
        'The refund must be between 1 and what is left of the payment',
        'amount',
      );
    p.refunded += req.amount;
    this.after(this.cfg.refundMs, () => this.emit(p, 'payment.refunded', req.amount));
  }

  // ---- the hosted page and test hooks ----

  /** The session behind a hosted page; undefined when there is none (or it was forgotten on restart). */
  payment(ref: string): Readonly<SimPayment> | undefined {
    return this.payments.get(ref);
  }

  payout(ref: string): Readonly<SimPayout> | undefined {
    return this.payouts.get(ref);
  }

  /** The trader paid with a card whose outcome is `outcome`: the callbacks that follow are sent. */
  pay(ref: string, outcome: PaymentOutcome): ReturnStatus {
    const p = this.open(ref);
    if (p.expiry) this.timers.cancel(p.expiry);
    switch (outcome.kind) {
      case 'declined':
        p.status = 'declined';
        this.emit(p, 'payment.declined', p.amount, outcome.reason);
        return 'declined';
      case 'insufficient_funds':
        p.status = 'declined';
        this.emit(p, 'payment.insufficient_funds', p.amount, 'Insufficient funds');
        return 'declined';
      case 'pending':
        p.status = 'pending';
        this.emit(p, 'payment.pending', p.amount);
        this.after(this.cfg.settleMs, () => this.settle(p, p.amount));
        return 'pending';
      case 'different_amount':
        this.settle(p, this.otherAmount(p.amount));
        return 'succeeded';
      case 'chargeback_later':
        this.settle(p, p.amount);
        this.after(this.cfg.chargebackMs, () => this.dispute(p, 'Fraudulent transaction'));
        return 'succeeded';
      case 'success': {
        const mismatch = this.rng() < this.cfg.amountMismatchRate;
        this.settle(p, mismatch ? this.otherAmount(p.amount) : p.amount);
        return 'succeeded';
      }
    }
  }

  /** The trader gave up on the page. */
  cancel(ref: string): ReturnStatus {
    const p = this.open(ref);
    if (p.expiry) this.timers.cancel(p.expiry);
    p.status = 'declined';
    this.emit(p, 'payment.declined', p.amount, 'Cancelled by the payer');
    return 'cancelled';
  }

  /** The cardholder disputes a paid payment with their bank: `payment.chargeback` for what is left. */
  chargeback(ref: string, reason = 'Cardholder dispute'): void {
    const p = this.payments.get(ref);
    if (!p) throw notFound('Payment');
    if (p.status !== 'succeeded' || p.chargedBack || p.paid - p.refunded <= 0)
      throw conflict('not_disputable', 'Only a settled payment not yet refunded in full can be charged back');
    this.dispute(p, reason);
  }

  /** Where the page sends the trader afterwards. */
  returnUrl(ref: string, status: ReturnStatus): string {
    const p = this.payments.get(ref);
    if (!p) throw notFound('Payment');
    const url = new URL(p.returnUrl);
    url.searchParams.set('payment', status);
    url.searchParams.set('ref', ref);
    return url.toString();
  }

  private open(ref: string): StoredPayment {
    const p = this.payments.get(ref);
    if (!p) throw notFound('Payment session');
    if (p.status !== 'open') throw conflict('payment_closed', 'This payment has already been completed');
    return p;
  }

  private settle(p: SimPayment, paid: number): void {
    if (p.status === 'succeeded') return;
    p.status = 'succeeded';
    p.paid = paid;
    this.emit(p, 'payment.succeeded', paid);
  }

  private dispute(p: SimPayment, reason: string): void {
    if (p.chargedBack || p.paid - p.refunded <= 0) return;
    p.chargedBack = true;
    this.emit(p, 'payment.chargeback', p.paid - p.refunded, reason);
  }

  /** 1–5 % off the requested amount (at least one minor unit), never zero or below. */
  private otherAmount(amount: number): number {
    const delta = Math.max(1, Math.round(amount * (0.01 + 0.04 * this.rng())));
    return amount - delta > 0 ? amount - delta : amount + delta;
  }

  private after(ms: number, fn: () => void): TimerHandle {
    const handle = this.timers.schedule(() => {
      this.later.delete(handle);
      fn();
    }, ms);
    this.later.add(handle);
    return handle;
  }

  private emit(
    target: { ref: string; requestId: string; currency: string; callbackUrl: string },
    type: ProviderCallbackType,
    amount: number,
    reason?: string,
  ): void {
    const id = `msg_${randomBytes(12).toString('hex')}`;
    const body: ProviderCallback = {
      type,
      id,
      providerRef: target.ref,
      requestId: target.requestId,
      amount,
      currency: target.currency,
      ...(reason ? { reason } : {}),
      occurredAt: this.clock.now().toISOString(),
    };
    this.delivery.send({ id, ref: target.ref, type, url: target.callbackUrl, body: JSON.stringify(body) });
  }
}

function checkMoney(amount: number, currency: string): void {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw badRequest('bad_amount', 'The amount must be a positive whole number of minor units', 'amount');
  if (!CURRENCY.test(currency)) throw badRequest('bad_currency', 'Use an ISO 4217 currency code', 'currency');
}

function checkUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest('bad_url', 'Must be an absolute URL', field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badRequest('bad_url', 'Must be an http(s) URL', field);
  return url.toString();
}
