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

/** Queues live messages in the caller's transaction, packed into as few NOTIFYs as fit. */
export async function queueLive(tx: Executor, messages: LiveMessage[]): Promise<void> {
  for (const payload of livePayloads(messages))
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`);
}

/**
 * The NOTIFY payloads (on LIVE_CHANNEL) that carry `messages`, packed into as few as fit: for a caller
 * that sends them from a statement of its own (`pg_notify` over `unnest`), saving the round trips.
 */
export function livePayloads(messages: LiveMessage[]): string[] {
  const payloads: string[] = [];
  let chunk: string[] = [];
  let size = 2;
  const flush = () => {
    if (chunk.length) payloads.push(`[${chunk.join(',')}]`);
    chunk = [];
    size = 2;
  };
  for (const message of messages) {
    const json = JSON.stringify(message);
    if (json.length > MAX_PAYLOAD) continue; // a message this big is a bug in the caller; never block the commit
    if (size + json.length + 1 > MAX_PAYLOAD) flush();
    chunk.push(json);
    size += json.length + 1;
  }
  flush();
  return payloads;
}

export function parseLive(payload: string): LiveMessage[] {
  try {
    const parsed = JSON.parse(payload) as unknown;
    return Array.isArray(parsed) ? (parsed as LiveMessage[]) : [];
  } catch {
    return [];
  }
}
