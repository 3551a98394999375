import { sql } from 'drizzle-orm';
import type { Executor } from '../db/connection.js';
import type { Audience } from './schema.js';

/**
 * Transient live updates: "this changed, refetch it" messages that are not worth a row in the event
 * log (an account's equity moves every second). They ride a NOTIFY that Postgres delivers on commit,
 * so every instance's hub hears them, and a socket that misses one simply refetches on reconnect.
 */
export const LIVE_CHANNEL = 'bd_live';

export interface LiveMessage {
  topic: string;
  audience: Audience;
  data: Record<string, unknown>;
}

/** NOTIFY payloads are capped at 8,000 bytes; stay below. */
const MAX_PAYLOAD = 7_800;

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

/** Queues live messages in the caller's transaction, packed into as few NOTIFYs as fit. */
export async function queueLive(tx: Executor, messages: LiveMessage[]): Promise<void> {
  let chunk: string[] = [];
  let size = 2;
  const flush = async () => {
    if (!chunk.length) return;
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${`[${chunk.join(',')}]`})`);
    chunk = [];
    size = 2;
  };
  for (const message of messages) {
    const json = JSON.stringify(message);
    if (json.length > MAX_PAYLOAD) continue; // a message this big is a bug in the caller; never block the commit
    if (size + json.length + 1 > MAX_PAYLOAD) await flush();
    chunk.push(json);
    size += json.length + 1;
  }
  await flush();
}

export function parseLive(payload: string): LiveMessage[] {
  try {
    const parsed = JSON.parse(payload) as unknown;
    return Array.isArray(parsed) ? (parsed as LiveMessage[]) : [];
  } catch {
    return [];
  }
}
