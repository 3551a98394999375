import { and, eq, inArray, sum } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { conflict } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import { recordClientPayment } from '../clients/index.js';
import { appendLedger, opIds } from './ledger.js';
import { queuePaymentMail } from './mails.js';
import { appendPaymentEvent, forgetClients } from './payment-events.js';
import { clearProblem, markProblem } from './problems.js';
import { lockRequest, patchRequest, transition, type RequestRow } from './requests.js';
import { paymentLedger } from './schema.js';
import { convert, type PaymentSettings } from './settings.js';

export interface DepositBookDeps {
  clock: Clock;
  settings: PaymentSettings;
  mailer: Pick<Mailer, 'queue'>;
  baseUrl: string;
}

/** Who changes a deposit: finance (an Actor with a staff id) or the system (a provider callback, null). */
export type MoneyActor = Actor | null;

const actorText = (a: MoneyActor) => a?.id ?? null;

/**
 * The money side of deposits, inside the caller's transaction (finance actions and provider callbacks
 * both end here): crediting, reversing (refund, chargeback), rejecting, holding for review. Each writes
 * the state transition, the ledger entry with its queued platform posting, the client's figures
 * through the clients face, the events and the trader's mail — all or nothing. The platform posting
 * itself happens after commit (PlatformPosting).
 */
export class DepositBook {
  constructor(private readonly deps: DepositBookDeps) {}

  /**
   * Credits a locked deposit with `paid` (minor units of the request currency; the provider's amount or
   * the request's): converted to the account currency at finance's rate, less the fee. Then applies
   * refunds or chargebacks the provider reported before the success (out-of-order callbacks).
   */
  async credit(tx: Executor, row: RequestRow, paid: number, actor: MoneyActor): Promise<RequestRow> {
    const now = this.deps.clock.now();
    const settings = await this.deps.settings.get(tx);
    const net = Math.max(0, paid - row.fee);
    const inAccount = await convert(tx, net, row.currency, row.accountCurrency);
    const opId = opIds.deposit(row.id);
    let updated = await transition(
      tx,
      row,
      'executed',
      {
        accountAmount: inAccount.amount,
        rate: inAccount.rate,
        providerAmount: paid !== row.amount ? paid : row.providerAmount,
        executedBy: actor?.id ?? null,
        executedAt: now,
        platformOpId: opId,
      },
      now,
    );
    await appendLedger(tx, {
      request: updated,
      entry: 'deposit',
      amount: inAccount.amount,
      fee: row.fee,
      actor: actorText(actor),
      posting: { opId, kind: 'deposit', comment: `Deposit ${row.reference ?? row.id}` },
      at: now,
    });
    const base = await convert(tx, net, row.currency, settings.baseCurrency);
    const { ftd } = await recordClientPayment(tx, {
      clientId: row.clientId,
      kind: 'deposit',
      baseAmount: base.amount,
      at: now,
    });
    forgetClients(tx); // an FTD may have handed the client to another manager
    await appendPaymentEvent(
      tx,
      'payment.executed',
      updated,
      { accountAmount: inAccount.amount, rate: inAccount.rate, baseAmount: base.amount },
      { actor },
    );
    if (ftd)
      await appendPaymentEvent(
        tx,
        'payment.ftd',
        updated,
        { baseAmount: base.amount },
        { actor, notifyManager: true, withTeamLead: true },
      );
    updated = await clearProblem(tx, updated, now);
    await queuePaymentMail(tx, this.deps.mailer, this.deps.baseUrl, 'executed', updated);
    for (const r of updated.pendingReversals)
      updated = await this.reverse(tx, updated, r.kind, r.amount, null, r.eventId);
    if (updated.pendingReversals.length)
      updated = await patchRequest(tx, updated.id, { pendingReversals: [] }, now);
    return updated;
  }

