import type { AccountKind } from './schema.js';
import type {
  AccountState,
  IngestResult,
  PlatformBalanceOp,
  PlatformDeal,
  PlatformEvent,
  PlatformPosition,
} from './platform-events.js';

/**
 * What BrokerDesk needs from a trading platform (an MT4/MT5-style server). The built-in simulator
 * implements it in process; a real platform is reached through a gateway that pushes its events to the
 * ingestion API and answers these commands.
 */
export interface TradingPlatform {
  /** Stored on every account opened through it ('sim' for the simulator). */
  readonly name: string;
  openAccount(request: OpenAccountRequest): Promise<OpenedAccount>;
  /** Posts a deposit, withdrawal, credit or correction. Idempotent by `op.id`. */
  balanceOperation(login: string, op: PlatformBalanceOp): Promise<AccountState>;
  readAccount(login: string): Promise<AccountSnapshot>;
  positions(login: string): Promise<PlatformPosition[]>;
  deals(login: string, range: { from?: Date; to?: Date }): Promise<(PlatformDeal & { at: string })[]>;
  /**
   * Pushes the platform's events in batches. The consumer acknowledges a batch by resolving; the
   * platform resends a batch whose promise rejects, and later resends the events of accounts the
   * result lists as unknown (an account whose opening the CRM has not recorded yet). Returns the
   * unsubscribe function.
   */
  subscribe(consumer: (batch: PlatformEvent[]) => Promise<IngestResult>): () => void;
}

export interface OpenAccountRequest {
  clientId: string;
  name: string;
  email: string | null;
  kind: AccountKind;
  currency: string;
  leverage: number;
  /** Virtual money credited at once on a demo account. */
  demoDeposit?: number;
}

export interface OpenedAccount {
  login: string;
  /** The trader's terminal password: shown once and emailed, never stored by BrokerDesk. */
  password: string;
  /** Read-only (investor) password. */
  investorPassword: string;
  /** The server name the terminal connects to. */
  server: string;
}

export interface AccountSnapshot extends AccountState {
  login: string;
  kind: AccountKind;
  currency: string;
  leverage: number;
  online: boolean;
}
