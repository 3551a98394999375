import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { AppError, badRequest, conflict, notFound } from '../../core/errors.js';
import type { IdempotentCommit } from '../../core/idempotency.js';
import type { Db, Executor } from '../../db/connection.js';
import type { PaymentRequestView, PortalDepositCreated } from '../../shared/contracts/payments.js';
import { clientRef } from '../clients/index.js';
import { tradingAccountByLogin } from '../trading/index.js';
import type { DepositInput } from './contracts.js';
import { DepositBook, lockDeposit } from './deposits.js';
import { appendLedger } from './ledger.js';
import { appendPaymentEvent } from './payment-events.js';
import type { PlatformPosting } from './posting.js';
import type { PaymentProvider } from './provider.js';
import {
  patchRequest,
  readRequest,
  requestViews,
  systemById,
  toPortalView,
  type RequestRow,
} from './requests.js';
import { paymentRequests } from './schema.js';
import { convert, type PaymentSettings } from './settings.js';
import { instructionsFor, offeredIn } from './systems.js';

/** A provider the CRM can send traders to, with the secrets its callbacks are signed with. */
export interface PaymentProviderEntry {
  provider: PaymentProvider;
  /** Standard Webhooks secrets (`whsec_…`), newest first; any verifies while rotating. */
  secrets: readonly string[];
}

export interface DepositServiceDeps {
  clock: Clock;
  settings: PaymentSettings;
  book: DepositBook;
  posting: PlatformPosting;
  providers: ReadonlyMap<string, PaymentProviderEntry>;
  platformName: string;
  baseUrl: string;
}

/** `fee_fixed + amount × fee_percent` (basis points), rounded to the minor unit. */
export const feeOf = (s: { feeFixed: number; feePercent: number }, amount: number) =>
  s.feeFixed + Math.round((amount * s.feePercent) / 10_000);

/** A reference a trader can quote on a transfer: short, unambiguous characters. */
const newReference = () => {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `BD-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`;
};

/**
 * Deposits as people make them: the trader's request in the cabinet (manual → instructions and a
 * reference; automatic → the provider's hosted page), and finance's execute, reject and confirm. The
 * money logic is DepositBook's; the platform posting runs after each commit.
 */
export class DepositService {
  constructor(
    private readonly db: Db,
    private readonly deps: DepositServiceDeps,
  ) {}