  /**
   * A refund or chargeback of `amount` (request currency). Before the deposit was credited it is kept
   * on the request and applied by `credit`; after, the matching share of what was credited is taken
   * back (never more than is left), so refund, chargeback and success converge in any order.
   */
  async reverse(
    tx: Executor,
    row: RequestRow,
    kind: 'refund' | 'chargeback',
    amount: number,
    actor: MoneyActor,
    eventId = '',
  ): Promise<RequestRow> {
    const now = this.deps.clock.now();
    if (row.status !== 'executed' && row.status !== 'refunded') {
      // Kept once per provider event (several partial refunds may come before the success).
      const known = row.pendingReversals.some(
        (p) => p.kind === kind && (kind === 'chargeback' || p.eventId === eventId),
      );
      if (row.status === 'charged_back' || known) return row;
      return patchRequest(
        tx,
        row.id,
        { pendingReversals: [...row.pendingReversals, { kind, amount, eventId }] },
        now,
      );
    }
    const to = kind === 'refund' ? 'refunded' : 'charged_back';
    const credited = row.accountAmount ?? 0;
    const reversed = row.status === 'refunded' ? await this.reversedSoFar(tx, row) : 0;
    const paid = row.providerAmount ?? row.amount;
    const share = paid > 0 ? Math.round((credited * Math.min(amount, paid)) / paid) : 0;
    const debit = Math.min(share, credited - reversed);
    // A further partial refund takes back its share, never more than was credited; once all is
    // refunded another refund changes nothing.
    if (row.status === 'refunded' && kind === 'refund' && debit <= 0) return row;
    const updated = await transition(tx, row, to, {}, now);
    let baseAmount = 0;
    if (debit > 0) {
      await appendLedger(tx, {
        request: updated,
        entry: kind,
        amount: -debit,
        actor: actorText(actor),
        posting: {
          opId: kind === 'refund' ? opIds.refund(row.id, eventId) : opIds.chargeback(row.id),
          // A correction, not a withdrawal: the money is gone whatever the free margin (a withdrawal
          // would be refused when it is short, and retried for ever).
          kind: 'correction',
          comment: `${kind === 'refund' ? 'Refund' : 'Chargeback'} of deposit ${row.reference ?? row.id}`,
        },
        at: now,
      });
      const settings = await this.deps.settings.get(tx);
      const base = await convert(tx, debit, row.accountCurrency, settings.baseCurrency);
      await recordClientPayment(tx, { clientId: row.clientId, kind, baseAmount: base.amount, at: now });
      forgetClients(tx);
      baseAmount = base.amount;
    }
    await appendPaymentEvent(
      tx,
      kind === 'refund' ? 'payment.refunded' : 'payment.charged_back',
      updated,
      { accountAmount: debit, baseAmount },
      { actor, notifyManager: kind === 'chargeback' },
    );
    await queuePaymentMail(tx, this.deps.mailer, this.deps.baseUrl, to, updated);
    return updated;
  }

  private async reversedSoFar(tx: Executor, row: RequestRow): Promise<number> {
    const [r] = await tx
      .select({ total: sum(paymentLedger.amount) })
      .from(paymentLedger)
      .where(
        and(eq(paymentLedger.requestId, row.id), inArray(paymentLedger.entry, ['refund', 'chargeback'])),
      );
    return -Number(r?.total ?? 0);
  }

  /** Finance (or the provider, for a decline) ends a deposit without money: the reason goes to the trader. */
  async reject(
    tx: Executor,
    row: RequestRow,
    reason: { code: string; label: string; note: string | null },
    actor: MoneyActor,
    status: 'rejected' | 'declined' = 'rejected',
  ): Promise<RequestRow> {
    const now = this.deps.clock.now();
    let updated = await transition(
      tx,
      row,
      status,
      { rejectReasonCode: reason.code, rejectNote: reason.note, executedBy: actor?.id ?? null },
      now,
    );
    await appendPaymentEvent(
      tx,
      'payment.rejected',
      updated,
      { reasonCode: reason.code, note: reason.note },
      { actor },
    );
    if (status === 'declined') {
      const problem = reason.code === 'insufficient_funds' ? 'insufficient_funds' : 'declined';
      updated = await markProblem(tx, updated, problem, now);
    } else updated = await clearProblem(tx, updated, now);
    await queuePaymentMail(
      tx,
      this.deps.mailer,
      this.deps.baseUrl,
      status,
      updated,
      reason.label + (reason.note ? ` — ${reason.note}` : ''),
    );
    return updated;
  }

  /**
   * The provider paid a different amount, in another currency, or after finance rejected the request:
   * finance must confirm (or reject) before anything is credited. Another currency's amount is not the
   * request's, so confirming it needs the amount to credit (deposit-service `confirm`).
   */
  async holdForReview(
    tx: Executor,
    row: RequestRow,
    paid: number,
    currency = row.currency,
  ): Promise<RequestRow> {
    const now = this.deps.clock.now();
    const otherCurrency = currency !== row.currency;
    const afterRejection = row.status === 'rejected';
    const notes = [
      afterRejection
        ? `Paid by the provider after rejection (${row.rejectReasonCode}${row.rejectNote ? `: ${row.rejectNote}` : ''})`
        : null,
      otherCurrency ? `Provider paid ${paid} in ${currency}` : null,
    ].filter(Boolean);
    const held = await transition(
      tx,
      row,
      'needs_review',
      {
        providerAmount: paid,
        ...(notes.length ? { rejectNote: notes.join('; ') } : {}),
        ...(afterRejection ? { rejectReasonCode: null } : {}),
      },
      now,
    );
    const problem = otherCurrency
      ? 'currency_mismatch'
      : afterRejection
        ? 'paid_after_rejection'
        : 'amount_mismatch';
    return markProblem(tx, held, problem, now);
  }
}

/** Locks a deposit and checks it is one (a withdrawal id on a deposit route is a 409, not a credit). */
export async function lockDeposit(tx: Executor, id: string): Promise<RequestRow> {
  const row = await lockRequest(tx, id);
  if (row.direction !== 'deposit')
    throw conflict('not_a_deposit', 'This request is a withdrawal; use the withdrawal actions', 'id');
  return row;
}
