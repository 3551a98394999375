import type { Actor } from '../../core/actor.js';
import { appendEvents, type EventPayload, type NewEvent } from '../../core/events.js';
import type { Executor } from '../../db/connection.js';
import { clientAudience, clientRef, clientRefsByIds, type ClientRef } from '../clients/index.js';
import { activeTeamLeads } from '../identity/index.js';
import { systemById, type RequestRow, type SystemRow } from './requests.js';

type PaymentEventType =
  | 'payment.requested'
  | 'payment.executed'
  | 'payment.rejected'
  | 'payment.problem'
  | 'payment.ftd'
  | 'payment.refunded'
  | 'payment.charged_back'
  | 'withdrawal.requested'
  | 'withdrawal.approved'
  | 'withdrawal.paid'
  | 'withdrawal.rejected';

type Extra<T extends PaymentEventType> = Omit<
  EventPayload<T>,
  | 'requestId'
  | 'clientId'
  | 'clientName'
  | 'direction'
  | 'login'
  | 'status'
  | 'amount'
  | 'currency'
  | 'systemName'
>;

/** Client refs read in a transaction, by client id (see `clientOf`). */
const clientsOf = new WeakMap<object, Map<string, ClientRef>>();

/**
 * The client's shared columns, read once per transaction: a callback's event and mail both need them.
 * A transaction that changes them (the FTD hand-over in `recordClientPayment`) calls `forgetClients`
 * after, so what is read next is the new manager and team.
 */
export async function clientOf(tx: Executor, clientId: string): Promise<ClientRef> {
  let known = clientsOf.get(tx);
  const hit = known?.get(clientId);
  if (hit) return hit;
  const client = await clientRef(tx, clientId);
  if (!known) clientsOf.set(tx, (known = new Map()));
  known.set(clientId, client);
  return client;
}

export function forgetClients(tx: Executor): void {
  clientsOf.delete(tx);
}

/** Clients read together (a batch of callbacks), so each event and mail after finds its client known. */
export async function primeClients(tx: Executor, clientIds: readonly string[]): Promise<void> {
  const known = clientsOf.get(tx) ?? new Map<string, ClientRef>();
  const missing = [...new Set(clientIds)].filter((id) => !known.has(id));
  for (const [id, c] of await clientRefsByIds(tx, missing)) known.set(id, c);
  clientsOf.set(tx, known);
}

/** System names read in a transaction, by system id: a batch's events mostly share one system. */
const systemsOf = new WeakMap<object, Map<string, Promise<SystemRow | null>>>();

function systemOf(tx: Executor, systemId: string): Promise<SystemRow | null> {
  let known = systemsOf.get(tx);
  if (!known) systemsOf.set(tx, (known = new Map()));
  let hit = known.get(systemId);
  if (!hit) known.set(systemId, (hit = systemById(tx, systemId)));
  return hit;
}

export interface PaymentEventOptions {
  /** Who did it: a staff member, the trader, or the system (null id) for callbacks and jobs. */
  actor: Actor | { trader: true; ip: string | null } | null;
  /** Notify the client's manager (problems, FTD); `withTeamLead` adds the team's lead (FTD). */
  notifyManager?: boolean;
  withTeamLead?: boolean;
}

/**
 * Appends a payment event about a request to the caller's transaction: on the client's timeline
 * (subject = the client), seen live by the client's audience and by finance, and — for problems and the
 * FTD — a notification to the responsible manager (and the team lead). Staff actions carry the actor, so
 * every money action is in the audit trail.
 */
export async function appendPaymentEvent<T extends PaymentEventType>(
  tx: Executor,
  type: T,
  r: RequestRow,
  extra: Extra<T>,
  opts: PaymentEventOptions,
): Promise<void> {
  const [client, system] = await Promise.all([clientOf(tx, r.clientId), systemOf(tx, r.systemId)]);
  const audience = clientAudience(client);
  const notify: { userId: string }[] = [];
  if (opts.notifyManager && client.managerId) notify.push({ userId: client.managerId });
  if (opts.withTeamLead && client.teamId)
    for (const lead of await activeTeamLeads(tx, [client.teamId]))
      if (!notify.some((n) => n.userId === lead.id)) notify.push({ userId: lead.id });
  const actor = opts.actor;
  const payload = {
    requestId: r.id,
    clientId: r.clientId,
    clientName: client.name,
    direction: r.direction,
    login: r.login,
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    systemName: system?.name ?? '',
    ...extra,
  };
  const event = {
    type,
    subjectType: 'client',
    subjectId: r.clientId,
    actorId: actor && 'id' in actor ? actor.id : null,
    actorKind: actor === null ? 'system' : 'trader' in actor ? 'trader' : actor.id ? 'staff' : 'system',
    ip: actor?.ip ?? null,
    payload,
    audience: { ...audience, permissions: ['payments.execute'] },
    notify,
  } as unknown as NewEvent;
  await appendEvents(tx, [event]);
}
