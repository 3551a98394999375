/** CSV import (import-service.ts): each valid row decided against the clients in the database. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { Viewer } from '../../core/events.js';
import { clientScope } from '../identity/index.js';
import type { ImportInput } from './contracts.js';
import { contactChanges, type Action, type Lead, type Outcome } from './import-report.js';
import { visibleAmong } from './refs.js';
import { clients } from './schema.js';

const LOOKUP_BATCH = 5_000;

interface Existing {
  id: string;
  email: string | null;
  phone: string | null;
  visible: boolean;
}

/** Decides create / update / skip / duplicate for each valid row against the clients in the database. */
export async function planImport(
  db: Db,
  viewer: Viewer,
  candidates: { row: number; lead: Lead }[],
  mode: ImportInput['duplicates'],
  outcomes: Outcome[],
): Promise<Action[]> {
  const usePhone = mode !== 'create_phone_duplicates';
  const existing = await lookup(
    db,
    viewer,
    candidates.flatMap((c) => (c.lead.email ? [c.lead.email] : [])),
    usePhone ? candidates.flatMap((c) => (c.lead.phone ? [c.lead.phone] : [])) : [],
  );
  const actions: Action[] = [];
  const claimed = new Map<string, number>();
  for (const { row, lead } of candidates) {
    const matches = new Map<string, { client: Existing; on: 'email' | 'phone' }>();
    const byEmail = lead.email ? existing.byEmail.get(lead.email) : undefined;
    if (byEmail) matches.set(byEmail.id, { client: byEmail, on: 'email' });
    if (usePhone && lead.phone)
      for (const c of existing.byPhone.get(lead.phone) ?? [])
        if (!matches.has(c.id)) matches.set(c.id, { client: c, on: 'phone' });
    if (matches.size === 0) {
      actions.push({ kind: 'create', row, id: randomUUID(), lead });
      continue;
    }
    const all = [...matches.values()];
    const field = all[0]!.on;
    const visible = all.filter((m) => m.client.visible);
    if (visible.length === 0) {
      outcomes[row - 1] = {
        status: 'duplicate',
        errors: [{ field, message: `A client with this ${field} already exists` }],
      };
      continue;
    }
    const clientId = visible[0]!.client.id;
    if (mode !== 'update') {
      outcomes[row - 1] = {
        status: 'skipped',
        errors: [{ field, message: `A client with this ${field} already exists` }],
        clientId,
      };
    } else if (all.length > 1) {
      outcomes[row - 1] = {
        status: 'duplicate',
        errors: [
          { field, message: `Matches ${all.length} existing clients by email and phone; not updated` },
        ],
        clientId,
      };
    } else if (claimed.has(clientId)) {
      outcomes[row - 1] = {
        status: 'duplicate',
        errors: [{ field, message: `Row ${claimed.get(clientId)} already updates this client` }],
        clientId,
      };
    } else {
      claimed.set(clientId, row);
      actions.push({ kind: 'update', row, id: clientId, lead });
    }
  }
  // Planned updates that change nothing are skipped; in a dry run this is the final word.
  const updates = actions.filter((a) => a.kind === 'update');
  for (let i = 0; i < updates.length; i += LOOKUP_BATCH) {
    const batch = updates.slice(i, i + LOOKUP_BATCH);
    const rows = await db
      .select()
      .from(clients)
      .where(
        visibleAmong(
          viewer,
          batch.map((a) => a.id),
        ),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of batch) {
      const before = byId.get(a.id);
      if (!before)
        outcomes[a.row - 1] = {
          status: 'duplicate',
          errors: [{ field: 'row', message: 'The matching client is no longer available' }],
        };
      else if (!Object.keys(contactChanges(before, a.lead)).length)
        outcomes[a.row - 1] = {
          status: 'skipped',
          errors: [{ field: 'row', message: 'Already up to date' }],
          clientId: a.id,
        };
      else outcomes[a.row - 1] = { status: 'updated', errors: [], clientId: a.id };
    }
  }
  for (const a of actions) if (a.kind === 'create') outcomes[a.row - 1] = { status: 'valid', errors: [] };
  return actions.filter((a) => a.kind === 'create' || outcomes[a.row - 1]!.status === 'updated');
}

/** Clients with any of these emails or phones: ids, contacts and whether the viewer may see them. */
async function lookup(db: Db, viewer: Viewer, emails: string[], phones: string[]) {
  const byEmail = new Map<string, Existing>();
  const byPhone = new Map<string, Existing[]>();
  const columns = {
    id: clients.id,
    email: sql<string | null>`lower(${clients.email})`,
    phone: clients.phone,
    visible: sql<boolean>`(${clientScope(viewer, clients)})`.mapWith(Boolean),
  };
  // Emails and phones are looked up side by side (two connections on PostgreSQL).
  const byEmails = async () => {
    for (let i = 0; i < emails.length; i += LOOKUP_BATCH) {
      const rows = await db
        .select(columns)
        .from(clients)
        .where(sql`lower(${clients.email}) = any(${sql.param(emails.slice(i, i + LOOKUP_BATCH))}::text[])`);
      for (const r of rows) byEmail.set(r.email!, r);
    }
  };
  const byPhones = async () => {
    for (let i = 0; i < phones.length; i += LOOKUP_BATCH) {
      const rows = await db
        .select(columns)
        .from(clients)
        .where(sql`${clients.phone} = any(${sql.param(phones.slice(i, i + LOOKUP_BATCH))}::text[])`);
      for (const r of rows) {
        const list = byPhone.get(r.phone!) ?? [];
        if (!list.some((c) => c.id === r.id)) list.push(r);
        byPhone.set(r.phone!, list);
      }
    }
  };
  await Promise.all([byEmails(), byPhones()]);
  return { byEmail, byPhone };
}
