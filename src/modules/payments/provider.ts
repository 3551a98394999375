import { z } from 'zod';
import { isoInstant, money, text, uuid } from '../../core/primitives.js';

/**
 * What BrokerDesk needs from a payment provider (a card acquirer, an e-wallet, a payout service). The
 * built-in simulator (`src/integrations/payments/simulator`) implements it in process; a real provider
 * gets an adapter that calls its API and a callback secret. Every amount is integer minor units
 * (cents) of `currency`. The provider answers later, by signed callbacks (`providerCallbackBody`) to
 * `callbackUrl`; nothing these methods return moves money.
 */
export interface PaymentProvider {
  /** Stored as `payment_systems.provider` and in the callback route (`'sim'` for the simulator). */
  readonly name: string;
  /** Creates a hosted payment session; the trader is redirected to `url`. */
  createPayment(req: CreatePaymentRequest): Promise<{ providerRef: string; url: string }>;
  /** Sends money to the trader (a withdrawal paid out automatically); answered by `payout.*`. */
  createPayout(req: CreatePayoutRequest): Promise<{ providerRef: string }>;
  /** Returns (part of) a settled payment; answered by `payment.refunded`. */
  refund(req: RefundRequest): Promise<void>;
}

export interface CreatePaymentRequest {
  /** Our payment request's id: the provider echoes it in every callback. */
  requestId: string;
  amount: number;
  currency: string;
  /** Where the hosted page sends the trader back (the cabinet) when the payment is over. */
  returnUrl: string;
  /** `POST /api/payments/callbacks/:provider` on this CRM, absolute. */
  callbackUrl: string;
  /** Shown to the trader on the provider's page. */
  description: string;
}

export interface CreatePayoutRequest {
  requestId: string;
  amount: number;
  currency: string;
  callbackUrl: string;
  /** Where the money goes, as the trader gave it (card last digits, IBAN, wallet). */
  details: Record<string, string>;
}

export interface RefundRequest {
  providerRef: string;
  amount: number;
}

/** The callbacks a provider sends, in the order a happy deposit or payout sees them. */
export const PROVIDER_CALLBACK_TYPES = [
  'payment.pending',
  'payment.succeeded',
  'payment.declined',
  'payment.insufficient_funds',
  'payment.refunded',
  'payment.chargeback',
  'payout.paid',
  'payout.failed',
] as const;
export type ProviderCallbackType = (typeof PROVIDER_CALLBACK_TYPES)[number];

/** An ISO 4217 code as written on the wire; whether the CRM supports it is the receiver's check. */
const currencyCode = () =>
  text({ label: 'Currency' }).regex(/^[A-Z]{3}$/, 'Use an ISO 4217 currency code, e.g. USD');

/**
 * The JSON body of `POST /api/payments/callbacks/:provider`, signed per Standard Webhooks (headers
 * `webhook-id`, `webhook-timestamp`, `webhook-signature`). `id` equals the `webhook-id` header and is
 * the same on every redelivery of one event, so the receiver deduplicates by it. `amount` is what the
 * provider actually moved, which can differ from the request's amount.
 */
export const providerCallbackBody = z.object({
  type: z.enum(PROVIDER_CALLBACK_TYPES),
  id: text({ label: 'Event id', min: 1, max: 200 }),
  providerRef: text({ label: 'Provider reference', min: 1, max: 200 }),
  /** Ours, echoed: a UUID, so a malformed one is a 400, not a lookup. */
  requestId: uuid(),
  amount: money(),
  currency: currencyCode(),
  reason: text({ label: 'Reason', max: 500 }).optional(),
  occurredAt: isoInstant(),
});
export type ProviderCallback = z.infer<typeof providerCallbackBody>;
