// PROVISIONAL: the shapes the payments pages are built to until src/shared/contracts/payments.ts lands
// (pay-core); then this file only re-exports from the contracts.
import type {
  LedgerEntry,
  PaymentDirection,
  PaymentMethod,
  PaymentProblem,
  PaymentStatus,
  PaymentSystemKind,
} from './paymentValues';

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export interface PaymentSystemView {
  id: string;
  name: string;
  kind: PaymentSystemKind;
  method: PaymentMethod;
  provider: string | null;
  currencies: string[];
  countries: string[];
  minAmount: number;
  maxAmount: number;
  feePercent: number;
  feeFixed: number;
  sortOrder: number;
  instructions: string | null;
  enabled: boolean;
  directions: PaymentDirection[];
  createdAt: string;
  updatedAt: string;
}
export type PaymentSystemInput = Omit<PaymentSystemView, 'id' | 'createdAt' | 'updatedAt'>;

export interface PaymentRequestView {
  id: string;
  direction: PaymentDirection;
  clientId: string;
  clientName: string;
  login: string;
  systemId: string;
  systemName: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  accountCurrency: string;
  accountAmount: number | null;
  rate: string | null;
  fee: number;
  providerRef: string | null;
  providerAmount: number | null;
  rejectReasonCode: string | null;
  rejectNote: string | null;
  problem: PaymentProblem | null;
  requestedBy: string | null;
  executedBy: string | null;
  firstApproverId: string | null;
  secondApproverId: string | null;
  createdAt: string;
  updatedAt: string;
  executedAt: string | null;
}

export interface LedgerEntryView {
  id: string;
  entry: LedgerEntry;
  amount: number;
  currency: string;
  requestAmount: number | null;
  requestCurrency: string | null;
  rate: string | null;
  fee: number;
  providerRef: string | null;
  platformOpId: string | null;
  actor: string | null;
  at: string;
}
export type PaymentRequestDetail = PaymentRequestView & { ledger: LedgerEntryView[] };

export type PaymentSortField = 'createdAt' | 'amount' | 'status' | 'client';
export interface PaymentListQuery {
  status?: PaymentStatus | null;
  direction?: PaymentDirection | null;
  systemId?: string | null;
  clientId?: string | null;
  problem?: PaymentProblem | null;
  olderThanMinutes?: number | null;
  /** Only requests still waiting for someone. */
  open?: boolean;
  sort?: PaymentSortField;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface RejectInput {
  reasonCode: string;
  note: string;
}
export interface BulkInput {
  action: 'execute' | 'reject';
  ids: string[];
  reasonCode?: string;
  note?: string;
}
export interface BulkAnswer {
  results: { id: string; ok: boolean; code?: string | null }[];
}

export interface PaymentSettingsView {
  rejectionReasons: { code: string; label: string }[];
  stuckPendingMinutes: number;
  twoPersonThreshold: number;
  baseCurrency: string;
}
export interface FxRateView {
  from: string;
  to: string;
  rate: string;
  updatedBy: string | null;
  updatedAt: string | null;
}
export interface FxRateInput {
  from: string;
  to: string;
  rate: string;
}

export interface ReconciliationDifference {
  login: string;
  clientId: string | null;
  currency: string;
  ledgerAmount: number;
  platformAmount: number;
  difference: number;
}
export interface ReconciliationView {
  lastRun: { id: string; startedAt: string; finishedAt: string | null; accounts: number; differences: number } | null;
  differences: ReconciliationDifference[];
}

// ---- Cabinet.
export interface PortalSystemView {
  id: string;
  name: string;
  kind: PaymentSystemKind;
  method: PaymentMethod;
  currencies: string[];
  minAmount: number;
  maxAmount: number;
  feePercent: number;
  feeFixed: number;
  instructions: string | null;
}
export interface PortalPaymentView {
  id: string;
  direction: PaymentDirection;
  login: string;
  systemName: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  rejectReasonCode: string | null;
  rejectReason: string | null;
  rejectNote: string | null;
  reference: string | null;
  createdAt: string;
  executedAt: string | null;
}
export interface DepositInput {
  login: string;
  systemId: string;
  amount: number;
  currency: string;
}
export interface DepositAnswer {
  request: PortalPaymentView;
  instructions?: string | null;
  reference?: string | null;
  redirectUrl?: string | null;
}
export interface WithdrawalInput {
  login: string;
  systemId: string;
  amount: number;
  details: Record<string, string>;
}
export interface WithdrawalAnswer {
  request: PortalPaymentView;
}
