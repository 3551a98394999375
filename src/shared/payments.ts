/**
 * Payments value lists, shared by the server (src/modules/payments) and the web app; zod-free so the
 * browser bundle imports them as plain arrays. Money everywhere is integer minor units (cents).
 */
import { CURRENCIES as ACCOUNT_CURRENCIES } from './trading.js';

/** ISO 4217 codes a payment may be made in (a superset of what accounts are opened in). */
export const PAYMENT_CURRENCIES = [
  ...ACCOUNT_CURRENCIES,
  'CHF',
  'JPY',
  'AUD',
  'CAD',
  'PLN',
  'CZK',
  'TRY',
  'AED',
] as const;
export type PaymentCurrency = (typeof PAYMENT_CURRENCIES)[number];
export const isPaymentCurrency = (c: string): c is PaymentCurrency =>
  (PAYMENT_CURRENCIES as readonly string[]).includes(c);

/** Base currency of the broker's own figures (net deposits on the client, FTD amount). */
export const BASE_CURRENCY = 'USD';

export const PAYMENT_SYSTEM_KINDS = ['manual', 'automatic'] as const;
export type PaymentSystemKind = (typeof PAYMENT_SYSTEM_KINDS)[number];

export const PAYMENT_METHODS = ['bank_wire', 'cash', 'card_operator', 'card', 'ewallet', 'crypto'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_DIRECTIONS = ['deposit', 'withdrawal'] as const;
export type PaymentDirection = (typeof PAYMENT_DIRECTIONS)[number];

export const DEPOSIT_STATUSES = [
  'pending',
  'awaiting_payment',
  'provider_pending',
  'needs_review',
  'executed',
  'rejected',
  'declined',
  'refunded',
  'charged_back',
] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

export const WITHDRAWAL_STATUSES = [
  'requested',
  'approved_once',
  'approved',
  'payout_pending',
  'payout_failed',
  'paid',
  'rejected',
] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];

export const PAYMENT_STATUSES = [...new Set([...DEPOSIT_STATUSES, ...WITHDRAWAL_STATUSES])] as (
  DepositStatus | WithdrawalStatus
)[];
export type PaymentStatus = DepositStatus | WithdrawalStatus;

/** Statuses that still wait for someone (the finance queue's default view). */
export const OPEN_PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'pending',
  'awaiting_payment',
  'provider_pending',
  'needs_review',
  'requested',
  'approved_once',
  'approved',
  'payout_pending',
  'payout_failed',
];

export const PAYMENT_PROBLEMS = [
  'declined',
  'insufficient_funds',
  'stuck_pending',
  'posting_failed',
  'amount_mismatch',
  /** Paid in another currency than the request's: finance confirms with the amount to credit. */
  'currency_mismatch',
  /** The provider paid (or paid out) after finance rejected the request: finance decides. */
  'paid_after_rejection',
] as const;
export type PaymentProblem = (typeof PAYMENT_PROBLEMS)[number];

export const LEDGER_ENTRIES = [
  'deposit',
  'refund',
  'chargeback',
  'withdrawal_hold',
  'hold_release',
  'payout',
  'fee',
  'adjustment',
] as const;
export type LedgerEntry = (typeof LEDGER_ENTRIES)[number];

export const CALLBACK_TYPES = [
  'payment.succeeded',
  'payment.declined',
  'payment.insufficient_funds',
  'payment.pending',
  'payment.refunded',
  'payment.chargeback',
  'payout.paid',
  'payout.failed',
] as const;
export type CallbackType = (typeof CALLBACK_TYPES)[number];

/** The rejection reasons finance picks from until an admin edits the list (settings). */
export const DEFAULT_REJECTION_REASONS = [
  { code: 'payment_not_received', label: 'Payment not received' },
  { code: 'wrong_reference', label: 'Reference missing or wrong' },
  { code: 'third_party_payment', label: 'Paid from a third-party account' },
  { code: 'amount_mismatch', label: 'Amount differs from the request' },
  { code: 'compliance', label: 'Compliance check failed' },
  { code: 'duplicate', label: 'Duplicate request' },
  { code: 'other', label: 'Other (see note)' },
] as const;

export const DEFAULT_STUCK_PENDING_MINUTES = 30;
/** Withdrawals above this (minor units of the base currency) need two finance approvers. */
export const DEFAULT_TWO_PERSON_THRESHOLD = 1_000_000;

/** Decimal places of a currency's minor unit (cents for most; none for JPY). */
export const minorDigits = (currency: string): number => (currency === 'JPY' ? 0 : 2);
/** Minor units → the decimal amount a platform takes (12345 USD cents → 123.45). */
export const toDecimal = (minor: number, currency: string): number => minor / 10 ** minorDigits(currency);
