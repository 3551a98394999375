import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { appendEvents, type NewEvent, type Viewer } from '../../core/events.js';
import { AppError, badRequest } from '../../core/errors.js';
import { clientScope, withScope } from '../identity/scope.js';
import type { Actor } from '../../core/actor.js';
import { assignMany } from './assignment.js';
import { clientAudience, type ClientRow } from './client-service.js';
import { CsvError, parseCsv, type Delimiter } from './csv.js';
import {
  IMPORT_FIELDS,
  IMPORT_MAX_ROWS,
  leadCreateInput,
  type ImportField,
  type ImportInput,
  type ImportMapping,
} from './contracts.js';
import { clients } from './schema.js';

export type ImportRowStatus = 'created' | 'updated' | 'skipped' | 'invalid' | 'duplicate' | 'valid';

export interface ImportRowReport {
  /** 1-based data row number: 1 is the first row after the header (blank lines are not counted). */
  row: number;
  status: ImportRowStatus;
  errors: { field: string; message: string }[];
  /** The client the row created, updated or was skipped for — only ever one the importer may see. */
  clientId?: string;
}

/**
 * Every data row has exactly one outcome, so total = invalid + duplicates + created + updated + skipped
 * and valid = total − invalid. In a dry run the counts are what the import would do.
 */
export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  created: number;
  updated: number;
  skipped: number;
  /** The first 1,000 rows that were not imported as they are: invalid, duplicate or skipped. */
  rows: ImportRowReport[];
  rowsTruncated: boolean;
}

export interface ImportInspection {
  headers: string[];
  /** The first five data rows. */
  sample: string[][];
  rowCount: number;
  delimiter: Delimiter;
  suggestedMapping: Partial<ImportMapping>;
}

const REPORT_ROWS = 1_000;
const LOOKUP_BATCH = 5_000;
const CONTACT_FIELDS = ['name', 'email', 'phone', 'country', 'language'] as const;

type Lead = {
  name: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  language: string | null;
  source: string;
  tags: string[];
};
type Outcome = { status: ImportRowStatus; errors: ImportRowReport['errors']; clientId?: string };
type Action =
  | { kind: 'create'; row: number; id: string; lead: Lead }
  | { kind: 'update'; row: number; id: string; lead: Lead };
interface Existing {
  id: string;
  email: string | null;
  phone: string | null;
  visible: boolean;
}

/**
 * CSV import of leads. Each row is validated with the lead-creation schema, checked for duplicates
 * against the file and the database, and then created (automatic assignment, `client.created`), used to
 * update an existing client's contacts, or reported. Valid rows are written in chunks: one transaction,
 * one assignment pass, one multi-row INSERT and one batch of events per chunk, so a failure never
 * leaves half a chunk behind.
 *
 * Duplicate detection looks at every client (an email must stay unique whoever owns the client), but
 * only ids and whether the importer may see them — decided by the scope function in SQL — come back;
 * clients outside the importer's scope are reported as `duplicate` without an id or any detail, and
 * reads of full rows (for updates) go through withScope.
 */
