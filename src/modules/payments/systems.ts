import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { appendEvents } from '../../core/events.js';
import { badRequest, notFound } from '../../core/errors.js';
import type { Db } from '../../db/connection.js';
import type { PaymentSystemView, PortalPaymentSystem } from '../../shared/contracts/payments.js';
import type { PaymentDirection } from '../../shared/payments.js';
import { clientRef } from '../clients/index.js';
import { tradingAccountByLogin } from '../trading/index.js';
import type { PaymentSystemInput } from './contracts.js';
import type { SystemRow } from './requests.js';
import { paymentSystems } from './schema.js';
import { FINANCE_AUDIENCE } from './settings.js';

const toView = (s: SystemRow): PaymentSystemView => ({
  ...s,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

/** The instructions in the trader's language, else English, else any. */
export const instructionsFor = (s: Pick<SystemRow, 'instructions'>, language: string | null) =>
  (language ? s.instructions[language] : undefined) ??
  s.instructions.en ??
  Object.values(s.instructions)[0] ??
  null;

/** Payment systems: admins configure them; the cabinet lists those a trader's account may use. */
export class PaymentSystems {
  constructor(
    private readonly db: Db,
    private readonly opts: { platformName: string; providers: ReadonlySet<string> },
  ) {}

  async list(): Promise<PaymentSystemView[]> {
    const rows = await this.db
      .select()
      .from(paymentSystems)
      .orderBy(asc(paymentSystems.sortOrder), asc(paymentSystems.name));
    return rows.map(toView);
  }

  async get(id: string): Promise<PaymentSystemView> {
    const [row] = await this.db.select().from(paymentSystems).where(eq(paymentSystems.id, id)).limit(1);
    if (!row) throw notFound('Payment system');
    return toView(row);
  }

  async create(actor: Actor, input: PaymentSystemInput): Promise<PaymentSystemView> {
    this.checkProvider(input);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(paymentSystems).values(input).returning();
      await appendEvents(tx, [this.event(actor, row!, input)]);
      return toView(row!);
    });
  }

  async update(actor: Actor, id: string, input: PaymentSystemInput): Promise<PaymentSystemView> {
    this.checkProvider(input);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(paymentSystems)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(paymentSystems.id, id))
        .returning();
      if (!row) throw notFound('Payment system');
      await appendEvents(tx, [this.event(actor, row, input)]);
      return toView(row);
    });
  }

  /**
   * The systems the trader may use for one of their own accounts: enabled, for this direction, offered
   * in the client's country, in the admins' order, with the instructions in the trader's language.
   * Another trader's (or an unknown) account is 404.
   */
  async forTrader(
    clientId: string,
    login: string,
    direction: PaymentDirection,
  ): Promise<PortalPaymentSystem[]> {
    const account = await tradingAccountByLogin(this.db, this.opts.platformName, login);
    if (!account || account.clientId !== clientId) throw notFound('Account');
    const client = await clientRef(this.db, clientId);
    const rows = await this.db
      .select()
      .from(paymentSystems)
      .where(eq(paymentSystems.enabled, true))
      .orderBy(asc(paymentSystems.sortOrder), asc(paymentSystems.name));
    return (
      rows
        .filter((s) => s.directions.includes(direction) && offeredIn(s, client.country))
        // A withdrawal is paid in the account's currency; a deposit may be converted (finance's rates).
        .filter((s) => direction !== 'withdrawal' || s.currencies.includes(account.currency))
        .map((s) => ({
          id: s.id,
          name: s.name,
          kind: s.kind,
          method: s.method,
          currencies: s.currencies,
          minAmount: s.minAmount,
          maxAmount: s.maxAmount,
          feePercent: s.feePercent,
          feeFixed: s.feeFixed,
          instructions: instructionsFor(s, client.language),
        }))
    );
  }

  private checkProvider(input: PaymentSystemInput) {
    if (input.provider && !this.opts.providers.has(input.provider))
      throw badRequest(
        'unknown_provider',
        `No payment provider named ${input.provider} is configured`,
        'provider',
      );
  }

  private event(actor: Actor, row: SystemRow, input: PaymentSystemInput) {
    return {
      type: 'payments.system_saved' as const,
      subjectType: 'payment_system',
      subjectId: row.id,
      actorId: actor.id,
      ip: actor.ip,
      payload: { name: row.name, changes: { ...input } },
      audience: FINANCE_AUDIENCE,
    };
  }
}

export const offeredIn = (s: Pick<SystemRow, 'countries'>, country: string | null) =>
  s.countries.length === 0 || (country !== null && s.countries.includes(country.toUpperCase()));
