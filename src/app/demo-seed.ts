import { count } from 'drizzle-orm';
import { staffUsers } from '../modules/identity/schema.js';
import { seedDemoPayments } from './demo-payments-seed.js';
import { seedDemoSupport } from './demo-support-seed.js';
import { seedDemoKnowledge } from './demo-knowledge-seed.js';
import type { AppContext } from './context.js';
import { openDemoAccounts } from './demo-trading-seed.js';
import type { Role } from '../modules/identity/index.js';

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_DOMAIN = 'demo.brokerdesk.local';

const TEAMS = [
  { key: 'mgmt', name: 'Management', kind: 'management' },
  { key: 'sales', name: 'Sales Desk A', kind: 'sales' },
  { key: 'retention', name: 'Retention Desk', kind: 'retention' },
  { key: 'support', name: 'Support', kind: 'support' },
  { key: 'finance', name: 'Finance', kind: 'finance' },
  { key: 'compliance', name: 'Compliance', kind: 'compliance' },
] as const;

const PEOPLE: {
  login: string;
  name: string;
  role: Role;
  team: (typeof TEAMS)[number]['key'];
  languages: string[];
}[] = [
  { login: 'admin', name: 'Alex Admin', role: 'admin', team: 'mgmt', languages: ['en', 'ru'] },
  { login: 'lead', name: 'Lena Lead', role: 'team_lead', team: 'sales', languages: ['en', 'ru'] },
  { login: 'sales', name: 'Sam Sales', role: 'sales_manager', team: 'sales', languages: ['en', 'id'] },
  { login: 'sales2', name: 'Dina Sales', role: 'sales_manager', team: 'sales', languages: ['en', 'ru'] },
  {
    login: 'retention',
    name: 'Rita Retention',
    role: 'retention_manager',
    team: 'retention',
    languages: ['en', 'ar'],
  },
  {
    login: 'support',
    name: 'Sofia Support',
    role: 'support_agent',
    team: 'support',
    languages: ['en', 'ru', 'id'],
  },
  { login: 'finance', name: 'Farid Finance', role: 'finance', team: 'finance', languages: ['en', 'ar'] },
  { login: 'compliance', name: 'Chen Compliance', role: 'compliance', team: 'compliance', languages: ['en'] },
];

export const demoLogins = () => PEOPLE.map((p) => ({ email: `${p.login}@${DEMO_DOMAIN}`, role: p.role }));

/**
 * On an empty database: the demo desks, one person per role (two sales managers), all with the demo
 * password, assignment rules, and a few dozen clients at every stage so the workspace is not empty.
 */
export async function seedDemo(ctx: AppContext): Promise<boolean> {
  const created = await seedDemoWorkspace(ctx);
  // Its own check: also fills the support desk of a demo made before the desk had demo data.
  await seedDemoSupport(ctx, DEMO_DOMAIN, DEMO_PASSWORD);
  // Its own check too: the help centre's articles in four languages (issue 12).
  await seedDemoKnowledge(ctx);
  return created;
}

async function seedDemoWorkspace(ctx: AppContext): Promise<boolean> {
  const { database, staff, teams } = ctx;
  const [existing] = await database.db.select({ n: count() }).from(staffUsers);
  if (Number(existing?.n ?? 0) > 0) return false;
  const system = { id: null, ip: null };
  const teamIds = new Map<string, string>();
  for (const t of TEAMS)
    teamIds.set(t.key, (await teams.create(system, { name: t.name, kind: t.kind, leadId: null })).id);
  const ids = new Map<string, string>();
  for (const p of PEOPLE) {
    const created = await staff.create(system, {
      name: p.name,
      email: `${p.login}@${DEMO_DOMAIN}`,
      password: DEMO_PASSWORD,
      role: p.role,
      teamId: teamIds.get(p.team)!,
      languages: p.languages as never,
      active: true,
    });
    ids.set(p.login, created.id);
  }
  await teams.update(system, teamIds.get('sales')!, { leadId: ids.get('lead')! });
  await teams.update(system, teamIds.get('mgmt')!, { leadId: ids.get('admin')! });
  await ctx.assignmentRules.createRule(system, {
    name: 'Indonesia and Malaysia',
    countries: ['ID', 'MY'],
    languages: [],
    sources: [],
    teamId: teamIds.get('sales')!,
    active: true,
  });
  await ctx.assignmentRules.setFallbackTeam(system, teamIds.get('sales')!);
  const fundings = await seedDemoClients(ctx, ids);
  await seedDemoPayments(
    ctx,
    { financeId: ids.get('finance')!, retentionTeamId: teamIds.get('retention')! },
    fundings,
  );
  return true;
}

