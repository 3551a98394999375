import { and, asc, eq, inArray, lte, ne } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { AccountKind, BalanceOpKind } from '../../shared/trading.js';
import { tradingAccounts, tradingBalanceOps } from './schema.js';

/**
 * The balance operations the platform reported (as ingested into trading_balance_ops), for another
 * module to compare with its own books: payments' reconciliation reads them here, never the table.
 */
export interface IngestedBalanceOp {
  login: string;
  clientId: string;
  accountKind: AccountKind;
  currency: string;
  opId: string;
  kind: BalanceOpKind;
  /** Signed decimal account-currency units, as the platform reported it. */
  amount: number;
  executedAt: Date;
}

export interface BalanceOpsFilter {
  /** The platform the accounts are on (logins are unique per platform). */
  platform: string;
  /** Only these accounts; every account of the platform when left out. */
  logins?: readonly string[];
  /** Only accounts of this kind (reconciliation skips demo money). */
  accountKind?: AccountKind;
  /** Operations executed up to this instant (inclusive). */
  to?: Date;
  /** Leave out credit (bonus) operations: they move credit, not the balance. */
  withoutCredit?: boolean;
}

/** Every matching balance operation, ordered by account and time. */
export async function balanceOpsFor(db: Executor, f: BalanceOpsFilter): Promise<IngestedBalanceOp[]> {
  if (f.logins && f.logins.length === 0) return [];
  const where = and(
    eq(tradingAccounts.platform, f.platform),
    f.logins ? inArray(tradingAccounts.login, [...f.logins]) : undefined,
    f.accountKind ? eq(tradingAccounts.kind, f.accountKind) : undefined,
    f.to ? lte(tradingBalanceOps.executedAt, f.to) : undefined,
    f.withoutCredit ? ne(tradingBalanceOps.kind, 'credit') : undefined,
  );
  return db
    .select({
      login: tradingAccounts.login,
      clientId: tradingAccounts.clientId,
      accountKind: tradingAccounts.kind,
      currency: tradingAccounts.currency,
      opId: tradingBalanceOps.opId,
      kind: tradingBalanceOps.kind,
      amount: tradingBalanceOps.amount,
      executedAt: tradingBalanceOps.executedAt,
    })
    .from(tradingBalanceOps)
    .innerJoin(tradingAccounts, eq(tradingAccounts.id, tradingBalanceOps.accountId))
    .where(where)
    .orderBy(asc(tradingAccounts.login), asc(tradingBalanceOps.executedAt), asc(tradingBalanceOps.opId));
}

/** What payments needs to know of an account it moves money on: owner, kind, currency. */
export interface PaymentAccount {
  login: string;
  clientId: string;
  kind: AccountKind;
  currency: string;
}

/** The account with this login on the platform, or undefined. */
export async function accountByLogin(
  db: Executor,
  platform: string,
  login: string,
): Promise<PaymentAccount | undefined> {
  const [row] = await db
    .select({
      login: tradingAccounts.login,
      clientId: tradingAccounts.clientId,
      kind: tradingAccounts.kind,
      currency: tradingAccounts.currency,
    })
    .from(tradingAccounts)
    .where(and(eq(tradingAccounts.platform, platform), eq(tradingAccounts.login, login)))
    .limit(1);
  return row;
}
