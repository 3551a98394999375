import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from './context.js';
import { tradingAccounts } from '../db/schema.js';
import type { IdempotentCommit } from '../core/idempotency.js';

const system = { id: null, ip: null };

/**
 * Payments on a fresh demo install: a manual bank wire and the simulated card provider (USD and EUR),
 * an EUR → USD rate, the FTD hand-over to the retention desk, and a few requests on live demo
 * accounts — one credited (the client's FTD), one rejected with a reason, one waiting for finance.
 */
export async function seedDemoPayments(
  ctx: AppContext,
  people: { financeId: string; retentionTeamId: string },
  /** Live demo accounts to fund (decimal USD), booked through the payments ledger. */
  fundings: readonly { clientId: string; login: string; amount: number }[] = [],
): Promise<void> {
  const wire = await ctx.paymentSystems.create(system, {
    name: 'Bank wire',
    kind: 'manual',
    method: 'bank_wire',
    provider: null,
    currencies: ['USD', 'EUR'],
    countries: [],
    minAmount: 10_000,
    maxAmount: 100_000_000,
    feePercent: 0,
    feeFixed: 0,
    sortOrder: 20,
    instructions: {
      en: 'BrokerDesk Ltd, IBAN GB00 DEMO 0000 0000 0000 00, BIC DEMOGB2L. Quote your reference in the payment details.',
    },
    enabled: true,
    directions: ['deposit', 'withdrawal'],
  });
  await ctx.paymentSystems.create(system, {
    name: 'Card (simulated provider)',
    kind: 'automatic',
    method: 'card',
    provider: 'sim',
    currencies: ['USD', 'EUR'],
    countries: [],
    minAmount: 1_000,
    maxAmount: 1_000_000,
    feePercent: 0,
    feeFixed: 0,
    sortOrder: 10,
    instructions: {},
    enabled: true,
    directions: ['deposit', 'withdrawal'],
  });
  // The demo's opening balances: the same platform operation ids as before, now in the ledger too.
  for (const f of fundings)
    await ctx.deposits.recordOpeningBalance({
      clientId: f.clientId,
      login: f.login,
      systemId: wire.id,
      currency: 'USD',
      amount: Math.round(f.amount * 100),
      opId: `demo-deposit-${f.login}`,
      comment: 'Bank wire',
    });
  await ctx.paymentSettings.putRates(system, [{ from: 'EUR', to: 'USD', rate: '1.0850' }]);
  await ctx.assignmentRules.createRule(system, {
    name: 'FTD → retention desk',
    countries: [],
    languages: [],
    sources: [],
    teamId: people.retentionTeamId,
    active: true,
    kind: 'on_ftd',
  });

  const live = await ctx.database.db
    .select({ login: tradingAccounts.login, clientId: tradingAccounts.clientId })
    .from(tradingAccounts)
    .where(and(eq(tradingAccounts.kind, 'live'), eq(tradingAccounts.platform, ctx.tradingPlatform.name)))
    .orderBy(asc(tradingAccounts.createdAt))
    .limit(3);
  const own: IdempotentCommit = (fn) => ctx.database.db.transaction(fn);
  const finance = { id: people.financeId, ip: null };
  for (const [i, account] of live.entries()) {
    const { request } = await ctx.deposits.create(
      { clientId: account.clientId, ip: null },
      {
        login: account.login,
        systemId: wire.id,
        amount: 50_000 * (i + 1),
        currency: i === 1 ? 'EUR' : 'USD',
      },
      own,
    );
    if (i === 0) await ctx.deposits.execute(finance, request.id, own);
    if (i === 1)
      await ctx.deposits.reject(
        finance,
        request.id,
        { reasonCode: 'wrong_reference', note: 'The transfer did not quote the reference.' },
        own,
      );
  }
}
