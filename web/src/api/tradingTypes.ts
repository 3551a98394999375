/**
 * Types of the trading API. The value lists and output views come from src/shared/trading.ts, the
 * same module the server's contracts use; only the request shapes the web app sends are defined here.
 */
import type {
  AccountKind,
  AlertKind,
  AlertRuleAccountKind,
  AlertRuleParams,
  BalanceOpKind,
  Currency,
  DealEntry,
  TradeSide,
} from '../../../src/shared/trading';

export * from '../../../src/shared/trading';

/** Staff (or the trader) opens an account. The server defaults currency to USD and leverage to 100. */
export interface OpenAccountInput {
  kind: AccountKind;
  currency?: Currency;
  leverage?: number;
}

/** GET /api/trading/accounts/:id/deals. `from`/`to` are ISO instants with offset. */
export interface DealsQuery {
  page?: number;
  pageSize?: number;
  symbol?: string | null;
  side?: TradeSide | null;
  entry?: DealEntry | null;
  from?: string | null;
  to?: string | null;
}

export interface BalanceOpsQuery {
  page?: number;
  pageSize?: number;
  kind?: BalanceOpKind | null;
}

export interface OnlineQuery {
  page?: number;
  pageSize?: number;
  /** Team leads and admins may narrow to one manager. */
  managerId?: string | null;
}

/** What the server accepts (POST, and PATCH as a partial); omitted fields take the server defaults. */
export interface AlertRuleInput {
  kind: AlertKind;
  name: string;
  accountKind?: AlertRuleAccountKind;
  active?: boolean;
  params?: AlertRuleParams;
}