export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    private readonly opts: { chunkSize: number } = { chunkSize: 1_000 },
  ) {}

  inspect(csv: string): ImportInspection {
    const { headers, records, delimiter } = readTable(csv);
    return {
      headers,
      sample: records.slice(0, 5),
      rowCount: records.length,
      delimiter,
      suggestedMapping: suggestMapping(headers),
    };
  }

  async run(viewer: Viewer, actor: Actor, input: ImportInput): Promise<ImportReport> {
    const { headers, records } = readTable(input.csv);
    const columns = resolveMapping(headers, input.mapping);
    const outcomes: Outcome[] = new Array(records.length);
    const candidates = validate(records, headers.length, columns, input, outcomes);
    const actions = await this.plan(viewer, candidates, input.duplicates, outcomes);

    if (input.dryRun) return report(outcomes, true);

    const assigned = new Map<string, number>();
    const importId = randomUUID();
    for (let i = 0; i < actions.length; i += this.opts.chunkSize) {
      const chunk = actions.slice(i, i + this.opts.chunkSize);
      try {
        const results = await this.db.transaction((tx) =>
          this.commitChunk(tx, viewer, actor, chunk, assigned),
        );
        for (const [row, outcome] of results) outcomes[row - 1] = outcome;
      } catch (err) {
        // Earlier chunks stay; this one rolled back as a whole. The report says exactly what was saved.
        for (const a of actions.slice(i))
          outcomes[a.row - 1] = {
            status: 'skipped',
            errors: [{ field: 'row', message: 'Not saved: the import stopped on a database error' }],
          };
        const partial = report(outcomes, false);
        await this.summarise(actor, importId, input, partial, assigned, true).catch(() => {});
        // The database going away is a 503 (try again), not a bug; either way the report stands.
        const away = isDatabaseUnavailable(err);
        const failure = new AppError(
          away ? 503 : 500,
          away ? 'database_unavailable' : 'import_failed',
          'The import stopped on a database error; the report says which rows were saved',
          undefined,
          {
            report: partial,
          },
        );
        (failure as Error & { cause?: unknown }).cause = err;
        throw failure;
      }
    }
    const result = report(outcomes, false);
    await this.summarise(actor, importId, input, result, assigned, false);
    return result;
  }

  /** Decides create / update / skip / duplicate for each valid row against the clients in the database. */
  private async plan(
    viewer: Viewer,
    candidates: { row: number; lead: Lead }[],
    mode: ImportInput['duplicates'],
    outcomes: Outcome[],
  ): Promise<Action[]> {
    const usePhone = mode !== 'create_phone_duplicates';
    const existing = await this.lookup(
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
      const rows = await this.db
        .select()
        .from(clients)
        .where(
          withScope(
            viewer,
            clients,
            inArray(
              clients.id,
              batch.map((a) => a.id),
            ),
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
  private async lookup(viewer: Viewer, emails: string[], phones: string[]) {
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
        const rows = await this.db
          .select(columns)
          .from(clients)
          .where(sql`lower(${clients.email}) = any(${sql.param(emails.slice(i, i + LOOKUP_BATCH))}::text[])`);
        for (const r of rows) byEmail.set(r.email!, r);
      }
    };
    const byPhones = async () => {
      for (let i = 0; i < phones.length; i += LOOKUP_BATCH) {
        const rows = await this.db
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

  /** One chunk in one transaction: assignment, one INSERT, the updates, their events. */
  private async commitChunk(
    tx: Executor,
    viewer: Viewer,
    actor: Actor,
    chunk: Action[],
    assigned: Map<string, number>,
  ): Promise<Map<number, Outcome>> {
    const results = new Map<number, Outcome>();
    const events: NewEvent[] = [];
    const newlyAssigned = new Map<string, number>();
    const now = this.clock.now();
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
          withScope(
            viewer,
            clients,
            inArray(
              clients.id,
              updates.map((a) => a.id),
            ),
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
  private async summarise(
    actor: Actor,
    importId: string,
    input: ImportInput,
    result: ImportReport,
    assigned: Map<string, number>,
    failed: boolean,
  ) {
    const { rows: _, rowsTruncated: __, dryRun: ___, ...counts } = result;
    await this.db.transaction((tx) =>
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
            type: 'clients.assigned',
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
}

const invalid = (errors: ImportRowReport['errors']): Outcome => ({ status: 'invalid', errors });

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

/** Field validation, the same as a lead created by hand, then duplicates within the file. */
function validate(
  records: string[][],
  width: number,
  columns: Partial<Record<ImportField, number>>,
  input: Pick<ImportInput, 'defaultSource' | 'duplicates'>,
  outcomes: Outcome[],
): { row: number; lead: Lead }[] {
  const defaultSource = input.defaultSource ?? 'import';
  // Phone twins inside the file are judged like phone matches in the database.
  const phoneTwinsAllowed = input.duplicates === 'create_phone_duplicates';
  const cell = (record: string[], field: ImportField) => {
    const index = columns[field];
    const value = index === undefined ? '' : (record[index] ?? '').trim();
    return value === '' ? null : value;
  };
  const out: { row: number; lead: Lead }[] = [];
  const emails = new Map<string, number>();
  const phones = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const row = i + 1;
    if (record.length > width && record.slice(width).some((c) => c.trim() !== '')) {
      outcomes[i] = invalid([
        { field: 'row', message: `This row has ${record.length} cells; the header has ${width}` },
      ]);
      continue;
    }
    const tags = cell(record, 'tags');
    const parsed = leadCreateInput.safeParse({
      name: cell(record, 'name') ?? '',
      email: cell(record, 'email'),
      phone: cell(record, 'phone'),
      country: cell(record, 'country'),
      language: cell(record, 'language'),
      source: cell(record, 'source') ?? defaultSource,
      tags: tags
        ? [
            ...new Set(
              tags
                .split(/[;|]/)
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ]
        : [],
    });
    if (!parsed.success) {
      const errors = new Map<string, string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'row');
        if (!errors.has(field)) errors.set(field, issue.message);
      }
      outcomes[i] = invalid([...errors].map(([field, message]) => ({ field, message })));
      continue;
    }
    const { allowDuplicatePhone: _, ...lead } = parsed.data;
    const sameEmail = lead.email ? emails.get(lead.email) : undefined;
    const samePhone = lead.phone && !phoneTwinsAllowed ? phones.get(lead.phone) : undefined;
    if (sameEmail !== undefined) {
      outcomes[i] = {
        status: 'duplicate',
        errors: [{ field: 'email', message: `Same email as row ${sameEmail}` }],
      };
      continue;
    }
    if (samePhone !== undefined) {
      outcomes[i] = {
        status: 'duplicate',
        errors: [{ field: 'phone', message: `Same phone as row ${samePhone}` }],
      };
      continue;
    }
    if (lead.email) emails.set(lead.email, row);
    if (lead.phone && !phones.has(lead.phone)) phones.set(lead.phone, row);
    out.push({ row, lead });
  }
  return out;
}

function report(outcomes: (Outcome | undefined)[], dryRun: boolean): ImportReport {
  const r: ImportReport = {
    dryRun,
    total: outcomes.length,
    valid: 0,
    invalid: 0,
    duplicates: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    rows: [],
    rowsTruncated: false,
  };
  outcomes.forEach((o, i) => {
    if (!o) return;
    if (o.status === 'invalid') r.invalid++;
    else if (o.status === 'duplicate') r.duplicates++;
    else if (o.status === 'skipped') r.skipped++;
    else if (o.status === 'updated') r.updated++;
    else r.created++; // created, or in a dry run `valid` (would be created)
    if (o.status === 'invalid' || o.status === 'duplicate' || o.status === 'skipped') {
      if (r.rows.length < REPORT_ROWS) r.rows.push({ row: i + 1, ...o });
      else r.rowsTruncated = true;
    }
  });
  r.valid = r.total - r.invalid;
  return r;
}

/** The contact fields the row would change: only filled-in cells, never status, manager or tags. */
function contactChanges(before: ClientRow, lead: Lead) {
  const changes: Partial<Record<(typeof CONTACT_FIELDS)[number], { from: string | null; to: string }>> = {};
  for (const f of CONTACT_FIELDS) {
    const to = lead[f];
    if (to !== null && to !== before[f]) changes[f] = { from: before[f], to };
  }
  return changes;
}

/** The parsed file: trimmed headers and the data rows, or a 400 that says what is wrong with it. */
function readTable(csv: string): { headers: string[]; records: string[][]; delimiter: Delimiter } {
  if (csv.includes('\u0000'))
    throw badRequest('not_csv', 'This is not a CSV text file (it contains binary data)', 'csv');
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvError)
      throw badRequest('malformed_csv', `The file is not valid CSV: ${err.message}`, 'csv');
    throw err;
  }
  const rows = parsed.rows.filter((r) => r.some((c) => c.trim() !== ''));
  if (!rows.length) throw badRequest('empty_file', 'The file is empty', 'csv');
  const headers = rows[0]!.map((h) => h.trim());
  if (headers.some((h) => h.length > 200))
    throw badRequest(
      'not_csv',
      'The first row does not look like column names; is this a CSV file with a header row?',
      'csv',
    );
  const records = rows.slice(1);
  if (!records.length) throw badRequest('no_rows', 'The file has a header row but no data rows', 'csv');
  if (records.length > IMPORT_MAX_ROWS)
    throw badRequest(
      'too_many_rows',
      `A file may have ${IMPORT_MAX_ROWS.toLocaleString('en')} rows at most; this one has ${records.length.toLocaleString('en')}`,
      'csv',
    );
  return { headers, records, delimiter: parsed.delimiter };
}

function resolveMapping(headers: string[], mapping: ImportMapping): Partial<Record<ImportField, number>> {
  if (!mapping.email && !mapping.phone)
    throw badRequest('mapping_incomplete', 'Choose an email or a phone column', 'mapping.email');
  const out: Partial<Record<ImportField, number>> = {};
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    if (header === undefined) continue;
    const index = headers.indexOf(header);
    if (index === -1)
      throw badRequest('unknown_column', `The file has no column "${header}"`, `mapping.${field}`);
    if (headers.indexOf(header, index + 1) !== -1)
      throw badRequest(
        'ambiguous_column',
        `The file has more than one column "${header}"`,
        `mapping.${field}`,
      );
    out[field] = index;
  }
  return out;
}

// Header names people use, in English, Russian and Indonesian, compared without case, spaces or punctuation.
const HEADER_NAMES: Record<ImportField, string[]> = {
  name: [
    'fullname',
    'name',
    'clientname',
    'customername',
    'contactname',
    'leadname',
    'фио',
    'имя',
    'полноеимя',
    'имяфамилия',
    'клиент',
    'nama',
    'namalengkap',
    'namaklien',
    'namapelanggan',
    'namanasabah',
  ],
  email: [
    'email',
    'emailaddress',
    'mail',
    'электроннаяпочта',
    'почта',
    'емейл',
    'имейл',
    'элпочта',
    'alamatemail',
    'surel',
    'surat',
  ],
  phone: [
    'phone',
    'phonenumber',
    'telephone',
    'tel',
    'mobile',
    'mobilephone',
    'cell',
    'cellphone',
    'телефон',
    'тел',
    'номертелефона',
    'мобильный',
    'мобильныйтелефон',
    'telepon',
    'nomortelepon',
    'notelp',
    'notelepon',
    'hp',
    'nohp',
    'nomorhp',
    'handphone',
    'ponsel',
    'whatsapp',
    'wa',
  ],
  country: ['country', 'countrycode', 'страна', 'кодстраны', 'negara', 'kodenegara'],
  language: ['language', 'lang', 'язык', 'bahasa'],
  source: ['source', 'leadsource', 'utmsource', 'channel', 'источник', 'канал', 'sumber', 'saluran'],
  tags: ['tags', 'tag', 'labels', 'label', 'теги', 'тег', 'метки', 'метка', 'ярлыки'],
};

const normaliseHeader = (h: string) =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');

export function suggestMapping(headers: string[]): Partial<ImportMapping> {
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const out: Partial<ImportMapping> = {};
  for (const field of IMPORT_FIELDS) {
    // The earliest name in the list wins ("Full name" over "Name" when both are there).
    for (const name of HEADER_NAMES[field]) {
      const index = normalised.findIndex((h, i) => h === name && !used.has(i));
      if (index !== -1) {
        used.add(index);
        out[field] = headers[index]!;
        break;
      }
    }
  }
  return out;
}
