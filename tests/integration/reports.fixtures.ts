import { randomUUID } from 'node:crypto';
import { events } from '../../src/core/schema.js';
import { conversations, supportMetrics } from '../../src/db/schema.js';
import type { Executor } from '../../src/db/connection.js';

/** Raw records written straight into the kernel's log and support's metrics, as if they had happened. */
export const at = (iso: string) => new Date(`${iso}:00Z`);
export const H = 3_600_000;
export const D = 24 * H;

export async function logEvent(
  db: Executor,
  type: string,
  when: string | Date,
  payload: Record<string, unknown>,
  opts: { subjectType?: string; subjectId?: string; actorId?: string | null } = {},
) {
  await db.insert(events).values({
    type,
    subjectType: opts.subjectType ?? null,
    subjectId: opts.subjectId ?? null,
    actorId: opts.actorId ?? null,
    actorKind: opts.actorId ? 'staff' : 'system',
    payload,
    createdAt: typeof when === 'string' ? at(when) : when,
  });
}

export async function newConversation(
  db: Executor,
  channel: 'chat' | 'email' | 'cabinet' | 'callback',
  language: string | null,
  teamId: string | null = null,
) {
  const [row] = await db.insert(conversations).values({ channel, language, teamId }).returning();
  return row!;
}

export async function logMetric(
  db: Executor,
  conv: { id: string; channel: string; language: string | null; teamId: string | null },
  kind: string,
  when: string | Date,
  m: { cal?: number; bus?: number; agentId?: string | null; score?: number; detail?: string } = {},
) {
  await db.insert(supportMetrics).values({
    conversationId: conv.id,
    kind: kind as 'csat',
    at: typeof when === 'string' ? at(when) : when,
    calendarMs: m.cal ?? null,
    businessMs: m.bus ?? null,
    agentId: m.agentId ?? null,
    teamId: conv.teamId,
    channel: conv.channel as 'chat',
    language: conv.language,
    score: m.score ?? null,
    detail: m.detail ?? null,
  });
}

/** A client's events as the clients module appends them. */
export function clientEvents(db: Executor) {
  return {
    async created(
      when: string,
      c: { managerId: string | null; teamId: string | null; source?: string; campaign?: string; country?: string },
    ) {
      const id = randomUUID();
      const name = `Client ${id.slice(0, 6)}`;
      await logEvent(
        db,
        'client.created',
        when,
        { name, clientName: name, kind: 'manual', status: 'lead', assignedVia: 'creator', source: c.source ?? 'unknown', country: c.country ?? null, campaign: c.campaign ?? null, managerId: c.managerId, teamId: c.teamId },
        { subjectType: 'client', subjectId: id },
      );
      return id;
    },
    status: (id: string, when: string, to: string) =>
      logEvent(db, 'client.status_changed', when, { from: '', to, trigger: 'test', clientName: '' }, { subjectType: 'client', subjectId: id }),
    reassigned: (id: string, when: string, to: string, teamId: string | null, reason = 'manual') =>
      logEvent(db, 'client.reassigned', when, { from: null, to, toName: '', reason, clientName: '', clientId: id, teamId }, { subjectType: 'client', subjectId: id }),
    payment: (type: string, id: string, when: string, amount: number, direction = 'deposit') =>
      logEvent(db, type, when, { requestId: randomUUID(), clientId: id, clientName: '', direction, login: '1', status: 'x', amount, currency: 'USD', systemName: 's', baseAmount: amount, accountAmount: amount }, { subjectType: 'client', subjectId: id }),
  };
}
