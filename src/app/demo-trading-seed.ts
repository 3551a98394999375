import type { AppContext } from './context.js';
import type { Viewer } from '../core/events.js';

/**
 * Trading accounts for the demo clients, opened the way staff would open them (so the client turns
 * Live through the same path) and funded on the simulator, whose bots then log in and trade.
 */
export async function openDemoAccounts(
  ctx: AppContext,
  clientId: string,
  manager: { viewer: Viewer; id: string },
  plan: { live: boolean; demo: boolean; deposit: number },
): Promise<void> {
  const opener = { kind: 'staff' as const, viewer: manager.viewer, actor: { id: manager.id, ip: null } };
  if (plan.demo)
    await ctx.tradingAccounts.open(opener, clientId, { kind: 'demo', currency: 'USD', leverage: 100 });
  if (!plan.live) return;
  const { account } = await ctx.tradingAccounts.open(opener, clientId, {
    kind: 'live',
    currency: 'USD',
    leverage: 100,
  });
  await ctx.tradingPlatform.balanceOperation(account.login, {
    id: `demo-deposit-${account.login}`,
    kind: 'deposit',
    amount: plan.deposit,
    comment: 'Bank wire',
  });
}
