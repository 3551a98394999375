import { count } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { staffUsers } from '../modules/identity/schema.js';
import type { StaffService } from '../modules/identity/staff-service.js';
import type { TeamService } from '../modules/identity/team-service.js';
import type { Role } from '../modules/identity/permissions.js';

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

/** On an empty database: the demo desks and one person per role, all with the demo password. */
export async function seedDemo(
  database: Database,
  staff: StaffService,
  teams: TeamService,
): Promise<boolean> {
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
  return true;
}
