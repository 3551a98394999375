import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { ClientAccountSummary } from '../../shared/client-list.js';
import { roundMoney } from './account-reads.js';
import { tradingAccounts } from './schema.js';

type SummaryRow = Pick<
  typeof tradingAccounts.$inferSelect,
  'clientId' | 'kind' | 'currency' | 'balance' | 'equity' | 'marginLevel' | 'createdAt'
>;

/**
 * Money at a glance for the client list, read for one page of clients at a time. The caller (the
 * clients module) has already applied the record scope to the ids: this reads trading's own table only.
 */
export class AccountSummaries {
  constructor(private readonly db: Db) {}

  async summariesFor(clientIds: readonly string[]): Promise<Map<string, ClientAccountSummary>> {
    if (!clientIds.length) return new Map();
    const rows = await this.db
      .select({
        clientId: tradingAccounts.clientId,
        kind: tradingAccounts.kind,
        currency: tradingAccounts.currency,
        balance: tradingAccounts.balance,
        equity: tradingAccounts.equity,
        marginLevel: tradingAccounts.marginLevel,
        createdAt: tradingAccounts.createdAt,
      })
      .from(tradingAccounts)
      .where(inArray(tradingAccounts.clientId, [...clientIds]));
    const byClient = new Map<string, SummaryRow[]>();
    for (const r of rows) byClient.set(r.clientId, [...(byClient.get(r.clientId) ?? []), r]);
    return new Map([...byClient].map(([id, accounts]) => [id, summarize(accounts)]));
  }
}

/** One client's accounts → the summary described on ClientAccountSummary. */
export function summarize(accounts: readonly SummaryRow[]): ClientAccountSummary {
  const kind = accounts.some((a) => a.kind === 'live') ? 'live' : 'demo';
  const mine = accounts
    .filter((a) => a.kind === kind)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const currency = mine[0]!.currency;
  const counted = mine.filter((a) => a.currency === currency);
  const levels = mine.flatMap((a) => (a.marginLevel === null ? [] : [a.marginLevel]));
  return {
    kind,
    currency,
    balance: roundMoney(counted.reduce((sum, a) => sum + a.balance, 0)),
    equity: roundMoney(counted.reduce((sum, a) => sum + a.equity, 0)),
    marginLevel: levels.length ? Math.min(...levels) : null,
    accounts: counted.length,
    mixedCurrencies: counted.length < mine.length,
  };
}
