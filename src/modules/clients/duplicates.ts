import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { Viewer } from '../../core/events.js';
import { canSeeClient, staffNames } from '../identity/index.js';
import { clients, type ClientStatus } from './schema.js';

export interface DuplicateMatch {
  id: string | null;
  name: string | null;
  status: ClientStatus | null;
  managerName: string | null;
  matchedOn: ('email' | 'phone')[];
  /** false when the match belongs to someone the viewer may not see: its details stay hidden. */
  visible: boolean;
}

/** Clients matching an email or phone (at most 10): what a new lead or an import would duplicate. */
export async function findDuplicates(
  db: Db,
  viewer: Viewer,
  email: string | null,
  phone: string | null,
): Promise<DuplicateMatch[]> {
  const conditions: SQL[] = [];
  if (email) conditions.push(sql`lower(${clients.email}) = ${email.toLowerCase()}`);
  if (phone) conditions.push(eq(clients.phone, phone));
  if (!conditions.length) return [];
  const managers = staffNames('managers');
  const rows = await db
    .select({ c: clients, managerName: managers.name })
    .from(clients)
    .leftJoin(managers, eq(managers.id, clients.managerId))
    .where(or(...conditions))
    .limit(10);
  return rows.map(({ c, managerName }) => {
    const matchedOn: ('email' | 'phone')[] = [];
    if (email && c.email?.toLowerCase() === email.toLowerCase()) matchedOn.push('email');
    if (phone && c.phone === phone) matchedOn.push('phone');
    const visible = canSeeClient(viewer, c);
    return visible
      ? { id: c.id, name: c.name, status: c.status, managerName, matchedOn, visible }
      : { id: null, name: null, status: null, managerName, matchedOn, visible };
  });
}
