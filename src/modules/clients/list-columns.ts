import { and, asc, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { ClientAccountSummary, ClientNextTask } from '../../shared/client-list.js';
import { clientTasks } from './schema.js';

/**
 * Where the list's money columns come from: the trading module, wired in by the composition root, so
 * this module never reads trading's tables. It is asked only for the ids of the page, already scoped.
 */
export interface AccountSummaryReader {
  summariesFor(clientIds: readonly string[]): Promise<ReadonlyMap<string, ClientAccountSummary>>;
}

export interface WorkingColumns {
  account?: ClientAccountSummary | null;
  nextTask?: ClientNextTask | null;
}

/**
 * The columns a manager works from that are not on the client row, for one page of clients: the trading
 * summary and the earliest open task, each only when asked for (each is one indexed read by client id,
 * whatever the size of the list). A column asked for is null for a client without one.
 */
export async function workingColumns(
  db: Db,
  accounts: AccountSummaryReader | undefined,
  clientIds: readonly string[],
  include: ReadonlySet<'account' | 'nextTask'>,
): Promise<Map<string, WorkingColumns>> {
  if (!clientIds.length || !include.size) return new Map();
  const [summaries, tasks] = await Promise.all([
    include.has('account') && accounts
      ? accounts.summariesFor(clientIds)
      : new Map<string, ClientAccountSummary>(),
    include.has('nextTask')
      ? db
          .selectDistinctOn([clientTasks.clientId], {
            clientId: clientTasks.clientId,
            id: clientTasks.id,
            title: clientTasks.title,
            dueAt: clientTasks.dueAt,
          })
          .from(clientTasks)
          .where(and(inArray(clientTasks.clientId, [...clientIds]), isNull(clientTasks.doneAt)))
          .orderBy(clientTasks.clientId, asc(clientTasks.dueAt), asc(clientTasks.id))
      : [],
  ]);
  const next = new Map(
    tasks.map((t) => [t.clientId, { id: t.id, title: t.title, dueAt: t.dueAt.toISOString() }]),
  );
  return new Map(
    clientIds.map((id) => [
      id,
      {
        ...(include.has('account') ? { account: summaries.get(id) ?? null } : {}),
        ...(include.has('nextTask') ? { nextTask: next.get(id) ?? null } : {}),
      },
    ]),
  );
}
