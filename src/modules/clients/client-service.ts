import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/connection.js';
import { appendEvents, type NewEvent, type Viewer } from '../../core/events.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { settings } from '../../core/schema.js';
import { changedFields } from '../../core/changes.js';
import { staffById, staffNames, withScope } from '../identity/index.js';
import type { Actor } from '../../core/actor.js';
import { clientAudience } from './audience.js';
import { findDuplicates, type DuplicateMatch } from './duplicates.js';
import { assignManager, MANAGER_ROLES, type Assignment } from './assignment.js';
import { ClientList } from './client-list.js';
import { toView } from './client-view.js';
import type { AccountSummaryReader } from './list-columns.js';
import { visibleAmong } from './refs.js';
import { clients, type ClientStatus, type Utm } from './schema.js';
import { nextStatus, type StatusTrigger } from './status.js';
import {
  DEFAULT_SALES_STATUSES,
  type ClientListQuery,
  type clientUpdateInput,
  type leadCreateInput,
} from './contracts.js';

export type ClientRow = typeof clients.$inferSelect;
const SALES_STATUSES_KEY = 'clients.sales_statuses';

export { clientAudience, type DuplicateMatch };

export interface NewClient {
  name: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  language: string | null;
  source: string;
  utm?: Utm;
  referralCode?: string | null;
  tags?: string[];
  login?: string | null;
}

/**
 * Client records: creation with automatic assignment, the derived status, contacts, reassignment and the
 * scoped list. Every read takes the viewer and goes through the record scope.
 */
