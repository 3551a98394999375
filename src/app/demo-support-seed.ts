import type { Clock } from '../core/clock.js';
import type { Executor } from '../db/connection.js';
import {
  CannedResponses,
  ConversationActions,
  Conversations,
  SupportAgents,
  SYSTEM_ACTOR,
  type ConversationRow,
  type SupportActor,
} from '../modules/support/index.js';
import type { AppContext } from './context.js';
import { seedDemoComplaints, type SeededComplaint } from './demo-complaints-seed.js';
import {
  CANNED,
  CONVERSATIONS,
  SUPPORT_AGENTS,
  SUPPORT_TEAMS,
  type DemoConversation,
} from './demo-support-data.js';

const system = { id: null, ip: null };
/** The seed reads and acts with no scope limit. */
const seedViewer = {
  id: '00000000-0000-0000-0000-000000000000',
  teamId: null,
  scope: 'all' as const,
  permissions: new Set<string>(),
};
const MINUTE = 60_000;

/** The seed's own clock: each conversation and message is written at its moment in the past. */
class SeedClock implements Clock {
  at = new Date();
  now(): Date {
    return new Date(this.at);
  }
}

interface DemoClient {
  id: string;
  name: string;
  email: string | null;
  login: string | null;
}

/**
 * The demo support desk, on a demo install (one with the demo admin): teams by language with their
 * calendars, the demo staff as agents (some online), canned responses and about thirty conversations
 * over every channel and status, some linked to demo clients, a few past their SLA, some resolved
 * and rated. Everything goes through the support module's services, as a person or the widget would.
 * Deterministic (fixed data, times relative to the start) and run once: a desk that has canned
 * responses already is left alone, so a restart costs one query; so is one whose seeded agents exist
 * (staff are never deleted), so deleting every canned response does not bring a second demo.
 */
export async function seedDemoSupport(
  ctx: AppContext,
  demoDomain: string,
  password: string,
): Promise<boolean> {
  const db = ctx.database.db;
  const canned = new CannedResponses(db, ctx.conversations);
  if ((await canned.list({})).items.length > 0) return false;
  const staffByLogin = await demoStaff(ctx, demoDomain);
  if (!staffByLogin.has('admin')) return false; // not a demo install: never fill a real desk
  if (SUPPORT_AGENTS.some((a) => a.name && staffByLogin.has(a.login))) return false;

  // Teams by language: the existing "Support" team answers English by default.
  const existing = new Map((await ctx.teams.list()).map((t) => [t.name, t.id]));
  const teamIds = new Map<string, string>();
  for (const t of SUPPORT_TEAMS) {
    const id =
      existing.get(t.name) ??
      (await ctx.teams.create(system, { name: t.name, kind: 'support', leadId: null })).id;
    teamIds.set(t.key, id);
    const hours = t.hours;
    await ctx.routing.calendars.put(system, id, {
      timeZone: t.timeZone,
      businessHours: hours
        ? Object.fromEntries(hours.days.map((d) => [String(d), [[hours.from, hours.to]]]))
        : {},
      holidays: [],
      languages: [...t.languages],
      isDefault: t.key === 'en',
    });
  }

  // The agents: the new ones are created as support agents of their language's team (at once: most
  // of the time is their password hashes, which run on threads of their own).
  await Promise.all(
    SUPPORT_AGENTS.filter((a) => a.name && !staffByLogin.has(a.login)).map(async (a) => {
      const created = await ctx.staff.create(system, {
        name: a.name!,
        email: `${a.login}@${demoDomain}`,
        password,
        role: 'support_agent',
        teamId: teamIds.get(a.teams[0]!)!,
        languages: a.languages as never,
        active: true,
      });
      staffByLogin.set(a.login, { id: created.id, name: a.name! });
    }),
  );
  const agents = new SupportAgents(db, ctx.clock, ctx.routing.router, ctx.conversations);
  for (const a of SUPPORT_AGENTS) {
    const staff = staffByLogin.get(a.login);
    if (!staff) continue;
    await agents.update(system, staff.id, {
      teamIds: a.teams.map((k) => teamIds.get(k)!),
      languages: a.languages,
      capacity: a.capacity,
    });
  }

  // The conversations, all in one transaction, written at their moments by a service on the seed's
  // clock (the desk's hooks — routing, SLA, metrics, CSAT — run as for live ones). Everyone is still
  // offline, so routing queues chats and each is then given to its agent.
  const clock = new SeedClock();
  const start = ctx.clock.now().getTime();
  const service = new Conversations(db, clock, ctx.hooks);
  const clients = await demoClients(ctx);
  const rated: { id: string; score: number; comment: string | null }[] = [];
  const tagged: { id: string; tags: string[]; by: string }[] = [];
  const complained: SeededComplaint[] = [];
  await db.transaction(async (tx) => {
    for (const spec of CONVERSATIONS) {
      const opened = start - spec.ago * MINUTE;
      clock.at = new Date(opened);
      const conv = await open(tx, service, spec, clients);
      if (spec.agent) await service.assign(tx, conv.id, staffByLogin.get(spec.agent)!.id, SYSTEM_ACTOR);
      let last = opened;
      for (const [who, minute, body, file] of spec.lines) {
        last = opened + minute * MINUTE;
        clock.at = new Date(last);
        const agent = spec.agent ? staffByLogin.get(spec.agent) : undefined;
        const attachmentIds = file
          ? [
              (
                await ctx.attachments.store(tx, {
                  conversationId: conv.id,
                  fileName: file.name,
                  bytes: Buffer.from(file.text),
                  maxBytes: ctx.config.SUPPORT_ATTACHMENT_MAX_MB * 1_048_576,
                })
              ).id,
            ]
          : [];
        await service.addMessage(tx, conv.id, {
          ...(who === 'c'
            ? { authorKind: 'customer' as const, authorName: conv.contactName }
            : {
                authorKind: 'agent' as const,
                authorStaffId: agent?.id ?? null,
                authorName: agent?.name ?? null,
              }),
          visibility: who === 'n' ? 'internal' : 'public',
          body,
          attachmentIds,
        });
      }
      clock.at = new Date(Math.min(last + 2 * MINUTE, start));
      const actor: SupportActor = spec.agent
        ? { kind: 'staff', staffId: staffByLogin.get(spec.agent)!.id }
        : SYSTEM_ACTOR;
      if (spec.status === 'closed') await service.setStatus(tx, conv.id, 'resolved', actor);
      if (spec.status)
        await service.setStatus(tx, conv.id, spec.status, actor, {
          ...(spec.snoozeHours && { snoozedUntil: new Date(start + spec.snoozeHours * 60 * MINUTE) }),
        });
      if (spec.tags)
        tagged.push({ id: conv.id, tags: spec.tags, by: actor.staffId ?? staffByLogin.get('support')!.id });
      if (spec.csat) rated.push({ id: conv.id, score: spec.csat[0], comment: spec.csat[1] ?? null });
      if (spec.complaint && spec.agent && conv.clientId)
        complained.push({
          conversationId: conv.id,
          receivedAt: new Date(last),
          staffId: staffByLogin.get(spec.agent)!.id,
          account: clientOf(spec, clients)?.login ?? '—',
          spec: spec.complaint,
        });
    }
  });
  for (const r of rated) await ctx.widget.csat.rate(r.id, r.score, r.comment);
  await seedDemoComplaints(ctx.complaints, complained);
  // Tags are the agents' own: set from the inbox's actions, as the agent would.
  const actions = new ConversationActions(db, ctx.conversations, ctx.clients, ctx.hooks);
  for (const t of tagged) await actions.patch({ ...seedViewer, id: t.by, ip: null }, t.id, { tags: t.tags });

  // Some agents come online (queued chats, if any, are offered to them), then the canned responses.
  for (const a of SUPPORT_AGENTS) {
    const staff = staffByLogin.get(a.login);
    if (staff && a.status !== 'offline') await agents.setStatus(staff.id, a.status);
  }
  const author = staffByLogin.get('support')!.id;
  for (const c of CANNED)
    await canned.create({ ...seedViewer, id: author, ip: null }, { ...c, teamId: null });
  // The FAQ bot answers the demo's new chats first (issue 12; Support → Settings → Bot turns it off).
  await ctx.bot.settings.update(system, { enabled: true });
  return true;
}

