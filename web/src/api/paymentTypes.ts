/**
 * The payments API's shapes for the web app: the answers come from the shared contracts (type-only, so
 * Zod stays out of the bundle); the request bodies and queries the pages send are declared here, as the
 * server's request schemas live in its module (src/modules/payments/contracts.ts).
 */
import type { PaymentSystemView } from '../../../src/shared/contracts/payments';
import type { PaymentDirection, PaymentProblem } from './paymentValues';

export type {
  BulkPaymentResult,
  ClientPayments,
  FxRateView,
  LedgerEntryView,
  PaymentRequestDetail,
  PaymentRequestPage,
  PaymentRequestView,
  PaymentSettingsView,
  PaymentSystemView,
  PortalDepositCreated,
  PortalPaymentSystem,
  PortalPaymentView,
  PortalWithdrawalCreated,
  ReconciliationDifference,
  ReconciliationReport,
  ReconciliationRun,
} from '../../../src/shared/contracts/payments';

export type PaymentSystemInput = Omit<PaymentSystemView, 'id' | 'createdAt' | 'updatedAt'>;

export type PaymentSortField = 'createdAt' | 'amount' | 'status' | 'updatedAt';
/** The finance queue's query (src/modules/payments/contracts.ts `requestListQuery`). */
export interface PaymentListQuery {
  /** Comma-separated statuses. */
  status?: string | null;
  direction?: PaymentDirection | null;
  systemId?: string | null;
  clientId?: string | null;
  /** Comma-separated problems. */
  problem?: PaymentProblem | null;
  olderThanMinutes?: number | null;
  sort?: PaymentSortField;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface RejectInput {
  reasonCode: string;
  note: string | null;
}
export interface BulkInput {
  action: 'execute' | 'reject';
  ids: string[];
  reasonCode?: string;
  note?: string | null;
}

export interface FxRateInput {
  from: string;
  to: string;
  rate: string;
}

export interface DepositInput {
  login: string;
  systemId: string;
  amount: number;
  currency: string;
}
export interface WithdrawalInput {
  login: string;
  systemId: string;
  amount: number;
  details: Record<string, string>;
}