  async create(
    trader: { clientId: string; ip: string | null },
    input: DepositInput,
    commit: IdempotentCommit,
  ): Promise<PortalDepositCreated> {
    const account = await tradingAccountByLogin(this.db, this.deps.platformName, input.login);
    if (!account || account.clientId !== trader.clientId) throw notFound('Account');
    if (account.kind !== 'live')
      throw badRequest('demo_account', 'Deposits go to live accounts only', 'login');
    const system = await systemById(this.db, input.systemId);
    const client = await clientRef(this.db, trader.clientId);
    if (
      !system ||
      !system.enabled ||
      !system.directions.includes('deposit') ||
      !offeredIn(system, client.country)
    )
      throw notFound('Payment system');
    if (!system.currencies.includes(input.currency))
      throw badRequest(
        'currency_not_offered',
        `${system.name} takes ${system.currencies.join(', ')}`,
        'currency',
      );
    if (input.amount < system.minAmount)
      throw badRequest('amount_below_minimum', `The minimum is ${system.minAmount} (minor units)`, 'amount');
    if (system.maxAmount !== null && input.amount > system.maxAmount)
      throw badRequest('amount_above_maximum', `The maximum is ${system.maxAmount} (minor units)`, 'amount');
    const fee = feeOf(system, input.amount);
    if (fee >= input.amount)
      throw badRequest('amount_below_fee', 'The amount does not cover the fee', 'amount');
    // A currency nobody has priced is refused now, not when the money arrives.
    await convert(this.db, input.amount - fee, input.currency, account.currency);

    const id = randomUUID();
    const reference = system.kind === 'manual' ? newReference() : null;
    const entry =
      system.kind === 'automatic' && system.provider ? this.deps.providers.get(system.provider) : undefined;
    if (system.kind === 'automatic' && !entry)
      throw new AppError(503, 'provider_unavailable', 'This payment system is not available right now');
    const insert = async (tx: Executor) => {
      const [inserted] = await tx
        .insert(paymentRequests)
        .values({
          id,
          direction: 'deposit',
          clientId: trader.clientId,
          login: account.login,
          systemId: system.id,
          status: entry ? 'awaiting_payment' : 'pending',
          amount: input.amount,
          currency: input.currency,
          accountCurrency: account.currency,
          fee,
          reference,
          provider: system.provider,
          providerRef: null,
          requestedBy: 'trader',
          createdAt: this.deps.clock.now(),
          updatedAt: this.deps.clock.now(),
        })
        .returning();
      await appendPaymentEvent(
        tx,
        'payment.requested',
        inserted!,
        {},
        { actor: { trader: true, ip: trader.ip } },
      );
      return inserted!;
    };
    // Built inside the transaction: this answer is stored with the change and replayed on a repeat.
    const answer = (row: RequestRow, url: string | null) => ({
      request: toPortalView(row, system.name, () => null),
      instructions: system.kind === 'manual' ? instructionsFor(system, client.language) : null,
      reference,
      redirectUrl: url,
    });
    if (!entry) return commit(async (tx) => answer(await insert(tx), null));

    // Automatic: the request is stored before the provider hears of it, so no provider session points
    // at a request we do not have; a provider that fails leaves it declined (a problem), not dangling.
    await this.db.transaction(insert);
    let session: { providerRef: string; url: string };
    try {
      session = await entry.provider.createPayment({
        requestId: id,
        amount: input.amount,
        currency: input.currency,
        returnUrl: `${this.deps.baseUrl}/cabinet/payments?request=${id}`,
        callbackUrl: `${this.deps.baseUrl}/api/payments/callbacks/${encodeURIComponent(entry.provider.name)}`,
        description: `Deposit to account ${account.login}`,
      });
    } catch {
      await this.db.transaction(async (tx) => {
        const row = await lockDeposit(tx, id);
        if (row.status !== 'awaiting_payment') return;
        const reason = { code: 'declined', label: 'The payment provider could not be reached', note: null };
        await this.deps.book.reject(tx, row, reason, null, 'declined');
      });
      throw new AppError(503, 'provider_unavailable', 'The payment provider did not answer; try again');
    }
    return commit(async (tx) => {
      // A callback may have set the same reference already (it matches the request by id).
      const row = await patchRequest(tx, id, { providerRef: session.providerRef }, this.deps.clock.now());
      return answer(row, session.url);
    });
  }

  /** Finance credits a manual deposit (the money arrived on the bank account). */
  async execute(actor: Actor, id: string, commit: IdempotentCommit): Promise<PaymentRequestView> {
    await commit(async (tx) => {
      const locked = await lockDeposit(tx, id);
      if (locked.status !== 'pending')
        throw conflict(
          'invalid_transition',
          locked.status === 'needs_review'
            ? 'The provider paid a different amount: confirm it instead'
            : `A ${locked.status.replace('_', ' ')} deposit cannot be executed`,
          'status',
          { status: locked.status },
        );
      return this.viewIn(tx, await this.deps.book.credit(tx, locked, locked.amount, actor));
    });
    await this.deps.posting.postRequest(id);
    return this.view(id);
  }

