import type { clients } from './schema.js';

/** A client as the API shows it. */
export function toView(c: typeof clients.$inferSelect, managerName: string | null) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    country: c.country,
    language: c.language,
    status: c.status,
    salesStatus: c.salesStatus,
    source: c.source,
    utm: c.utm,
    referralCode: c.referralCode,
    tags: c.tags,
    login: c.login,
    managerId: c.managerId,
    managerName,
    teamId: c.teamId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    statusChangedAt: c.statusChangedAt.toISOString(),
    /** Logged in to the trading terminal since (null = offline); kept up to date by trading ingest. */
    onlineSince: c.onlineSince?.toISOString() ?? null,
    lastContactAt: c.lastContactAt?.toISOString() ?? null,
    ftdAt: c.ftdAt?.toISOString() ?? null,
    ftdAmount: c.ftdAmount,
    netDeposits: c.netDeposits,
    lastDepositAt: c.lastDepositAt?.toISOString() ?? null,
    paymentProblem: c.paymentProblem,
  };
}
export type ClientView = ReturnType<typeof toView>;
