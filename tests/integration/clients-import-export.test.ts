import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { events, notifications } from '../../src/core/schema.js';
import { assignmentCursors, clients } from '../../src/modules/clients/schema.js';
import { writeCsv } from '../../src/modules/clients/csv.js';
import { ImportService } from '../../src/modules/clients/import-service.js';
import { AppError } from '../../src/core/errors.js';
import {
  ApiClient,
  createStaff,
  signedIn,
  signedInAdmin,
  startTestServer,
  type TestServer,
} from '../support/server.js';

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
let teamA: string;
let teamB: string;
let managersA: { id: string }[];
let managerB: { id: string };
let lead: Awaited<ReturnType<typeof signedIn>>; // team lead of A
let seller: Awaited<ReturnType<typeof signedIn>>; // sales manager in A (no clients.export)
const system = { id: null, ip: null };

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
  const { ctx } = server;
  teamA = (await ctx.teams.create(system, { name: 'Desk A', kind: 'sales', leadId: null })).id;
  teamB = (await ctx.teams.create(system, { name: 'Desk B', kind: 'sales', leadId: null })).id;
  managersA = [
    await createStaff(ctx, 'sales_manager', { teamId: teamA }),
    await createStaff(ctx, 'sales_manager', { teamId: teamA }),
  ];
  managerB = await createStaff(ctx, 'sales_manager', { teamId: teamB });
  lead = await signedIn(server, 'team_lead', { teamId: teamA });
  seller = await signedIn(server, 'sales_manager', { teamId: teamA });
  // Germany goes to desk A, everyone else to desk B (the fallback team).
  await ctx.assignmentRules.createRule(system, {
    name: 'DE',
    countries: ['DE'],
    languages: [],
    sources: [],
    teamId: teamA,
    active: true,
  });
  await ctx.assignmentRules.setFallbackTeam(system, teamB);
});
afterAll(() => server?.close());

const db = () => server.ctx.database.db;
const tag = () => randomBytes(4).toString('hex');
const csv = (rows: string[][], opts: { delimiter?: ',' | ';' | '\t'; bom?: boolean } = {}) =>
  writeCsv(rows, opts);
const clientCount = async () => Number((await db().select({ n: count() }).from(clients))[0]!.n);
const eventCount = async (type?: string) =>
  Number(
    (
      await db()
        .select({ n: count() })
        .from(events)
        .where(type ? eq(events.type, type) : undefined)
    )[0]!.n,
  );
const byEmail = async (email: string) =>
  (
    await db()
      .select()
      .from(clients)
      .where(sql`lower(${clients.email}) = ${email.toLowerCase()}`)
  )[0];

/** An existing client pinned to a manager (as if that manager had entered the lead). */
async function existing(
  managerId: string,
  over: { email?: string | null; phone?: string | null; name?: string; country?: string | null } = {},
) {
  return db().transaction((tx) =>
    server.ctx.clients.createInTx(
      tx,
      {
        name: 'Existing Person',
        email: null,
        phone: null,
        country: null,
        language: null,
        source: 'phone',
        ...over,
      },
      { actor: null, managerId, kind: 'lead' },
    ),
  );
}

const importAs = (api: ApiClient, body: Record<string, unknown>) =>
  api.call('POST', '/api/clients/import', body);

