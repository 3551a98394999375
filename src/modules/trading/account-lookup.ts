import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { AccountKind } from '../../shared/trading.js';
import { tradingAccounts } from './schema.js';

/** What another module (payments) may read of a trading account, by its platform login. */
export interface TradingAccountRef {
  id: string;
  clientId: string;
  platform: string;
  login: string;
  kind: AccountKind;
  currency: string;
  balance: number;
  freeMargin: number;
}

/** The account with this login on the platform, or null. */
export async function tradingAccountByLogin(
  db: Executor,
  platform: string,
  login: string,
): Promise<TradingAccountRef | null> {
  const [row] = await db
    .select({
      id: tradingAccounts.id,
      clientId: tradingAccounts.clientId,
      platform: tradingAccounts.platform,
      login: tradingAccounts.login,
      kind: tradingAccounts.kind,
      currency: tradingAccounts.currency,
      balance: tradingAccounts.balance,
      freeMargin: tradingAccounts.freeMargin,
    })
    .from(tradingAccounts)
    .where(and(eq(tradingAccounts.platform, platform), eq(tradingAccounts.login, login)))
    .limit(1);
  return row ?? null;
}
