import { z } from 'zod';
import {
  CALLBACK_TYPES,
  LEDGER_ENTRIES,
  PAYMENT_DIRECTIONS,
  PAYMENT_METHODS,
  PAYMENT_PROBLEMS,
  PAYMENT_STATUSES,
  PAYMENT_SYSTEM_KINDS,
} from '../payments.js';
import { isoTime, textBody } from './common.js';

// The payments API's answers (staff workspace, cabinet, provider callbacks). Money is integer minor
// units (cents) of the currency named next to it. Value lists: src/shared/payments.ts.

const status = z.enum(PAYMENT_STATUSES as [string, ...string[]]);
const problem = z.enum(PAYMENT_PROBLEMS).nullable();

/** A payment system as admins configure it. */
export const paymentSystemView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PAYMENT_SYSTEM_KINDS),
  method: z.enum(PAYMENT_METHODS),
  provider: z.string().nullable(),
  currencies: z.array(z.string()),
  countries: z.array(z.string()),
  minAmount: z.number(),
  maxAmount: z.number().nullable(),
  feePercent: z.number().describe('Basis points: 250 = 2.5 %'),
  feeFixed: z.number(),
  sortOrder: z.number(),
  instructions: z.record(z.string(), z.string()),
  enabled: z.boolean(),
  directions: z.array(z.enum(PAYMENT_DIRECTIONS)),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type PaymentSystemView = z.input<typeof paymentSystemView>;
export const paymentSystemList = z.object({ items: z.array(paymentSystemView) });

/** What the trader sees of a system: no fee internals beyond what they pay, instructions in their language. */
export const portalPaymentSystem = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PAYMENT_SYSTEM_KINDS),
  method: z.enum(PAYMENT_METHODS),
  currencies: z.array(z.string()),
  minAmount: z.number(),
  maxAmount: z.number().nullable(),
  feePercent: z.number(),
  feeFixed: z.number(),
  instructions: z.string().nullable(),
});
export type PortalPaymentSystem = z.input<typeof portalPaymentSystem>;
export const portalPaymentSystemList = z.object({ items: z.array(portalPaymentSystem) });

/** A payment request as finance and the client card see it. */
export const paymentRequestView = z.object({
  id: z.string(),
  direction: z.enum(PAYMENT_DIRECTIONS),
  clientId: z.string(),
  clientName: z.string(),
  managerId: z.string().nullable(),
  login: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  systemKind: z.enum(PAYMENT_SYSTEM_KINDS),
  status,
  amount: z.number(),
  currency: z.string(),
  accountCurrency: z.string(),
  accountAmount: z.number().nullable(),
  rate: z.string().nullable(),
  fee: z.number(),
  reference: z.string().nullable(),
  provider: z.string().nullable(),
  providerRef: z.string().nullable(),
  providerAmount: z.number().nullable(),
  rejectReasonCode: z.string().nullable(),
  rejectNote: z.string().nullable(),
  requestedBy: z.string(),
  executedBy: z.string().nullable(),
  firstApproverId: z.string().nullable(),
  secondApproverId: z.string().nullable(),
  platformOpId: z.string().nullable(),
  problem,
  problemAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  executedAt: isoTime.nullable(),
  /** Seconds since the request was made (the queue's ageing). */
  ageSeconds: z.number(),
});
export type PaymentRequestView = z.input<typeof paymentRequestView>;

export const ledgerEntryView = z.object({
  id: z.number(),
  requestId: z.string(),
  entry: z.enum(LEDGER_ENTRIES),
  amount: z.number(),
  currency: z.string(),
  requestAmount: z.number(),
  requestCurrency: z.string(),
  rate: z.string().nullable(),
  fee: z.number(),
  providerRef: z.string().nullable(),
  platformOpId: z.string().nullable(),
  actor: z.string().nullable(),
  at: isoTime,
});
export type LedgerEntryView = z.input<typeof ledgerEntryView>;

/** One request with its ledger entries (finance's detail view). */
export const paymentRequestDetail = z.object({
  request: paymentRequestView,
  ledger: z.array(ledgerEntryView),
});
export type PaymentRequestDetail = z.input<typeof paymentRequestDetail>;