describe('CSV import: inspect', () => {
  it('reads headers, a sample and the row count, and suggests a mapping from English headers', async () => {
    const file = csv([
      ['Full name', 'E-mail', 'Mobile phone', 'Country', 'Lang', 'Lead source', 'Tags', 'Notes'],
      ...Array.from({ length: 7 }, (_, i) => [
        `Person ${i}`,
        `p${i}@x.io`,
        '+49 30 1234567',
        'DE',
        'de',
        'expo',
        'vip',
        '',
      ]),
    ]);
    const res = await admin.api.call('POST', '/api/clients/import/inspect', { csv: file });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      headers: ['Full name', 'E-mail', 'Mobile phone', 'Country', 'Lang', 'Lead source', 'Tags', 'Notes'],
      rowCount: 7,
      delimiter: ',',
      suggestedMapping: {
        name: 'Full name',
        email: 'E-mail',
        phone: 'Mobile phone',
        country: 'Country',
        language: 'Lang',
        source: 'Lead source',
        tags: 'Tags',
      },
    });
    expect(res.body.sample).toHaveLength(5);
    expect(res.body.sample[0][0]).toBe('Person 0');
  });

  it('understands Russian and Indonesian headers, a ; delimiter and a byte order mark', async () => {
    const ru = await admin.api.call('POST', '/api/clients/import/inspect', {
      csv: csv(
        [
          ['ФИО', 'Эл. почта', 'Телефон', 'Страна', 'Язык', 'Источник', 'Метки'],
          ['Иван Петров', 'ivan@x.ru', '+7 900 000-00-00', 'RU', 'ru', 'web', 'a;b'],
        ],
        {
          delimiter: ';',
          bom: true,
        },
      ),
    });
    expect(ru.body).toMatchObject({
      delimiter: ';',
      headers: ['ФИО', 'Эл. почта', 'Телефон', 'Страна', 'Язык', 'Источник', 'Метки'],
      suggestedMapping: {
        name: 'ФИО',
        email: 'Эл. почта',
        phone: 'Телефон',
        country: 'Страна',
        language: 'Язык',
        source: 'Источник',
        tags: 'Метки',
      },
    });
    const id = await admin.api.call('POST', '/api/clients/import/inspect', {
      csv: csv([
        ['Nama', 'Email', 'Telepon', 'Negara', 'Bahasa', 'Sumber'],
        ['Budi', 'budi@x.id', '+62 812 3456 7890', 'ID', 'id', 'iklan'],
      ]),
    });
    expect(id.body.suggestedMapping).toEqual({
      name: 'Nama',
      email: 'Email',
      phone: 'Telepon',
      country: 'Negara',
      language: 'Bahasa',
      source: 'Sumber',
    });
  });
});

