import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { clients } from './schema.js';

/** What a conversation knows of whoever wrote in: a cabinet login, an email's From, a phone number. */
export interface ContactKeys {
  login?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** Digits only: "+62 812-3456" and "628123456" are the same number. Too short to mean anything → null. */
export function phoneDigits(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 7 ? digits : null;
}

/**
 * The client a support contact belongs to, matched by cabinet login, then email, then phone (the
 * order of certainty: a login and an email are unique per client, a phone is not). A phone shared by
 * several clients matches none of them, so a conversation is never pinned on the wrong person; staff
 * link it by hand. Not scoped: the support desk links a conversation to whoever wrote, and the card
 * itself stays behind the viewer's record scope.
 */
export async function matchClientByContact(db: Executor, keys: ContactKeys): Promise<{ id: string } | null> {
  const login = keys.login?.trim();
  if (login) {
    const [row] = await db
      .select({ id: clients.id })
      .from(clients)
      .where(eq(sql`lower(${clients.login})`, login.toLowerCase()))
      .limit(1);
    if (row) return row;
  }
  const email = keys.email?.trim();
  if (email) {
    const [row] = await db
      .select({ id: clients.id })
      .from(clients)
      .where(eq(sql`lower(${clients.email})`, email.toLowerCase()))
      .limit(1);
    if (row) return row;
  }
  const digits = phoneDigits(keys.phone);
  if (digits) {
    const rows = await db
      .select({ id: clients.id })
      .from(clients)
      .where(eq(sql`regexp_replace(coalesce(${clients.phone}, ''), '\\D', '', 'g')`, digits))
      .limit(2);
    if (rows.length === 1) return rows[0]!;
  }
  return null;
}

/**
 * Clients whose phone, reduced to digits, is one of `digitKeys` (the forms one number takes: see
 * telephony's matchKeys), oldest first, at most `limit`. Not scoped: telephony matches a caller to
 * whoever they are, and the card itself stays behind the viewer's record scope.
 */
export async function clientsByPhoneDigits(
  db: Executor,
  digitKeys: readonly string[],
  limit = 5,
): Promise<{ id: string; name: string; managerId: string | null; teamId: string | null }[]> {
  if (!digitKeys.length) return [];
  return db
    .select({ id: clients.id, name: clients.name, managerId: clients.managerId, teamId: clients.teamId })
    .from(clients)
    .where(inArray(sql`regexp_replace(coalesce(${clients.phone}, ''), '\\D', '', 'g')`, [...digitKeys]))
    .orderBy(asc(clients.createdAt), asc(clients.id))
    .limit(limit);
}
