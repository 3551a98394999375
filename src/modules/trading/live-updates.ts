import type { Audience } from '../../core/schema.js';
import type { LiveMessage } from '../../core/live.js';

/**
 * Trading's live updates ("this changed, refetch it"; see core/live.ts): accounts whose figures moved
 * and clients whose open alerts show new figures. The web app listens for these topics.
 */

/**
 * "These accounts changed": one message per audience, however many accounts, so a batch that moved
 * hundreds of accounts costs a NOTIFY or two instead of one per account (each NOTIFY costs
 * milliseconds under load).
 */
export function accountsChanged(
  accounts: { accountId: string; clientId: string; audience: Audience }[],
): LiveMessage[] {
  const byAudience = new Map<string, LiveMessage & { data: { accounts: [string, string][] } }>();
  for (const a of accounts) {
    const key = JSON.stringify(a.audience);
    let message = byAudience.get(key);
    if (!message)
      byAudience.set(
        key,
        (message = { topic: ACCOUNTS_TOPIC, audience: a.audience, data: { accounts: [] } }),
      );
    message.data.accounts.push([a.accountId, a.clientId]);
  }
  // Split so each message fits a NOTIFY on its own (an account pair is under 80 bytes).
  return [...byAudience.values()].flatMap((m) => {
    const parts: LiveMessage[] = [];
    for (let i = 0; i < m.data.accounts.length; i += ACCOUNTS_PER_MESSAGE)
      parts.push({ ...m, data: { accounts: m.data.accounts.slice(i, i + ACCOUNTS_PER_MESSAGE) } });
    return parts;
  });
}
/** `data.accounts` is a list of `[accountId, clientId]`. */
export const ACCOUNTS_TOPIC = 'trading.accounts';
const ACCOUNTS_PER_MESSAGE = 80;

/** `data.clients` is a list of client ids whose open trading alerts show new figures. */
export const ALERTS_TOPIC = 'trading.alerts';

/** "These clients' open alerts changed their figures": one message per audience. */
export function alertsChanged(changed: { clientId: string; audience: Audience }[]): LiveMessage[] {
  const byAudience = new Map<string, { audience: Audience; clients: Set<string> }>();
  for (const c of changed) {
    const key = JSON.stringify(c.audience);
    const entry = byAudience.get(key) ?? { audience: c.audience, clients: new Set<string>() };
    entry.clients.add(c.clientId);
    byAudience.set(key, entry);
  }
  return [...byAudience.values()].flatMap(({ audience, clients }) => {
    const ids = [...clients];
    const parts: LiveMessage[] = [];
    for (let i = 0; i < ids.length; i += CLIENTS_PER_MESSAGE)
      parts.push({ topic: ALERTS_TOPIC, audience, data: { clients: ids.slice(i, i + CLIENTS_PER_MESSAGE) } });
    return parts;
  });
}
const CLIENTS_PER_MESSAGE = 150;
