import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { badRequest } from '../../core/errors.js';
import { traderTokens } from './schema.js';

/**
 * `emailed_password` has no link: it records that a password was emailed to the client's address (a
 * manager opened the cabinet). Signing in with that password proves the mailbox, like a link would; a
 * password change or an address change (the database trigger retires every token) ends that proof.
 */
export type TokenPurpose = 'confirm_email' | 'reset_password' | 'emailed_password';

export const CONFIRM_EMAIL_TTL_MS = 48 * 3_600_000;
export const RESET_PASSWORD_TTL_MS = 3_600_000;
export const EMAILED_PASSWORD_TTL_MS = 365 * 86_400_000;
const TTL: Record<TokenPurpose, number> = {
  confirm_email: CONFIRM_EMAIL_TTL_MS,
  reset_password: RESET_PASSWORD_TTL_MS,
  emailed_password: EMAILED_PASSWORD_TTL_MS,
};

/**
 * A single-use email link: 32 random bytes for the link, only their SHA-256 in the database. Issuing a
 * new link of a purpose retires the client's older unused ones, so only the latest email works.
 */
export async function issueToken(
  tx: Executor,
  clientId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string> {
  const token = randomToken(32);
  await retireTokens(tx, clientId, purpose, now);
  await tx.insert(traderTokens).values({
    id: sha256(token),
    clientId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TTL[purpose]),
  });
  return token;
}

/** The tokens of `which` (one by its id, or a client's) that still work at `now`: unused, not expired. */
const usable = (which: SQL, purpose: TokenPurpose, now: Date) =>
  and(
    which,
    eq(traderTokens.purpose, purpose),
    isNull(traderTokens.usedAt),
    sql`${traderTokens.expiresAt} > ${now}`,
  );

/** Marks the client's unused tokens of a purpose used: their links (or proof) no longer work. */
export async function retireTokens(tx: Executor, clientId: string, purpose: TokenPurpose, now: Date) {
  await tx
    .update(traderTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(traderTokens.clientId, clientId),
        eq(traderTokens.purpose, purpose),
        isNull(traderTokens.usedAt),
      ),
    );
}

/** Spends the client's live token of a purpose, if any (no token text needed); true when one was spent. */
export async function spendClientToken(
  tx: Executor,
  clientId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<boolean> {
  const spent = await tx
    .update(traderTokens)
    .set({ usedAt: now })
    .where(usable(eq(traderTokens.clientId, clientId), purpose, now))
    .returning({ id: traderTokens.id });
  return spent.length > 0;
}

/** When the client's usable confirmation link was sent, or null when there is none (never, used, expired). */
export async function pendingLinkSentAt(
  tx: Executor,
  clientId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<Date | null> {
  const [row] = await tx
    .select({ createdAt: traderTokens.createdAt })
    .from(traderTokens)
    .where(usable(eq(traderTokens.clientId, clientId), purpose, now))
    .orderBy(desc(traderTokens.createdAt))
    .limit(1);
  return row?.createdAt ?? null;
}

/**
 * Spends a token in the caller's transaction and returns its client. One conditional UPDATE: of two
 * concurrent uses exactly one wins. Unknown, used or foreign-purpose tokens are `token_invalid`; a
 * known token past its time is `token_expired`.
 */
export async function consumeToken(
  tx: Executor,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string> {
  const id = sha256(token);
  const [spent] = await tx
    .update(traderTokens)
    .set({ usedAt: now })
    .where(usable(eq(traderTokens.id, id), purpose, now))
    .returning({ clientId: traderTokens.clientId });
  if (spent) return spent.clientId;
  const [row] = await tx.select().from(traderTokens).where(eq(traderTokens.id, id)).limit(1);
  if (row && row.purpose === purpose && !row.usedAt)
    throw badRequest('token_expired', 'This link has expired; ask for a new one', 'token');
  throw badRequest('token_invalid', 'This link is not valid or has already been used', 'token');
}