  /** Finance confirms a deposit the provider paid with a different amount: credits what was paid (or `amount`). */
  async confirm(
    actor: Actor,
    id: string,
    input: { amount?: number | undefined },
    commit: IdempotentCommit,
  ): Promise<PaymentRequestView> {
    await commit(async (tx) => {
      const locked = await lockDeposit(tx, id);
      if (locked.status !== 'needs_review')
        throw conflict('invalid_transition', 'Only a deposit waiting for review can be confirmed', 'status', {
          status: locked.status,
        });
      // The provider's amount in another currency is not the request's: finance says what to credit.
      if (locked.problem === 'currency_mismatch' && input.amount === undefined)
        throw badRequest(
          'amount_required',
          'The provider paid in another currency: give the amount to credit, in the request currency',
          'amount',
        );
      const paid = input.amount ?? locked.providerAmount ?? locked.amount;
      return this.viewIn(tx, await this.deps.book.credit(tx, locked, paid, actor));
    });
    await this.deps.posting.postRequest(id);
    return this.view(id);
  }

  async reject(
    actor: Actor,
    id: string,
    input: { reasonCode: string; note?: string | null | undefined },
    commit: IdempotentCommit,
  ): Promise<PaymentRequestView> {
    return commit(async (tx) => {
      const locked = await lockDeposit(tx, id);
      const label = await this.deps.settings.reasonLabel(tx, input.reasonCode);
      const reason = { code: input.reasonCode, label, note: input.note ?? null };
      return this.viewIn(tx, await this.deps.book.reject(tx, locked, reason, actor));
    });
  }

  /** Each id in its own transaction: one that cannot be executed or rejected does not stop the others. */
  async bulk(
    actor: Actor,
    input: {
      action: 'execute' | 'reject';
      ids: string[];
      reasonCode?: string | undefined;
      note?: string | null | undefined;
    },
  ) {
    const results = [];
    const own: IdempotentCommit = (fn) => this.db.transaction(fn);
    for (const id of [...new Set(input.ids)]) {
      try {
        const view =
          input.action === 'execute'
            ? await this.execute(actor, id, own)
            : await this.reject(actor, id, { reasonCode: input.reasonCode!, note: input.note ?? null }, own);
        results.push({ id, ok: true, status: view.status, code: null, message: null });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ id, ok: false, status: null, code: err.code, message: err.message });
      }
    }
    return { results };
  }

  /**
   * Money put on an account outside the request flow (the demo seed's opening balances): booked as an
   * executed deposit on `systemId` with an `adjustment` ledger entry under the platform operation
   * `opId`, then posted, so the ledger and the platform agree and reconciliation finds nothing. Not
   * the client's deposit: FTD and net deposits are left alone. `amount` is minor units of the account.
   */
  async recordOpeningBalance(input: {
    clientId: string;
    login: string;
    systemId: string;
    currency: string;
    amount: number;
    opId: string;
    comment: string;
  }): Promise<void> {
    const now = this.deps.clock.now();
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(paymentRequests)
        .values({
          id,
          direction: 'deposit',
          clientId: input.clientId,
          login: input.login,
          systemId: input.systemId,
          status: 'executed',
          amount: input.amount,
          currency: input.currency,
          accountCurrency: input.currency,
          accountAmount: input.amount,
          reference: input.comment,
          requestedBy: 'system',
          platformOpId: input.opId,
          createdAt: now,
          updatedAt: now,
          executedAt: now,
        })
        .returning();
      await appendLedger(tx, {
        request: row!,
        entry: 'adjustment',
        amount: input.amount,
        actor: null,
        posting: { opId: input.opId, kind: 'deposit', comment: input.comment },
        at: now,
      });
    });
    await this.deps.posting.postRequest(id);
  }

  /** The request as finance sees it, read in the transaction (the answer a repeat replays). */
  private async viewIn(tx: Executor, row: RequestRow): Promise<PaymentRequestView> {
    const [view] = await requestViews(tx, [row], this.deps.clock.now());
    return view!;
  }

  async view(id: string): Promise<PaymentRequestView> {
    const [view] = await requestViews(this.db, [await readRequest(this.db, id)], this.deps.clock.now());
    return view!;
  }
}
