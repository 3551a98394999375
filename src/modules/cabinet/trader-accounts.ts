import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { traderAccounts } from './schema.js';

/**
 * Whether the client's trader has confirmed their email in the cabinet (false also when the client
 * has no cabinet): trading opens a live account only for a confirmed address.
 */
export async function cabinetEmailConfirmed(db: Executor, clientId: string): Promise<boolean> {
  const [account] = await db
    .select({ confirmedAt: traderAccounts.emailConfirmedAt })
    .from(traderAccounts)
    .where(eq(traderAccounts.clientId, clientId))
    .limit(1);
  return Boolean(account?.confirmedAt);
}
