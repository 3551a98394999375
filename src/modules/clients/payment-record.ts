import type { PaymentProblem } from '../../shared/payments.js';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { appendEvents } from '../../core/events.js';
import type { Executor } from '../../db/connection.js';
import { staffById } from '../identity/index.js';
import { pickInTeam } from './assignment.js';
import { clientAudience } from './audience.js';
import { matchingRules } from './rules.js';
import { assignmentRules, clients } from './schema.js';

/**
 * What payments writes on a client (through the clients face): the FTD, net deposits and the last
 * deposit in the base currency's minor units, and open deposit trouble. Called inside payments'
 * transaction, so the client's figures change exactly when the money does.
 */
export interface ClientPayment {
  clientId: string;
  kind: 'deposit' | 'withdrawal' | 'refund' | 'chargeback';
  /** Positive, minor units of the base currency. */
  baseAmount: number;
  at: Date;
}

export interface ClientPaymentResult {
  /** This deposit was the client's first (the FTD). */
  ftd: boolean;
  /** The client was handed to another manager by an `on_ftd` rule. */
  handedTo: { managerId: string; teamId: string | null } | null;
}

export async function recordClientPayment(tx: Executor, p: ClientPayment): Promise<ClientPaymentResult> {
  const [before] = await tx
    .select({ ftdAt: clients.ftdAt })
    .from(clients)
    .where(eq(clients.id, p.clientId))
    .for('update');
  if (!before) return { ftd: false, handedTo: null };
  const ftd = p.kind === 'deposit' && before.ftdAt === null;
  const delta = p.kind === 'deposit' ? p.baseAmount : -p.baseAmount;
  await tx
    .update(clients)
    .set({
      netDeposits: sql`${clients.netDeposits} + ${delta}`,
      ...(p.kind === 'deposit' ? { lastDepositAt: p.at } : {}),
      ...(ftd ? { ftdAt: p.at, ftdAmount: p.baseAmount } : {}),
      updatedAt: p.at,
    })
    .where(eq(clients.id, p.clientId));
  return { ftd, handedTo: ftd ? await handOverAtFtd(tx, p.clientId) : null };
}

/**
 * Deposits of a batch of provider callbacks, in one statement: each client's net deposits and last
 * deposit, for clients who have their FTD already (nothing else changes for them). Returns the clients
 * updated; one without an FTD is left alone, for recordClientPayment (the FTD, its hand-over).
 */
export async function recordRepeatDeposits(
  tx: Executor,
  deposits: readonly { clientId: string; baseAmount: number }[],
  at: Date,
): Promise<Set<string>> {
  if (!deposits.length) return new Set();
  const sums = new Map<string, number>();
  for (const d of deposits) sums.set(d.clientId, (sums.get(d.clientId) ?? 0) + d.baseAmount);
  const rows = await tx
    .update(clients)
    .set({
      netDeposits: sql`${clients.netDeposits} + d.delta`,
      lastDepositAt: at,
      updatedAt: at,
    })
    .from(
      sql`unnest(${sql.param([...sums.keys()])}::uuid[], ${sql.param([...sums.values()])}::bigint[]) as d(id, delta)`,
    )
    .where(and(eq(clients.id, sql`d.id`), isNotNull(clients.ftdAt)))
    .returning({ id: clients.id });
  return new Set(rows.map((r) => r.id));
}

/**
 * The FTD hand-over: the first active `on_ftd` rule that matches the client and whose team has someone
 * available moves the client there (weighted round-robin, like placement), records `client.reassigned`
 * and tells the new manager (`client.assigned`). No matching rule: the client stays where it is.
 */
async function handOverAtFtd(tx: Executor, clientId: string) {
  const [c] = await tx.select().from(clients).where(eq(clients.id, clientId)).limit(1);
  if (!c) return null;
  const rules = await tx
    .select()
    .from(assignmentRules)
    .where(eq(assignmentRules.kind, 'on_ftd'))
    .orderBy(asc(assignmentRules.position));
  for (const rule of matchingRules(rules, c)) {
    if (rule.teamId === c.teamId) return null; // already with the retention desk
    const managerId = await pickInTeam(tx, rule.teamId);
    if (!managerId) continue;
    const manager = await staffById(tx, managerId);
    await tx.update(clients).set({ managerId, teamId: rule.teamId }).where(eq(clients.id, clientId));
    await appendEvents(tx, [
      {
        type: 'client.reassigned',
        subjectType: 'client',
        subjectId: clientId,
        actorKind: 'system',
        payload: {
          from: c.managerId,
          to: managerId,
          toName: manager?.name ?? '',
          reason: 'ftd_handover',
          clientName: c.name,
          clientId,
          teamId: rule.teamId,
        },
        audience: {
          users: [managerId, ...(c.managerId ? [c.managerId] : [])],
          teams: [...new Set([c.teamId, rule.teamId].filter((t): t is string => t !== null))],
        },
        notify: [
          {
            userId: managerId,
            type: 'client.assigned',
            payload: { clientName: c.name, clientId, reason: 'ftd_handover' },
          },
        ],
      },
    ]);
    return { managerId, teamId: rule.teamId };
  }
  return null;
}

/** Marks (or clears, with null) the client's open deposit trouble; "Online now" ranks by it. */
export async function setClientPaymentTrouble(
  tx: Executor,
  clientId: string,
  problem: PaymentProblem | null,
  at: Date,
): Promise<void> {
  await tx
    .update(clients)
    .set(
      problem
        ? { paymentProblem: problem, paymentProblemAt: at }
        : { paymentProblem: null, paymentProblemAt: null },
    )
    .where(eq(clients.id, clientId));
}

/** The client's payment figures for the card (`clientAudience` decides who sees them live). */
export async function clientPaymentFigures(tx: Executor, clientId: string) {
  const [row] = await tx
    .select({
      ftdAt: clients.ftdAt,
      ftdAmount: clients.ftdAmount,
      netDeposits: clients.netDeposits,
      lastDepositAt: clients.lastDepositAt,
      paymentProblem: clients.paymentProblem,
      managerId: clients.managerId,
      teamId: clients.teamId,
    })
    .from(clients)
    .where(eq(clients.id, clientId))
    .limit(1);
  return row ? { ...row, audience: clientAudience(row) } : null;
}