export const paymentRequestPage = z.object({
  items: z.array(paymentRequestView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type PaymentRequestPage = z.input<typeof paymentRequestPage>;

/** Bulk execute/reject: each id's outcome (one failure does not stop the others). */
export const bulkPaymentResult = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      status: status.nullable(),
      code: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
});
export type BulkPaymentResult = z.input<typeof bulkPaymentResult>;

/** A client's payments on the card: totals and the requests, newest first. */
export const clientPayments = z.object({
  ftdAt: isoTime.nullable(),
  ftdAmount: z.number().nullable(),
  netDeposits: z.number(),
  baseCurrency: z.string(),
  lastDepositAt: isoTime.nullable(),
  problem,
  items: z.array(paymentRequestView),
});
export type ClientPayments = z.input<typeof clientPayments>;

export const rejectionReason = z.object({ code: z.string(), label: z.string() });
export const paymentSettingsView = z.object({
  rejectionReasons: z.array(rejectionReason),
  stuckPendingMinutes: z.number(),
  twoPersonThreshold: z.number(),
  baseCurrency: z.string(),
});
export type PaymentSettingsView = z.input<typeof paymentSettingsView>;

export const fxRateView = z.object({
  from: z.string(),
  to: z.string(),
  rate: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: isoTime,
});
export type FxRateView = z.input<typeof fxRateView>;
export const fxRateList = z.object({ items: z.array(fxRateView) });

// ── cabinet ───────────────────────────────────────────────────────────────────────────────────────

/** A request as the trader sees it: no staff ids, no internal problem codes beyond what to do next. */
export const portalPaymentView = z.object({
  id: z.string(),
  direction: z.enum(PAYMENT_DIRECTIONS),
  login: z.string(),
  systemName: z.string(),
  status,
  amount: z.number(),
  currency: z.string(),
  accountAmount: z.number().nullable(),
  accountCurrency: z.string(),
  fee: z.number(),
  reference: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rejectNote: z.string().nullable(),
  createdAt: isoTime,
  executedAt: isoTime.nullable(),
});
export type PortalPaymentView = z.input<typeof portalPaymentView>;
export const portalPaymentList = z.object({ items: z.array(portalPaymentView) });

/** A new deposit: manual → instructions and the reference to quote; automatic → where to pay. */
export const portalDepositCreated = z.object({
  request: portalPaymentView,
  instructions: z.string().nullable(),
  reference: z.string().nullable(),
  redirectUrl: z.string().nullable(),
});
export type PortalDepositCreated = z.input<typeof portalDepositCreated>;

export const portalWithdrawalCreated = z.object({ request: portalPaymentView });
export type PortalWithdrawalCreated = z.input<typeof portalWithdrawalCreated>;

// ── provider callbacks ────────────────────────────────────────────────────────────────────────────

export const callbackAnswer = z.object({ ok: z.literal(true), duplicate: z.boolean() });
export const CALLBACK_TYPE_VALUES = CALLBACK_TYPES;

// ── reconciliation (pay-withdraw builds it) ───────────────────────────────────────────────────────

export const reconciliationDifference = z.object({
  login: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  currency: z.string(),
  /** Sum of the ledger's platform postings, minor units. */
  ledgerAmount: z.number(),
  /** Sum of the platform's balance operations, minor units. */
  platformAmount: z.number(),
  difference: z.number(),
  /** Operations present on one side only. */
  missingOnPlatform: z.array(z.string()),
  missingInLedger: z.array(z.string()),
  /** Operations on both sides with different amounts (pay-withdraw). */
  amountDiffers: z.array(
    z.object({ opId: z.string(), ledgerAmount: z.number(), platformAmount: z.number() }),
  ),
});
export type ReconciliationDifference = z.input<typeof reconciliationDifference>;

export const reconciliationRun = z.object({
  id: z.string(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  accountsChecked: z.number(),
  // pay-withdraw: who ran it, what was compared; records after `cutoff` are not reported missing yet.
  trigger: z.enum(['job', 'manual']),
  cutoff: isoTime,
  ledgerEntries: z.number(),
  platformOps: z.number(),
  /** Accounts with differences (all of them; `differences` stores the first 5,000). */
  differenceCount: z.number(),
  differences: z.array(reconciliationDifference),
});
export type ReconciliationRun = z.input<typeof reconciliationRun>;
export const reconciliationReport = z.object({ run: reconciliationRun.nullable() });
export type ReconciliationReport = z.input<typeof reconciliationReport>;

/** The finance queue as a CSV download (row count and truncation in the x-row-count, x-truncated headers). */
export const paymentsCsv = textBody;
