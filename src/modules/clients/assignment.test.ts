import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, eq } from 'drizzle-orm';
import { openDatabase, type Database, type Executor } from '../../db/connection.js';
import { settings } from '../../core/schema.js';
import { staffUsers, teams } from '../identity/schema.js';
import { ASSIGNMENT_SETTINGS_KEY, assignMany, assignManager } from './assignment.js';
import { assignmentCursors, assignmentRules } from './schema.js';
import type { ClientTraits } from './rules.js';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite' });
  await database.migrate();
});
afterAll(() => database?.close());

const ROLES = ['sales_manager', 'retention_manager', 'team_lead', 'admin', 'support_agent'] as const;
const team = fc.integer({ min: 0, max: 2 });
const mostly = (value: boolean) => fc.constantFrom(value, value, value, !value);
const subset = <T>(values: T[]) => fc.subarray(values, { maxLength: 2 });

const setupArb = fc.record({
  staff: fc.array(
    fc.record({
      team: fc.option(team, { nil: null }),
      role: fc.constantFrom(...ROLES),
      capacity: fc.integer({ min: 0, max: 3 }),
      active: mostly(true),
      absent: mostly(false),
    }),
    { maxLength: 8 },
  ),
  leads: fc.array(fc.option(fc.nat(7), { nil: null }), { minLength: 3, maxLength: 3 }),
  rules: fc.array(
    fc.record({
      countries: subset(['DE', 'RU', 'ID']),
      languages: subset(['en', 'ru']),
      sources: subset(['web', 'import']),
      team,
      active: mostly(true),
    }),
    { maxLength: 4 },
  ),
  fallback: fc.option(team, { nil: null }),
  warmUp: fc.nat(5),
});
const traitsArb: fc.Arbitrary<ClientTraits> = fc.record({
  country: fc.constantFrom('DE', 'RU', 'ID', 'de', null),
  language: fc.constantFrom('en', 'ru', null),
  source: fc.constantFrom('web', 'import', 'phone', null),
});

class Rollback extends Error {}

type Setup = typeof setupArb extends fc.Arbitrary<infer T> ? T : never;

async function setUp(tx: Executor, s: Setup) {
  const teamRows = await tx
    .insert(teams)
    .values([0, 1, 2].map((i) => ({ name: `Team ${i}`, kind: 'sales' })))
    .returning();
  const staffRows = s.staff.length
    ? await tx
        .insert(staffUsers)
        .values(
          s.staff.map((m, i) => ({
            name: `M${i}`,
            email: `m${i}@test.local`,
            passwordHash: 'x',
            role: m.role,
            teamId: m.team === null ? null : teamRows[m.team]!.id,
            capacity: m.capacity,
            active: m.active,
            absent: m.absent,
          })),
        )
        .returning()
    : [];
  for (const [i, lead] of s.leads.entries()) {
    const leader = lead === null ? undefined : staffRows[lead];
    if (leader) await tx.update(teams).set({ leadId: leader.id }).where(eq(teams.id, teamRows[i]!.id));
  }
  if (s.rules.length)
    await tx.insert(assignmentRules).values(
      s.rules.map((r, i) => ({
        position: i + 1,
        name: `R${i}`,
        countries: r.countries,
        languages: r.languages,
        sources: r.sources,
        teamId: teamRows[r.team]!.id,
        active: r.active,
      })),
    );
  if (s.fallback !== null)
    await tx
      .insert(settings)
      .values({ key: ASSIGNMENT_SETTINGS_KEY, value: { fallbackTeamId: teamRows[s.fallback]!.id } });
  // Some history, so the cursors do not all start empty.
  for (let i = 0; i < s.warmUp; i++)
    await assignManager(tx, { country: 'DE', language: 'en', source: 'web' });
}

const cursors = async (tx: Executor) =>
  (await tx.select().from(assignmentCursors).orderBy(asc(assignmentCursors.teamId))).map((c) => [
    c.teamId,
    c.weights,
  ]);

/** Runs `work` in a savepoint that is always rolled back, returning what it produced. */
async function isolated<T>(tx: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await tx
    .transaction(async (sp) => {
      out = await work(sp);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return out!;
}

describe('assignMany', () => {
  it('assigns exactly as assignManager called once per client, and leaves the same round-robin state', async () => {
    await fc.assert(
      fc.asyncProperty(
        setupArb,
        fc.array(traitsArb, { minLength: 1, maxLength: 25 }),
        async (setup, traitsList) => {
          await isolated(database.db, async (tx) => {
            await setUp(tx, setup);
            const one = await isolated(tx, async (sp) => {
              const got = [];
              for (const t of traitsList) got.push(await assignManager(sp, t));
              return { got, state: await cursors(sp) };
            });
            const many = await isolated(tx, async (sp) => ({
              got: await assignMany(sp, traitsList),
              state: await cursors(sp),
            }));
            expect(many).toEqual(one);
          });
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('returns nothing for no clients', async () => {
    expect(await assignMany(database.db, [])).toEqual([]);
  });
});