function open(
  tx: Executor,
  service: Conversations,
  spec: DemoConversation,
  clients: Map<string, DemoClient[]>,
): Promise<ConversationRow> {
  const client = clientOf(spec, clients);
  const contact = client ? { name: client.name, email: client.email ?? undefined } : spec.contact;
  return service.open(tx, {
    channel: spec.channel,
    subject: spec.subject ?? null,
    language: spec.language,
    priority: spec.priority ?? 'normal',
    contactName: contact?.name ?? null,
    contactEmail: contact?.email ?? null,
    contactLogin: client?.login ?? null,
    clientId: client?.id ?? null,
    actor: { kind: 'customer', name: contact?.name ?? null },
  } as Parameters<Conversations['open']>[1]);
}

/** The demo client a conversation is with: the nth speaking its language, if it names one. */
function clientOf(spec: DemoConversation, clients: Map<string, DemoClient[]>): DemoClient | undefined {
  const speakers = clients.get(spec.language) ?? [];
  return spec.client !== undefined && speakers.length ? speakers[spec.client % speakers.length] : undefined;
}

/** The demo staff by login (the part of their email before the demo domain). */
async function demoStaff(ctx: AppContext, domain: string) {
  const { items } = await ctx.staff.list({
    search: `@${domain}`,
    sort: 'email',
    order: 'asc',
    page: 1,
    pageSize: 100,
  });
  const byLogin = new Map<string, { id: string; name: string }>();
  for (const s of items)
    if (s.email.endsWith(`@${domain}`))
      byLogin.set(s.email.slice(0, -domain.length - 1), { id: s.id, name: s.name });
  return byLogin;
}

/** The demo clients by language, oldest first (the order the demo seed made them in). */
async function demoClients(ctx: AppContext): Promise<Map<string, DemoClient[]>> {
  const { items } = await ctx.clients.list(seedViewer, {
    sort: 'createdAt',
    order: 'asc',
    page: 1,
    pageSize: 100,
  } as Parameters<AppContext['clients']['list']>[1]);
  const byLanguage = new Map<string, DemoClient[]>();
  for (const c of items) {
    const list = byLanguage.get(c.language ?? '') ?? [];
    list.push({ id: c.id, name: c.name, email: c.email ?? null, login: c.login ?? null });
    byLanguage.set(c.language ?? '', list);
  }
  return byLanguage;
}