describe('CSV import', () => {
  it('creates clients through the mapping, normalises phones, splits tags and assigns managers by the rules', async () => {
    const t = tag();
    const file = csv([
      ['Client', 'Mail', 'Tel', 'Land', 'Labels'],
      [`Anna ${t}`, `Anna.${t}@Example.com`, '+49 (30) 1234-5678', 'de', 'vip; expo|vip'],
      [`Boris ${t}`, `boris.${t}@example.com`, '', 'RU', ''],
      [`Chen ${t}`, '', '0044 20 7946 0958', '', 'expo'],
    ]);
    const before = await eventCount('client.created');
    const res = await importAs(admin.api, {
      csv: file,
      mapping: { name: 'Client', email: 'Mail', phone: 'Tel', country: 'Land', tags: 'Labels' },
      duplicates: 'skip',
      dryRun: false,
      defaultSource: 'expo-2026',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dryRun: false,
      total: 3,
      valid: 3,
      invalid: 0,
      duplicates: 0,
      created: 3,
      updated: 0,
      skipped: 0,
      rows: [],
      rowsTruncated: false,
    });
    const anna = (await byEmail(`anna.${t}@example.com`))!;
    expect(anna).toMatchObject({
      name: `Anna ${t}`,
      phone: '+493012345678',
      country: 'DE',
      source: 'expo-2026',
      tags: ['vip', 'expo'],
      status: 'lead',
      teamId: teamA,
    });
    expect([...managersA.map((m) => m.id), seller.user.id]).toContain(anna.managerId); // desk A's sales managers
    const boris = (await byEmail(`boris.${t}@example.com`))!;
    expect(boris).toMatchObject({ country: 'RU', teamId: teamB, managerId: managerB.id, phone: null });
    const [chen] = await db().select().from(clients).where(eq(clients.phone, '+442079460958'));
    expect(chen).toMatchObject({ name: `Chen ${t}`, email: null });
    // Each client has its creation event; the import has its summary; managers are told once each.
    expect(await eventCount('client.created')).toBe(before + 3);
    const [created] = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, 'client.created'), eq(events.subjectId, anna.id)));
    expect(created).toMatchObject({
      actorId: admin.admin.id,
      payload: { kind: 'import', assignedVia: 'rule', managerId: anna.managerId },
    });
    expect(created!.audience).toEqual({ users: [anna.managerId], teams: [teamA] });
    const [summary] = await db()
      .select()
      .from(events)
      .where(eq(events.type, 'clients.imported'))
      .orderBy(sql`${events.id} desc`)
      .limit(1);
    expect(summary).toMatchObject({
      actorId: admin.admin.id,
      payload: { total: 3, created: 3, duplicatesMode: 'skip', failed: false },
    });
    expect(summary!.audience).toEqual({ permissions: ['clients.export'], users: [admin.admin.id] });
    const notes = await db().select().from(notifications).where(eq(notifications.type, 'clients.assigned'));
    expect(notes.some((n) => n.userId === managerB.id && (n.payload as { count: number }).count >= 1)).toBe(
      true,
    );
  });

  it('reports each invalid row with its number and fields, and imports the rest', async () => {
    const t = tag();
    const file = csv([
      ['name', 'email', 'phone', 'country'],
      [`Good ${t}`, `good.${t}@x.io`, '', ''],
      [`Bad email ${t}`, 'not-an-email', '', ''],
      [`Bad phone ${t}`, '', '12345', ''],
      ['', `noname.${t}@x.io`, '', ''],
      [`No contact ${t}`, '', '', ''],
      [`Bad country ${t}`, `country.${t}@x.io`, '', 'Germany'],
      [`Too wide ${t}`, `wide.${t}@x.io`, '', '', 'extra'],
    ]);
    const res = await importAs(admin.api, {
      csv: file,
      mapping: { name: 'name', email: 'email', phone: 'phone', country: 'country' },
      duplicates: 'skip',
      dryRun: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 7, valid: 1, invalid: 6, created: 1 });
    const rows = res.body.rows as {
      row: number;
      status: string;
      errors: { field: string; message: string }[];
    }[];
    expect(rows.map((r) => [r.row, r.status, r.errors.map((e) => e.field)])).toEqual([
      [2, 'invalid', ['email']],
      [3, 'invalid', ['phone']],
      [4, 'invalid', ['name']],
      [5, 'invalid', ['email']],
      [6, 'invalid', ['country']],
      [7, 'invalid', ['row']],
    ]);
    expect(rows[0]!.errors[0]!.message).toBe('Enter a valid email address');
    expect(rows[2]!.errors[0]!.message).toBe('Name is required');
    expect(rows[3]!.errors[0]!.message).toBe('Give an email or a phone number');
    expect(await byEmail(`good.${t}@x.io`)).toBeDefined();
    expect(await byEmail(`noname.${t}@x.io`)).toBeUndefined();
  });

  it('finds duplicates inside the file by email (any case) and phone (any spelling)', async () => {
    const t = tag();
    const file = csv([
      ['name', 'email', 'phone'],
      [`One ${t}`, `twin.${t}@x.io`, '+44 20 7000 0001'],
      [`Two ${t}`, `TWIN.${t}@X.IO`, ''],
      [`Three ${t}`, '', '0044 (20) 7000-0001'],
      [`Four ${t}`, `four.${t}@x.io`, ''],
    ]);
    const skip = await importAs(admin.api, {
      csv: file,
      mapping: { name: 'name', email: 'email', phone: 'phone' },
      duplicates: 'skip',
      dryRun: true,
    });
    expect(skip.body).toMatchObject({ dryRun: true, total: 4, valid: 4, duplicates: 2, created: 2 });
    expect(skip.body.rows).toEqual([
      { row: 2, status: 'duplicate', errors: [{ field: 'email', message: 'Same email as row 1' }] },
      { row: 3, status: 'duplicate', errors: [{ field: 'phone', message: 'Same phone as row 1' }] },
    ]);
    // Phone twins are accepted on purpose in create_phone_duplicates; an email twin never is.
    const phones = await importAs(admin.api, {
      csv: file,
      mapping: { name: 'name', email: 'email', phone: 'phone' },
      duplicates: 'create_phone_duplicates',
      dryRun: false,
    });
    expect(phones.body).toMatchObject({ total: 4, duplicates: 1, created: 3 });
    expect(await db().select().from(clients).where(eq(clients.phone, '+442070000001'))).toHaveLength(2);
  });

  it('skips rows that match a client in the database (skip mode), showing the client when visible', async () => {
    const t = tag();
    const known = await existing(managersA[0]!.id, {
      email: `known.${t}@x.io`,
      phone: '+4930555000' + t.slice(0, 2).replace(/\D/g, '1'),
    });
    const file = csv([
      ['name', 'email', 'phone'],
      [`Known again ${t}`, `KNOWN.${t}@x.io`, ''],
      [`Same phone ${t}`, `other.${t}@x.io`, known.phone!],
      [`New ${t}`, `new.${t}@x.io`, ''],
    ]);
    const res = await importAs(admin.api, {
      csv: file,
      mapping: { name: 'name', email: 'email', phone: 'phone' },
      duplicates: 'skip',
      dryRun: false,
    });
    expect(res.body).toMatchObject({ total: 3, skipped: 2, created: 1, duplicates: 0 });
    expect(res.body.rows).toEqual([
      {
        row: 1,
        status: 'skipped',
        errors: [{ field: 'email', message: 'A client with this email already exists' }],
        clientId: known.id,
      },
      {
        row: 2,
        status: 'skipped',
        errors: [{ field: 'phone', message: 'A client with this phone already exists' }],
        clientId: known.id,
      },
    ]);
    expect((await byEmail(`known.${t}@x.io`))!.name).toBe('Existing Person');
    expect(await byEmail(`other.${t}@x.io`)).toBeUndefined();
  });

  it('updates only the contacts of matching clients (update mode): never status, manager or tags', async () => {
    const t = tag();
    const known = await existing(managersA[1]!.id, {
      email: `upd.${t}@x.io`,
      name: 'Old Name',
      country: 'FR',
    });
    await db()
      .update(clients)
      .set({ status: 'demo', tags: ['keep'] })
      .where(eq(clients.id, known.id));
    const file = csv([
      ['name', 'email', 'phone', 'country', 'tags'],
      [`New Name ${t}`, `upd.${t}@x.io`, '+33 1 23 45 67 89', '', 'ignored'],
      [`Fresh ${t}`, `fresh.${t}@x.io`, '', 'DE', ''],
    ]);
    const res = await importAs(admin.api, {
      csv: file,
      mapping: { name: 'name', email: 'email', phone: 'phone', country: 'country', tags: 'tags' },
      duplicates: 'update',
      dryRun: false,
    });
    expect(res.body).toMatchObject({ total: 2, updated: 1, created: 1, rows: [] });
    const after = (await byEmail(`upd.${t}@x.io`))!;
    // An empty cell keeps what is there (country FR); status, manager and tags are untouched.
    expect(after).toMatchObject({
      name: `New Name ${t}`,
      phone: '+33123456789',
      country: 'FR',
      status: 'demo',
      managerId: managersA[1]!.id,
      tags: ['keep'],
    });
    const [updated] = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, 'client.updated'), eq(events.subjectId, known.id)));
    expect(updated!.payload).toMatchObject({
      via: 'import',
      changes: { name: { from: 'Old Name', to: `New Name ${t}` }, phone: { from: null, to: '+33123456789' } },
    });
    // The same file again changes nothing: the row is skipped as up to date.
    const again = await importAs(admin.api, {
      csv: csv([
        ['name', 'email'],
        [`New Name ${t}`, `upd.${t}@x.io`],
      ]),
      mapping: { name: 'name', email: 'email' },
      duplicates: 'update',
      dryRun: false,
    });
    expect(again.body).toMatchObject({
      skipped: 1,
      updated: 0,
      rows: [{ row: 1, status: 'skipped', clientId: known.id }],
    });
  });

  it('creates phone matches but never email matches (create_phone_duplicates mode)', async () => {
    const t = tag();
    const phone = '+4930777' + String(Date.now()).slice(-5);
    const known = await existing(managersA[0]!.id, { email: `cpd.${t}@x.io`, phone });
    const file = csv([
      ['name', 'email', 'phone'],
      [`Same phone ${t}`, `cpd2.${t}@x.io`, phone],
      [`Same email ${t}`, `cpd.${t}@x.io`, ''],
    ]);
    const res = await importAs(admin.api, {
      csv: file,
      mapping: { name: 'name', email: 'email', phone: 'phone' },
      duplicates: 'create_phone_duplicates',
      dryRun: false,
    });
    expect(res.body).toMatchObject({
      created: 1,
      skipped: 1,
      rows: [{ row: 2, status: 'skipped', clientId: known.id }],
    });
    expect(await db().select().from(clients).where(eq(clients.phone, phone))).toHaveLength(2);
  });

  it('writes nothing on a dry run, and reports what a real run then does', async () => {
    const t = tag();
    const known = await existing(managersA[0]!.id, { email: `dry.${t}@x.io` });
    const file = csv([
      ['name', 'email'],
      [`Dry one ${t}`, `dry1.${t}@x.io`],
      [`Dry two ${t}`, `dry2.${t}@x.io`],
      [`Dry known ${t}`, `dry.${t}@x.io`],
      ['', `dry3.${t}@x.io`],
    ]);
    const body = { csv: file, mapping: { name: 'name', email: 'email' }, duplicates: 'update', dryRun: true };
    const cursors = () => db().select().from(assignmentCursors).orderBy(assignmentCursors.teamId);
    const [clientsBefore, eventsBefore, cursorsBefore] = [
      await clientCount(),
      await eventCount(),
      await cursors(),
    ];
    const dry = await importAs(admin.api, body);
    expect(dry.body).toMatchObject({ dryRun: true, total: 4, valid: 3, invalid: 1, created: 2, updated: 1 });
    expect(await clientCount()).toBe(clientsBefore);
    expect(await eventCount()).toBe(eventsBefore);
    expect(await cursors()).toEqual(cursorsBefore);
    expect((await byEmail(`dry.${t}@x.io`))!.name).toBe(known.name);
    const real = await importAs(admin.api, { ...body, dryRun: false });
    expect({ ...real.body, dryRun: true }).toEqual(dry.body);
  });

  it('keeps to the importer’s scope: matches outside it are duplicates without details and are never updated', async () => {
    const t = tag();
    const mine = await existing(managersA[0]!.id, { email: `mine.${t}@x.io` });
    const theirs = await existing(managerB.id, { email: `theirs.${t}@x.io`, name: 'Their Client' });
    const file = csv([
      ['name', 'email'],
      [`Mine renamed ${t}`, `mine.${t}@x.io`],
      [`Theirs renamed ${t}`, `theirs.${t}@x.io`],
    ]);
    const res = await importAs(lead.api, {
      csv: file,
      mapping: { name: 'name', email: 'email' },
      duplicates: 'update',
      dryRun: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated: 1, duplicates: 1 });
    expect(res.body.rows).toEqual([
      {
        row: 2,
        status: 'duplicate',
        errors: [{ field: 'email', message: 'A client with this email already exists' }],
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(theirs.id);
    expect((await byEmail(`theirs.${t}@x.io`))!.name).toBe('Their Client');
    expect((await byEmail(`mine.${t}@x.io`))!.name).toBe(`Mine renamed ${t}`);
    // A sales manager sees only their own clients: a team colleague's client is out of scope too.
    const own = await importAs(seller.api, {
      csv: csv([
        ['name', 'email'],
        ['X', `mine.${t}@x.io`],
      ]),
      mapping: { name: 'name', email: 'email' },
      duplicates: 'skip',
      dryRun: false,
    });
    expect(own.body.rows).toEqual([
      {
        row: 1,
        status: 'duplicate',
        errors: [{ field: 'email', message: 'A client with this email already exists' }],
      },
    ]);
    expect(mine.id).toBeTruthy();
  });

  it('refuses staff without clients.write (403) and strangers (401), writing nothing', async () => {
    const support = await signedIn(server, 'support_agent');
    const before = [await clientCount(), await eventCount()];
    const file = csv([
      ['name', 'email'],
      ['Nope', `nope.${tag()}@x.io`],
    ]);
    const body = { csv: file, mapping: { name: 'name', email: 'email' }, duplicates: 'skip', dryRun: false };
    const denied = await importAs(support.api, body);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('forbidden');
    expect((await support.api.call('POST', '/api/clients/import/inspect', { csv: file })).status).toBe(403);
    expect((await importAs(new ApiClient(server.app), body)).status).toBe(401);
    expect([await clientCount(), await eventCount()]).toEqual(before);
  });

  it('answers 400 with a code and the field for input that cannot be imported', async () => {
    const mapping = { name: 'name', email: 'email' };
    const run = (csvText: string, over: Record<string, unknown> = {}) =>
      importAs(admin.api, { csv: csvText, mapping, duplicates: 'skip', dryRun: false, ...over });
    const cases: [Awaited<ReturnType<typeof run>>, string, string][] = [
      // Refused by the contract (a NUL cannot be stored), with the file's own message.
      [await run('PK\u0003\u0004\u0000\u0000binary'), 'validation_failed', 'csv'],
      [await run('name,email\nAnna\ud800,a@x.io'), 'validation_failed', 'csv'],
      [await run('name,email\n"Anna,a@x.io\n'), 'malformed_csv', 'csv'],
      [await run('\n\n  \n'), 'empty_file', 'csv'],
      [await run(''), 'validation_failed', 'csv'],
      [await run('name,email\n'), 'no_rows', 'csv'],
      [await run('name,mail\nAnna,a@x.io'), 'unknown_column', 'mapping.email'],
      [await run('name,email,email\nAnna,a@x.io,b@x.io'), 'ambiguous_column', 'mapping.email'],
      [
        await run('name,email\nAnna,a@x.io', { mapping: { name: 'name' } }),
        'mapping_incomplete',
        'mapping.email',
      ],
      [await run('name,email\nAnna,a@x.io', { duplicates: 'merge' }), 'validation_failed', 'duplicates'],
      [await run('name,email\nAnna,a@x.io', { status: 'live' }), 'unknown_field', 'status'],
    ];
    for (const [res, code, field] of cases) {
      expect(res.status, code).toBe(400);
      expect(res.body, code).toMatchObject({ code, field });
    }
    expect(cases[0]![0].body.message).toBe('csv: This is not a CSV text file (it contains binary data)');
    expect(
      (await admin.api.call('POST', '/api/clients/import/inspect', { csv: 'name\n"open' })).body,
    ).toMatchObject({ code: 'malformed_csv', field: 'csv' });
  });

  it('refuses more than 100,000 rows (and accepts such a body: the route allows 20 MB)', async () => {
    const before = await clientCount();
    const big = 'name,email\n' + Array.from({ length: 100_001 }, (_, i) => `P${i},p${i}@big.test`).join('\n');
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await importAs(admin.api, {
      csv: big,
      mapping: { name: 'name', email: 'email' },
      duplicates: 'skip',
      dryRun: false,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'too_many_rows', field: 'csv' });
    expect(await clientCount()).toBe(before);
    const tooLarge = await importAs(admin.api, {
      csv: 'x'.repeat(21 * 1024 * 1024),
      mapping: { name: 'name', email: 'email' },
    });
    expect(tooLarge.status).toBe(413);
  });

  it('lists at most 1,000 problem rows and says so', async () => {
    const rows = Array.from({ length: 1_005 }, (_, i) => [`Bad ${i}`, 'not-an-email']);
    const res = await importAs(admin.api, {
      csv: csv([['name', 'email'], ...rows]),
      mapping: { name: 'name', email: 'email' },
      duplicates: 'skip',
      dryRun: true,
    });
    expect(res.body).toMatchObject({ total: 1005, invalid: 1005, rowsTruncated: true });
    expect(res.body.rows).toHaveLength(1000);
    expect(res.body.rows[999].row).toBe(1000);
  });

  it('rolls a failing chunk back as a whole and keeps the chunks before it', async () => {
    const t = tag();
    await db().execute(
      sql.raw(`create function bd_test_refuse() returns trigger language plpgsql as $$
      begin if new.name = 'Refuse ${t}' then raise exception 'refused'; end if; return new; end $$`),
    );
    await db().execute(
      sql.raw(
        `create trigger bd_test_refuse before insert on clients for each row execute function bd_test_refuse()`,
      ),
    );
    try {
      const importer = new ImportService(db(), server.clock, { chunkSize: 2 });
      const names = [`A ${t}`, `B ${t}`, `C ${t}`, `Refuse ${t}`, `E ${t}`];
      const file = csv([['name', 'email'], ...names.map((n, i) => [n, `chunk${i}.${t}@x.io`])]);
      const err = await importer
        .run(
          { id: admin.admin.id, teamId: null, scope: 'all', permissions: new Set() },
          { id: admin.admin.id, ip: null },
          {
            csv: file,
            mapping: { name: 'name', email: 'email' },
            duplicates: 'skip',
            dryRun: false,
          },
        )
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('import_failed');
      expect((err as AppError).details!.report).toMatchObject({ created: 2, skipped: 3 });
      const found = await db()
        .select({ name: clients.name })
        .from(clients)
        .where(
          inArray(
            clients.email,
            names.map((_, i) => `chunk${i}.${t}@x.io`),
          ),
        );
      expect(found.map((f) => f.name).sort()).toEqual([`A ${t}`, `B ${t}`]);
      const [summary] = await db()
        .select()
        .from(events)
        .where(eq(events.type, 'clients.imported'))
        .orderBy(sql`${events.id} desc`)
        .limit(1);
      expect(summary!.payload).toMatchObject({ failed: true, created: 2 });
    } finally {
      await db().execute(sql.raw('drop trigger bd_test_refuse on clients'));
      await db().execute(sql.raw('drop function bd_test_refuse()'));
    }
  });
});

describe('CSV export', () => {
  const exportAs = (api: ApiClient, query = '') => api.call('GET', `/api/clients/export.csv${query}`);
  const parseExport = (raw: string) =>
    raw
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);

  it('gives a team lead a CSV of their team’s clients only, with the list filters', async () => {
    const t = tag();
    const inA = await existing(managersA[0]!.id, {
      email: `exa.${t}@x.io`,
      name: `Export A ${t}`,
      country: 'DE',
    });
    const inA2 = await existing(managersA[1]!.id, {
      email: `exa2.${t}@x.io`,
      name: `Export A2 ${t}`,
      country: 'FR',
    });
    const inB = await existing(managerB.id, { email: `exb.${t}@x.io`, name: `Export B ${t}`, country: 'DE' });
    const res = await exportAs(lead.api, `?q=${t}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="clients-\d{8}\.csv"$/);
    expect(res.raw.startsWith('\uFEFF')).toBe(true);
    const lines = parseExport(res.raw);
    expect(lines[0]).toBe(
      'id,name,email,phone,country,language,status,sales_status,source,tags,manager,created_at',
    );
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([inA.id, inA2.id].sort());
    expect(res.raw).not.toContain(inB.id);
    const de = parseExport((await exportAs(lead.api, `?q=${t}&country=DE`)).raw);
    expect(de.slice(1).map((l) => l.split(',')[0])).toEqual([inA.id]);
    const everyone = parseExport((await exportAs(admin.api, `?q=${t}&sort=name&order=asc`)).raw);
    expect(everyone.slice(1).map((l) => l.split(',')[1])).toEqual([
      `Export A ${t}`,
      `Export A2 ${t}`,
      `Export B ${t}`,
    ]);
  });

  it('neutralises spreadsheet formulas in every cell', async () => {
    const t = tag();
    await existing(managersA[0]!.id, {
      email: `formula.${t}@x.io`,
      name: '=HYPERLINK("http://evil")',
      phone: '+4930111222',
    });
    const res = await exportAs(admin.api, `?q=formula.${t}`);
    const [, line] = parseExport(res.raw);
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(line).toContain(`'+4930111222`);
    expect(line).not.toMatch(/(^|,)=/);
  });

  it('is refused to sales managers (403) and leaves no audit event then', async () => {
    const before = await eventCount('clients.exported');
    const res = await exportAs(seller.api);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect(await eventCount('clients.exported')).toBe(before);
  });

  it('writes an audit event with the actor, the IP, the filters and the row count', async () => {
    const t = tag();
    await existing(managersA[0]!.id, { email: `audit.${t}@x.io`, name: `Audit ${t}` });
    const res = await exportAs(lead.api, `?q=${t}&status=lead`);
    expect(res.headers['x-row-count']).toBe('1');
    const [event] = await db()
      .select()
      .from(events)
      .where(eq(events.type, 'clients.exported'))
      .orderBy(sql`${events.id} desc`)
      .limit(1);
    expect(event).toMatchObject({
      actorId: lead.user.id,
      ip: '127.0.0.1',
      audience: { permissions: ['audit.read'] },
    });
    expect(event!.payload).toMatchObject({
      filters: { q: t, status: ['lead'], sort: 'createdAt', order: 'desc' },
      rowCount: 1,
      truncated: false,
    });
  });

  it('answers 400 for a bad filter', async () => {
    const res = await exportAs(admin.api, '?status=zombie');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', field: 'status.0' });
  });
});

describe('client list (exact totals up to 1,000 matches, estimates beyond)', () => {
  const list = (api: ApiClient, query: string) => api.call('GET', `/api/clients?${query}`);

  it('sorts and pages a small result exactly, within the viewer’s scope', async () => {
    const t = tag();
    for (const [name, manager] of [
      ['Delta', managersA[0]!.id],
      ['alpha', managersA[1]!.id],
      ['Charlie', managerB.id],
      ['Bravo', managersA[0]!.id],
      ['Echo', managersA[1]!.id],
    ] as const)
      await existing(manager, { name: `${name} ${t}`, email: `${name.toLowerCase()}.${t}@list.test` });
    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = await list(admin.api, `q=${t}&sort=name&order=asc&pageSize=2&page=${page}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 5, totalIsEstimate: false });
      pages.push(...res.body.items.map((c: { name: string }) => c.name.split(' ')[0]));
    }
    const expected = (
      await db()
        .select({ name: clients.name })
        .from(clients)
        .where(sql`${clients.name} like ${'%' + t}`)
        .orderBy(clients.name, clients.id)
    ).map((r) => r.name.split(' ')[0]);
    expect(pages).toEqual(expected);
    const desc = await list(admin.api, `q=${t}&sort=name&order=desc&pageSize=10`);
    expect(desc.body.items.map((c: { name: string }) => c.name.split(' ')[0])).toEqual(
      [...expected].reverse(),
    );
    const team = await list(lead.api, `q=${t}&sort=name&order=asc`);
    expect(team.body).toMatchObject({ total: 4, totalIsEstimate: false });
    expect(team.body.items.map((c: { managerName: string | null }) => c.managerName).every(Boolean)).toBe(
      true,
    );
    expect(team.body.items.some((c: { name: string }) => c.name.startsWith('Charlie'))).toBe(false);
    expect((await list(admin.api, `q=${t}&page=9`)).body).toMatchObject({
      items: [],
      total: 5,
      totalIsEstimate: false,
    });
  });

  it('estimates the total of a large result and still pages it in order', async () => {
    const t = tag();
    const rows = Array.from({ length: 1_010 }, (_, i) => [
      `Bulk ${i}`,
      `bulk${i}.${t}@list.test`,
      `bulk-${t}`,
    ]);
    const imported = await importAs(admin.api, {
      csv: csv([['name', 'email', 'tags'], ...rows]),
      mapping: { name: 'name', email: 'email', tags: 'tags' },
      duplicates: 'skip',
      dryRun: false,
    });
    expect(imported.body.created).toBe(1_010);
    const first = await list(admin.api, `tags=bulk-${t}&pageSize=50`);
    expect(first.body.totalIsEstimate).toBe(true);
    expect(first.body.total).toBeGreaterThan(1_000);
    const second = await list(admin.api, `tags=bulk-${t}&pageSize=50&page=2`);
    const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    // Same creation time (one import): the id breaks the tie, newest first means descending ids.
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    expect(ids).toEqual([...ids].sort().reverse());
    const exact = await list(admin.api, `tags=bulk-${t}&q=bulk100`);
    expect(exact.body).toMatchObject({ total: 11, totalIsEstimate: false }); // bulk100 and bulk1000–1009
  });
});
