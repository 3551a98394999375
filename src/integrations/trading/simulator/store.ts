import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { simAccounts } from './schema.js';

/** One stored row: an account (`<login>`), its history (`<login>/history`) or the market (`~market`). */
export interface SimRow {
  login: string;
  state: Record<string, unknown>;
}

/** Where the simulator keeps its accounts between restarts. */
export interface SimStorage {
  loadAll(): Promise<SimRow[]>;
  save(rows: readonly SimRow[]): Promise<void>;
}

/** Rows whose key starts with this are not accounts (logins are digits). */
export const META_PREFIX = '~';
export const MARKET_ROW = `${META_PREFIX}market`;

const CHUNK = 200;

/** The `sim_accounts` table: the state of each account as one jsonb document, written with upserts. */
export class DbSimStorage implements SimStorage {
  constructor(private readonly db: Db) {}

  async loadAll(): Promise<SimRow[]> {
    const rows = await this.db
      .select({ login: simAccounts.login, state: simAccounts.state })
      .from(simAccounts);
    return rows;
  }

  /** All rows or none: an account and its history row must never disagree after a crash. */
  async save(rows: readonly SimRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx
          .insert(simAccounts)
          .values(rows.slice(i, i + CHUNK).map((r) => ({ login: r.login, state: r.state })))
          .onConflictDoUpdate({
            target: simAccounts.login,
            set: { state: sql`excluded.state`, updatedAt: sql`now()` },
          });
      }
    });
  }
}

/** Keeps rows in memory only: a simulator that forgets everything when the process ends (unit tests). */
export class MemorySimStorage implements SimStorage {
  readonly rows = new Map<string, Record<string, unknown>>();

  async loadAll(): Promise<SimRow[]> {
    return [...this.rows].map(([login, state]) => ({ login, state: structuredClone(state) }));
  }

  async save(rows: readonly SimRow[]): Promise<void> {
    for (const r of rows) this.rows.set(r.login, structuredClone(r.state));
  }
}
