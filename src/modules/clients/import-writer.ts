/** CSV import (import-service.ts): one chunk per transaction, and the import's audit record. */
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import { appendEvents, type NewEvent, type Viewer } from '../../core/events.js';
import type { Actor } from '../../core/actor.js';
import { clientScope } from '../identity/index.js';
import { assignMany } from './assignment.js';
import { clientAudience } from './client-service.js';
import type { ImportInput } from './contracts.js';
import {
  CONTACT_FIELDS,
  contactChanges,
  type Action,
  type ImportReport,
  type Lead,
  type Outcome,
} from './import-report.js';
import { visibleAmong } from './refs.js';
import { clients } from './schema.js';

/** One chunk in one transaction: assignment, one INSERT, the updates, their events. */
export async function commitChunk(
  tx: Executor,
  now: Date,
  viewer: Viewer,
  actor: Actor,
  chunk: Action[],
  assigned: Map<string, number>,
): Promise<Map<number, Outcome>> {
  const results = new Map<number, Outcome>();
  const events: NewEvent[] = [];
  const newlyAssigned = new Map<string, number>();
  const creates = chunk.filter((a) => a.kind === 'create');
  if (creates.length) {
    const assignments = await assignMany(
      tx,
      creates.map((a) => a.lead),
    );
    const values = creates.map((a, i) => ({
      id: a.id,
      ...a.lead,
      managerId: assignments[i]!.managerId,
      teamId: assignments[i]!.teamId,
      createdAt: now,
    }));
    const inserted = await insertMany(tx, values);
    creates.forEach((a, i) => {
      if (!inserted.has(a.id)) {
        results.set(a.row, {
          status: 'duplicate',
          errors: [{ field: 'email', message: 'A client with this email was added meanwhile' }],
        });
        return;
      }
      const v = values[i]!;
      const assignment = assignments[i]!;
      results.set(a.row, { status: 'created', errors: [], clientId: a.id });
      if (v.managerId) newlyAssigned.set(v.managerId, (newlyAssigned.get(v.managerId) ?? 0) + 1);
      events.push({
        type: 'client.created',
        subjectType: 'client',
        subjectId: a.id,
        actorId: actor.id,
        actorKind: actor.id ? 'staff' : 'system',
        ip: actor.ip,
        payload: {
          name: v.name,
          clientName: v.name,
          kind: 'import',
          source: v.source,
          country: v.country,
          status: 'lead',
          managerId: v.managerId,
          assignedVia: assignment.via,
          ruleId: assignment.ruleId,
          teamId: v.teamId ?? null,
        },
        audience: clientAudience(v),
      });
    });
  }
  const updates = chunk.filter((a) => a.kind === 'update');
  if (updates.length) {
    const locked = await tx
      .select()
      .from(clients)
      .where(
        visibleAmong(
          viewer,
          updates.map((a) => a.id),
        ),
      )
      .for('update');
    const byId = new Map(locked.map((r) => [r.id, r]));
    const changed: { id: string; after: Record<(typeof CONTACT_FIELDS)[number], string | null> }[] = [];
    for (const a of updates) {
      const before = byId.get(a.id);
      if (!before) {
        results.set(a.row, {
          status: 'duplicate',
          errors: [{ field: 'row', message: 'The matching client is no longer available' }],
        });
        continue;
      }
      const changes = contactChanges(before, a.lead);
      if (!Object.keys(changes).length) {
        results.set(a.row, {
          status: 'skipped',
          errors: [{ field: 'row', message: 'Already up to date' }],
          clientId: a.id,
        });
        continue;
      }
      const after = Object.fromEntries(
        CONTACT_FIELDS.map((f) => [f, f in changes ? changes[f]!.to : before[f]]),
      ) as (typeof changed)[number]['after'];
      changed.push({ id: a.id, after });
      results.set(a.row, { status: 'updated', errors: [], clientId: a.id });
      events.push({
        type: 'client.updated',
        subjectType: 'client',
        subjectId: a.id,
        actorId: actor.id,
        ip: actor.ip,
        payload: { changes, clientName: before.name, via: 'import' },
        audience: clientAudience(before),
      });
    }
    if (changed.length) {
      const col = (f: (typeof CONTACT_FIELDS)[number]) => sql.param(changed.map((c) => c.after[f]));
      await tx.execute(sql`
        update ${clients} set name = v.name, email = v.email, phone = v.phone, country = v.country,
          language = v.language, updated_at = ${now}
        from unnest(${sql.param(changed.map((c) => c.id))}::uuid[], ${col('name')}::text[], ${col('email')}::text[],
          ${col('phone')}::text[], ${col('country')}::text[], ${col('language')}::text[])
          as v(id, name, email, phone, country, language)
        where ${clients.id} = v.id and ${clientScope(viewer, clients)}`);
    }
  }
  await appendEvents(tx, events);
  for (const [managerId, n] of newlyAssigned) assigned.set(managerId, (assigned.get(managerId) ?? 0) + n);
  return results;
}

