import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '../../core/events.js';
import type { Db } from '../../db/connection.js';
import { clientRefs } from '../clients/index.js';
import { staffNames, withScope } from '../identity/index.js';
import { roundMoney } from './account-reads.js';
import type { OnlineClientView, Page, onlineQuery } from './contracts.js';
import { tradingAccounts, tradingAlerts } from './schema.js';

/** The clients and their managers' names, through their modules' faces. */
const clients = clientRefs();
const managers = staffNames('managers');

/**
 * How much an online account needs a call (higher = sooner), from its mirrored state:
 *
 *   (marginLevel != null ? max(0, 500 − marginLevel) : 0)                    — 0…500: margin call near
 * + (floating < 0 ? min(300, −floating / max(balance, 1) × 300) : 0)         — 0…300: losing share of balance
 *
 * where floating = equity − balance − credit. A client's priority adds 1000 per open alert and 1000
 * for deposit trouble (a declined, stuck or unposted deposit: the client is online and wants to fund),
 * so any client with either comes before every client with neither:
 *
 *   priority = 1000 × (openAlerts + paymentProblem ? 1 : 0) + risk(the client's riskiest online live account)
 *
 * Ties go to whoever has been online longest (a call has been possible for the longest time).
 */
const accountRisk = (): SQL<number> => {
  const a = tradingAccounts;
  const floating = sql`(${a.equity} - ${a.balance} - ${a.credit})`;
  return sql<number>`((case when ${a.marginLevel} is null then 0 else greatest(0, 500 - ${a.marginLevel}) end)
    + (case when ${floating} < 0 then least(300, -${floating} / greatest(${a.balance}, 1) * 300) else 0 end))`;
};

const onlineLive = () =>
  and(
    eq(tradingAccounts.clientId, clients.id),
    eq(tradingAccounts.kind, 'live'),
    eq(tradingAccounts.online, true),
  );

/** "Online now": Live clients logged in to the terminal that the viewer may see, the most worth a call first. */
export async function onlineNow(
  db: Db,
  viewer: Viewer,
  q: z.output<typeof onlineQuery>,
): Promise<Page<OnlineClientView>> {
  const worst = db
    .select({
      id: tradingAccounts.id,
      login: tradingAccounts.login,
      currency: tradingAccounts.currency,
      equity: tradingAccounts.equity,
      balance: tradingAccounts.balance,
      credit: tradingAccounts.credit,
      marginLevel: tradingAccounts.marginLevel,
      risk: accountRisk().as('risk'),
    })
    .from(tradingAccounts)
    .where(onlineLive())
    .orderBy(desc(accountRisk()), asc(tradingAccounts.id))
    .limit(1)
    .as('worst');
  const alerts = db
    .select({ n: sql<number>`count(*)::int`.as('n') })
    .from(tradingAlerts)
    .where(and(eq(tradingAlerts.clientId, clients.id), isNull(tradingAlerts.clearedAt)))
    .as('alerts');
  const where = withScope(
    viewer,
    clients,
    and(
      eq(clients.status, 'live'),
      isNotNull(clients.onlineSince),
      q.managerId ? eq(clients.managerId, q.managerId) : undefined,
    ),
  );
  const paymentTrouble = sql<number>`(case when ${clients.paymentProblem} is null then 0 else 1 end)`;
  const priority = sql<number>`((${alerts.n} + ${paymentTrouble}) * 1000 + ${worst.risk})`;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        c: {
          id: clients.id,
          name: clients.name,
          managerId: clients.managerId,
          country: clients.country,
          onlineSince: clients.onlineSince,
          paymentProblem: clients.paymentProblem,
        },
        managerName: managers.name,
        worst: {
          id: worst.id,
          login: worst.login,
          currency: worst.currency,
          equity: worst.equity,
          balance: worst.balance,
          credit: worst.credit,
          marginLevel: worst.marginLevel,
        },
        openAlerts: sql<number>`${alerts.n}`.mapWith(Number),
        priority: priority.mapWith(Number),
      })
      .from(clients)
      .innerJoinLateral(worst, sql`true`)
      .crossJoinLateral(alerts)
      .leftJoin(managers, eq(managers.id, clients.managerId))
      .where(where)
      .orderBy(desc(priority), asc(clients.onlineSince), asc(clients.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(clients)
      .where(and(where, sql`exists (select 1 from ${tradingAccounts} where ${onlineLive()})`)),
  ]);
  return {
    items: rows.map((r) => ({
      clientId: r.c.id,
      name: r.c.name,
      managerId: r.c.managerId,
      managerName: r.managerName,
      country: r.c.country,
      onlineSince: r.c.onlineSince!.toISOString(),
      accountId: r.worst.id,
      login: r.worst.login,
      currency: r.worst.currency,
      equity: r.worst.equity,
      balance: r.worst.balance,
      marginLevel: r.worst.marginLevel,
      floatingProfit: roundMoney(r.worst.equity - r.worst.balance - r.worst.credit),
      openAlerts: r.openAlerts,
      paymentProblem: r.c.paymentProblem,
      priority: roundMoney(r.priority),
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