export class ClientService {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    /** The trading figures of the list (see list-columns.ts); without it those columns stay empty. */
    deps: { accountSummaries?: AccountSummaryReader } = {},
  ) {
    this.lister = new ClientList(db, deps.accountSummaries);
  }

  private readonly lister: ClientList;

  /** Creates a client and assigns its manager in the caller's transaction; returns the row and the events. */
  async createInTx(
    tx: Executor,
    input: NewClient,
    opts: { actor: Actor | null; managerId?: string; kind: 'lead' | 'registration' | 'import' },
  ): Promise<ClientRow> {
    let assignment: Assignment;
    if (opts.managerId) {
      const m = await staffById(tx, opts.managerId);
      assignment = { managerId: m!.id, teamId: m!.teamId, ruleId: null, via: 'rule' };
    } else assignment = await assignManager(tx, input);
    const now = this.clock.now();
    const [row] = await tx
      .insert(clients)
      .values({
        name: input.name,
        email: input.email,
        phone: input.phone,
        country: input.country,
        language: input.language,
        source: input.source,
        utm: input.utm ?? {},
        referralCode: input.referralCode ?? null,
        tags: input.tags ?? [],
        login: input.login ?? null,
        managerId: assignment.managerId,
        teamId: assignment.teamId,
        createdAt: now,
        updatedAt: now,
        statusChangedAt: now,
      })
      .returning();
    const client = row!;
    const byStaff = opts.managerId !== undefined;
    await appendEvents(tx, [
      {
        type: 'client.created',
        subjectType: 'client',
        subjectId: client.id,
        actorId: opts.actor?.id ?? null,
        actorKind: opts.actor?.id ? 'staff' : opts.kind === 'registration' ? 'trader' : 'system',
        ip: opts.actor?.ip ?? null,
        payload: {
          name: client.name,
          clientName: client.name,
          kind: opts.kind,
          source: client.source,
          country: client.country,
          status: client.status,
          managerId: client.managerId,
          assignedVia: byStaff ? 'creator' : assignment.via,
          ruleId: assignment.ruleId,
          teamId: client.teamId,
          campaign: client.utm.campaign ?? null,
        },
        audience: clientAudience(client),
        // The creator needs no toast about their own lead; an automatic assignment does.
        notify:
          client.managerId && client.managerId !== opts.actor?.id
            ? [
                {
                  userId: client.managerId,
                  type: 'client.assigned',
                  payload: { clientName: client.name, clientId: client.id },
                },
              ]
            : [],
      },
    ]);
    return client;
  }

  /** A lead entered by staff (phone call, office visit): duplicates by email or phone are shown, not created. */
  async createLead(viewer: Viewer & { role: string }, actor: Actor, input: z.output<typeof leadCreateInput>) {
    const matches = await this.findDuplicates(viewer, input.email, input.phone);
    const emailClash = matches.some((m) => m.matchedOn.includes('email'));
    if (emailClash || (matches.length && !input.allowDuplicatePhone)) {
      throw conflict(
        'duplicate_client',
        'A client with this email or phone already exists',
        emailClash ? 'email' : 'phone',
        {
          matches,
        },
      );
    }
    // A manager who takes the call keeps the lead; anyone else hands it to the rules.
    const ownsClients = (MANAGER_ROLES as readonly string[]).includes(viewer.role);
    const client = await this.db.transaction((tx) =>
      this.createInTx(tx, input, { actor, kind: 'lead', ...(ownsClients ? { managerId: viewer.id } : {}) }),
    );
    return client;
  }

  /** Clients with this email or phone, the ones out of the viewer's scope without their details. */
  findDuplicates(viewer: Viewer, email: string | null, phone: string | null): Promise<DuplicateMatch[]> {
    return findDuplicates(this.db, viewer, email, phone);
  }

  /** Moves the status forward when something happened (never backward, never by hand). */
  async applyTrigger(
    tx: Executor,
    clientId: string,
    trigger: StatusTrigger,
    cause: Omit<NewEvent, 'type' | 'subjectType' | 'subjectId' | 'audience' | 'notify'> = {},
  ): Promise<ClientStatus> {
    const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for('update').limit(1);
    if (!client) throw notFound('Client');
    const next = nextStatus(client.status, trigger);
    if (next === client.status) return next;
    const now = this.clock.now();
    await tx
      .update(clients)
      .set({ status: next, statusChangedAt: now, updatedAt: now })
      .where(eq(clients.id, clientId));
    await appendEvents(tx, [
      {
        ...cause,
        type: 'client.status_changed',
        subjectType: 'client',
        subjectId: clientId,
        payload: {
          ...(cause.payload ?? {}),
          from: client.status,
          to: next,
          trigger,
          clientName: client.name,
        },
        audience: clientAudience(client),
        // The manager is told, unless they caused it themselves (e.g. pressed "Register in cabinet").
        notify:
          client.managerId && client.managerId !== cause.actorId
            ? [
                {
                  userId: client.managerId,
                  payload: { clientName: client.name, clientId, from: client.status, to: next },
                },
              ]
            : [],
      },
    ]);
    return next;
  }

  /** One client as the viewer may see it; anything out of scope is "not found", never "forbidden". */
  async get(viewer: Viewer, id: string) {
    const managers = staffNames('managers');
    const [row] = await this.db
      .select({ c: clients, managerName: managers.name })
      .from(clients)
      .leftJoin(managers, eq(managers.id, clients.managerId))
      .where(withScope(viewer, clients, eq(clients.id, id)))
      .limit(1);
    if (!row) throw notFound('Client');
    return toView(row.c, row.managerName);
  }

  async update(viewer: Viewer, actor: Actor, id: string, patch: z.output<typeof clientUpdateInput>) {
    await this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(clients)
        .where(withScope(viewer, clients, eq(clients.id, id)))
        .for('update')
        .limit(1);
      if (!before) throw notFound('Client');
      if (patch.salesStatus !== undefined) await this.assertSalesStatus(tx, patch.salesStatus);
      if (patch.email && patch.email !== before.email) {
        const [taken] = await tx
          .select({ id: clients.id })
          .from(clients)
          .where(and(sql`lower(${clients.email}) = ${patch.email}`, sql`${clients.id} <> ${id}`))
          .limit(1);
        if (taken) throw conflict('email_taken', 'Another client has this email', 'email');
      }
      const changes = changedFields(before, patch);
      if (!Object.keys(changes).length) return;
      await tx
        .update(clients)
        .set({ ...patch, updatedAt: this.clock.now() })
        .where(eq(clients.id, id));
      const salesOnly = Object.keys(changes).length === 1 && 'salesStatus' in changes;
      await appendEvents(tx, [
        {
          type: salesOnly ? 'client.sales_status_changed' : 'client.updated',
          subjectType: 'client',
          subjectId: id,
          actorId: actor.id,
          ip: actor.ip,
          payload: { changes, clientName: before.name },
          audience: clientAudience(before),
        },
      ]);
    });
    return this.get(viewer, id);
  }

  /** Hands clients to another manager: history stays, the new manager is told, the old one loses access. */
  async reassign(viewer: Viewer, actor: Actor, ids: string[], managerId: string, reason: string) {
    return this.db.transaction(async (tx) => {
      const manager = await staffById(tx, managerId);
      if (!manager || !manager.active)
        throw new AppError(400, 'manager_unavailable', 'Choose an active staff member', 'managerId');
      // A team lead may hand clients only within their team.
      if (viewer.scope === 'team' && manager.teamId !== viewer.teamId && manager.id !== viewer.id)
        throw new AppError(400, 'manager_out_of_scope', 'Choose a manager from your team', 'managerId');
      const found = await tx.select().from(clients).where(visibleAmong(viewer, ids)).for('update');
      if (found.length !== new Set(ids).size) throw notFound('Client');
      const moving = found.filter((c) => c.managerId !== managerId);
      if (!moving.length) return { reassigned: 0 };
      await tx
        .update(clients)
        .set({ managerId, teamId: manager.teamId, updatedAt: this.clock.now() })
        .where(
          inArray(
            clients.id,
            moving.map((c) => c.id),
          ),
        );
      await appendEvents(
        tx,
        moving.map((c) => ({
          type: 'client.reassigned',
          subjectType: 'client',
          subjectId: c.id,
          actorId: actor.id,
          ip: actor.ip,
          payload: {
            from: c.managerId,
            to: managerId,
            toName: manager.name,
            reason,
            clientName: c.name,
            clientId: c.id,
            teamId: manager.teamId,
          },
          audience: {
            users: [managerId, ...(c.managerId ? [c.managerId] : [])],
            teams: [...new Set([c.teamId, manager.teamId].filter((t): t is string => t !== null))],
          },
          notify: [{ userId: managerId, payload: { clientName: c.name, clientId: c.id, reason } }],
        })),
      );
      return { reassigned: moving.length };
    });
  }

  async retag(viewer: Viewer, actor: Actor, ids: string[], add: string[], remove: string[]) {
    return this.db.transaction(async (tx) => {
      const found = await tx.select().from(clients).where(visibleAmong(viewer, ids)).for('update');
      if (found.length !== new Set(ids).size) throw notFound('Client');
      const events: NewEvent[] = [];
      for (const c of found) {
        const tags = [...new Set([...c.tags.filter((t) => !remove.includes(t)), ...add])];
        if (tags.join('\u0000') === c.tags.join('\u0000')) continue;
        await tx.update(clients).set({ tags, updatedAt: this.clock.now() }).where(eq(clients.id, c.id));
        events.push({
          type: 'client.tags_changed',
          subjectType: 'client',
          subjectId: c.id,
          actorId: actor.id,
          ip: actor.ip,
          payload: { from: c.tags, to: tags, clientName: c.name },
          audience: clientAudience(c),
        });
      }
      await appendEvents(tx, events);
      return { updated: events.length };
    });
  }

  /** The scoped, filtered, sorted page of the client list (see client-list.ts). */
  list(viewer: Viewer, q: ClientListQuery) {
    return this.lister.list(viewer, q);
  }

  async salesStatuses(tx: Executor = this.db): Promise<{ key: string; label: string }[]> {
    const [row] = await tx.select().from(settings).where(eq(settings.key, SALES_STATUSES_KEY)).limit(1);
    return (row?.value as { key: string; label: string }[] | undefined) ?? DEFAULT_SALES_STATUSES;
  }

  async setSalesStatuses(actor: Actor, statuses: { key: string; label: string }[]) {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(settings)
        .values({ key: SALES_STATUSES_KEY, value: statuses, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: statuses, updatedBy: actor.id, updatedAt: this.clock.now() },
        });
      await appendEvents(tx, [
        {
          type: 'settings.updated',
          subjectType: 'settings',
          subjectId: SALES_STATUSES_KEY,
          actorId: actor.id,
          ip: actor.ip,
          payload: { statuses },
          audience: { permissions: ['settings.write'] },
        },
      ]);
    });
    return statuses;
  }

  private async assertSalesStatus(tx: Executor, key: string) {
    const known = await this.salesStatuses(tx);
    if (!known.some((s) => s.key === key))
      throw new AppError(400, 'unknown_sales_status', `Unknown sales status "${key}"`, 'salesStatus');
  }
}
