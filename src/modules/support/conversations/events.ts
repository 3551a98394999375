import { appendEvent, type EventPayload, type EventType, type NewEvent } from '../../../core/events.js';
import type { Executor } from '../../../db/connection.js';
import { clientAudience, clientRefsByIds } from '../../clients/index.js';
import {
  activeStaffWithPermission,
  canSeeClient,
  isRole,
  ROLE_SCOPE,
  staffByIds,
} from '../../identity/index.js';
import type { ConversationRow } from '../hooks.js';
import { SUPPORT_AUDIENCE } from '../notify.js';
import type { SupportActor } from './actor.js';

type ConversationEventType = Extract<EventType, `support.${string}`>;

/**
 * What every conversation event carries (shared/events.ts `conversation`): enough for a toast, an
 * audit row and the client card's timeline to name the conversation and its client without a read.
 */
export async function conversationFields(tx: Executor, row: ConversationRow, clientId = row.clientId) {
  const client = clientId ? (await clientRefsByIds(tx, [clientId])).get(clientId) : undefined;
  return {
    fields: {
      conversationId: row.id,
      number: row.number,
      channel: row.channel,
      subject: row.subject,
      clientId: client?.id ?? null,
      clientName: client?.name ?? null,
    },
    client,
  };
}

/** Active staff holding support.handle whose record scope covers the client. */
async function handlersSeeing(tx: Executor, client: { managerId: string | null; teamId: string | null }) {
  const staff = await staffByIds(tx, await activeStaffWithPermission(tx, 'support.handle'));
  return staff
    .filter((s) => {
      const scope = isRole(s.role) ? ROLE_SCOPE[s.role] : 'own';
      return canSeeClient({ id: s.id, teamId: s.teamId, scope, permissions: new Set() }, client);
    })
    .map((s) => s.id);
}

/**
 * Appends a conversation event. Its subject is the client when the conversation is linked (so the
 * card's timeline shows the support history; `aboutClientId` overrides, for an unlink), else the
 * conversation. Support staff see every one; the client's manager and team too, as they do the
 * client's other events.
 */
export async function appendConversationEvent<T extends ConversationEventType>(
  tx: Executor,
  type: T,
  row: ConversationRow,
  actor: SupportActor,
  extra: Omit<EventPayload<T>, keyof Awaited<ReturnType<typeof conversationFields>>['fields']>,
  opts: { aboutClientId?: string | null; notify?: string[]; onlyNotified?: boolean } = {},
): Promise<void> {
  const { fields, client } = await conversationFields(tx, row, opts.aboutClientId ?? row.clientId);
  const manager = client ? clientAudience(client) : { users: [], teams: [] };
  // A linked conversation's event names the client: only support handlers who may see that client
  // get it (a team lead of another team does not), as users; an unlinked one goes to every handler.
  const desk: { permissions?: string[]; users?: string[] } = client
    ? { users: await handlersSeeing(tx, client) }
    : SUPPORT_AUDIENCE;
  const event = {
    type,
    // A notice to a few staff (a mention) is about the conversation, not the client's history.
    subjectType: client && !opts.onlyNotified ? 'client' : 'conversation',
    subjectId: client && !opts.onlyNotified ? client.id : row.id,
    actorId: actor.kind === 'staff' ? (actor.staffId ?? null) : null,
    actorKind: actor.kind === 'staff' ? 'staff' : actor.kind === 'customer' && client ? 'trader' : 'system',
    ip: actor.ip ?? null,
    payload: { ...fields, ...extra },
    audience: opts.onlyNotified
      ? { users: opts.notify ?? [] }
      : { ...desk, users: [...new Set([...manager.users, ...(desk.users ?? [])])], teams: manager.teams },
    notify: (opts.notify ?? []).map((userId) => ({ userId })),
  } as unknown as NewEvent;
  await appendEvent(tx, event);
}
