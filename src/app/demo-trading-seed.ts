import type { AppContext } from './context.js';
import type { Viewer } from '../core/events.js';
import { SimulatedTradingServer } from '../integrations/trading/simulator/sim-server.js';

/**
 * Trading accounts for the demo clients, opened the way staff would open them (so the client turns
 * Live through the same path) and funded on the simulator. Only these are handed to its simulated
 * traders (a flag the simulator stores with the account): accounts people open later are theirs alone.
 * Returns the live account to fund: the payments seed books its opening balance through the payments
 * ledger (so reconciliation finds the platform's operation there), once payment systems exist.
 */
export async function openDemoAccounts(
  ctx: AppContext,
  clientId: string,
  manager: { viewer: Viewer; id: string },
  plan: { live: boolean; demo: boolean; deposit: number },
): Promise<{ clientId: string; login: string; amount: number } | null> {
  const opener = { kind: 'staff' as const, viewer: manager.viewer, actor: { id: manager.id, ip: null } };
  const sim = ctx.tradingPlatform instanceof SimulatedTradingServer ? ctx.tradingPlatform : null;
  if (plan.demo) {
    const { account } = await ctx.tradingAccounts.open(opener, clientId, {
      kind: 'demo',
      currency: 'USD',
      leverage: 100,
    });
    await sim?.assignToSimulatedTraders(account.login);
  }
  if (!plan.live) return null;
  const { account } = await ctx.tradingAccounts.open(opener, clientId, {
    kind: 'live',
    currency: 'USD',
    leverage: 100,
  });
  await sim?.assignToSimulatedTraders(account.login);
  return { clientId, login: account.login, amount: plan.deposit };
}