const FIRST = [
  'Siti',
  'Budi',
  'Andi',
  'Dewi',
  'Olga',
  'Ivan',
  'Fatima',
  'Omar',
  'Maria',
  'Lucas',
  'Aisha',
  'Rizky',
  'Nur',
  'Sergey',
  'Layla',
  'Tomás',
];
const LAST = [
  'Rahma',
  'Santoso',
  'Wijaya',
  'Lestari',
  'Ivanova',
  'Petrov',
  'Al-Sayed',
  'Haddad',
  'Silva',
  'Costa',
  'Khan',
  'Pratama',
  'Hidayah',
  'Smirnov',
];
const PLACES: [string, string][] = [
  ['ID', 'id'],
  ['MY', 'ms'],
  ['RU', 'ru'],
  ['AE', 'ar'],
  ['BR', 'pt'],
  ['GB', 'en'],
];
const SOURCES = ['google', 'facebook', 'instagram', 'website', 'ib-partner', 'phone'];

/** Deterministic demo clients (Park–Miller PRNG, so every fresh install shows the same workspace). */
async function seedDemoClients(
  ctx: AppContext,
  staffIds: Map<string, string>,
): Promise<{ clientId: string; login: string; amount: number }[]> {
  const fundings: { clientId: string; login: string; amount: number }[] = [];
  let seed = 20_261_122;
  const rnd = (n: number) => {
    seed = (seed * 16_807) % 2_147_483_647; // products stay below 2^53: exact in doubles
    return seed % n;
  };
  const statuses = (await ctx.clients.salesStatuses()).map((s) => s.key);
  const sam = staffIds.get('sales')!;
  for (let i = 0; i < 36; i++) {
    const first = FIRST[rnd(FIRST.length)]!;
    const last = LAST[rnd(LAST.length)]!;
    const [country, language] = PLACES[rnd(PLACES.length)]!;
    const source = SOURCES[rnd(SOURCES.length)]!;
    const viaCabinet = source !== 'phone';
    const client = await ctx.database.db.transaction(async (tx) => {
      const c = await ctx.clients.createInTx(
        tx,
        {
          name: `${first} ${last}`,
          email: `${first}.${last}.${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
          phone: `+${country === 'ID' ? '62812' : country === 'RU' ? '7916' : '971501'}${String(1_000_000 + i * 7919).slice(0, 7)}`,
          country,
          language,
          source,
          utm: viaCabinet && source !== 'website' ? { source, medium: 'cpc', campaign: 'autumn-2026' } : {},
          login: viaCabinet
            ? `${first}.${last}.${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, '')
            : null,
        },
        viaCabinet
          ? { actor: null, kind: 'registration' }
          : { actor: { id: sam, ip: null }, managerId: sam, kind: 'lead' },
      );
      if (viaCabinet) await ctx.clients.applyTrigger(tx, c.id, 'cabinet_registered', { actorKind: 'trader' });
      return c;
    });
    // The seed acts as the responsible manager, with no scope limit.
    const viewer = {
      id: client.managerId!,
      teamId: null,
      scope: 'all' as const,
      permissions: new Set<string>(),
    };
    // About a third of cabinet clients trade live (funded, so the simulated traders have money to lose).
    const live = viaCabinet && rnd(3) === 0;
    const demo = viaCabinet && rnd(2) === 0;
    if (live || demo) {
      const funding = await openDemoAccounts(
        ctx,
        client.id,
        { viewer, id: client.managerId! },
        {
          live,
          demo,
          deposit: 1_000 * (2 + rnd(18)),
        },
      );
      if (funding) fundings.push(funding);
    }
    const salesStatus = statuses[rnd(statuses.length)]!;
    if (salesStatus !== 'new')
      await ctx.clients.update(viewer, { id: client.managerId, ip: null }, client.id, { salesStatus });
    if (rnd(3) === 0)
      await ctx.clientNotes.comment(
        viewer,
        { id: client.managerId, ip: null },
        client.id,
        'Spoke on the phone: interested in gold and EURUSD, call back after payday.',
        [],
      );
    if (rnd(3) === 0)
      await ctx.clientNotes.addTask(viewer, { id: client.managerId, ip: null }, client.id, {
        title: 'Call back about the first deposit',
        dueAt: new Date(Date.now() + (rnd(48) + 1) * 3_600_000),
      });
  }
  return fundings;
}