/** The import's audit record, and one notification per manager who received clients. */
export async function summarise(
  db: Db,
  actor: Actor,
  importId: string,
  input: ImportInput,
  result: ImportReport,
  assigned: Map<string, number>,
  failed: boolean,
) {
  const { rows: _, rowsTruncated: __, dryRun: ___, ...counts } = result;
  await db.transaction((tx) =>
    appendEvents(tx, [
      {
        type: 'clients.imported',
        subjectType: 'client_import',
        subjectId: importId,
        actorId: actor.id,
        ip: actor.ip,
        payload: { ...counts, duplicatesMode: input.duplicates, mapping: input.mapping, failed },
        audience: { permissions: ['clients.export'], ...(actor.id ? { users: [actor.id] } : {}) },
      },
      ...[...assigned]
        .filter(([managerId]) => managerId !== actor.id)
        .map(([managerId, count]) => ({
          type: 'clients.assigned' as const,
          subjectType: 'client_import',
          subjectId: importId,
          actorId: actor.id,
          ip: actor.ip,
          payload: { count, importId },
          audience: { users: [managerId] },
          notify: [{ userId: managerId, payload: { count, importId } }],
        })),
    ]),
  );
}

type NewRow = Lead & { id: string; managerId: string | null; teamId: string | null; createdAt: Date };

/**
 * One INSERT for the chunk with one array parameter per column (unnest), returning the ids it inserted.
 * Drizzle's multi-row VALUES builds one parameter per cell, which for 1,000 rows costs more than the
 * insert itself. A client with the same email created since the plan was made (another import, a
 * registration) is not an error: ON CONFLICT skips it and its row is reported as a duplicate.
 */
async function insertMany(tx: Executor, rows: NewRow[]): Promise<Set<string>> {
  const col = <K extends keyof NewRow>(key: K) => sql.param(rows.map((r) => r[key]));
  const result = await tx.execute(sql`
    insert into ${clients} (id, name, email, phone, country, language, source, tags, manager_id, team_id,
                            created_at, updated_at, status_changed_at)
    select v.id, v.name, v.email, v.phone, v.country, v.language, v.source,
           array(select jsonb_array_elements_text(v.tags)), v.manager_id, v.team_id, ${rows[0]!.createdAt}, ${rows[0]!.createdAt}, ${rows[0]!.createdAt}
    from unnest(${col('id')}::uuid[], ${col('name')}::text[], ${col('email')}::text[], ${col('phone')}::text[],
                ${col('country')}::text[], ${col('language')}::text[], ${col('source')}::text[],
                ${sql.param(rows.map((r) => JSON.stringify(r.tags)))}::jsonb[], ${col('managerId')}::uuid[], ${col('teamId')}::uuid[])
         as v(id, name, email, phone, country, language, source, tags, manager_id, team_id)
    on conflict do nothing
    returning id`);
  return new Set((result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id));
}
