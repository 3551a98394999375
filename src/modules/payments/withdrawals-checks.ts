import { eq } from 'drizzle-orm';
import { AppError, badRequest, conflict, notFound } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import { toDecimal } from '../../shared/payments.js';
import { clientVerified, type ClientRef } from '../clients/index.js';
import { accountByLogin, type PaymentAccount, type TradingPlatform } from '../trading/index.js';
import { paymentSystems } from './schema.js';
import type { SystemRow } from './withdrawals-records.js';

// The checks a withdrawal request passes before anything is held: the account is the trader's and
// live, the system pays out in its currency and country within its limits, the client is verified,
// and the platform's free margin covers the amount.

export interface WithdrawalInput {
  login: string;
  systemId: string;
  /** Minor units of the account currency. */
  amount: number;
  details: Record<string, string>;
}

/** The trader's own live account (another's or an unknown login is "not found"). */
export async function ownLiveAccount(
  db: Executor,
  platform: string,
  clientId: string,
  login: string,
): Promise<PaymentAccount> {
  const account = await accountByLogin(db, platform, login);
  if (!account || account.clientId !== clientId) throw notFound('Account');
  if (account.kind !== 'live')
    throw badRequest('demo_account', 'Withdrawals are made from live accounts only', 'login');
  return account;
}

/** The system, if it pays out to this client in this currency and the amount is within its limits. */
export async function payoutSystem(
  db: Executor,
  input: WithdrawalInput,
  account: PaymentAccount,
  client: Pick<ClientRef, 'country'>,
): Promise<SystemRow> {
  const [system] = await db
    .select()
    .from(paymentSystems)
    .where(eq(paymentSystems.id, input.systemId))
    .limit(1);
  const offered =
    system &&
    system.enabled &&
    system.directions.includes('withdrawal') &&
    (system.countries.length === 0 || (client.country !== null && system.countries.includes(client.country)));
  if (!system || !offered)
    throw badRequest('unknown_system', 'This payment system does not pay out to you', 'systemId');
  if (!system.currencies.includes(account.currency))
    throw badRequest(
      'currency_not_supported',
      `${system.name} does not pay out in ${account.currency}`,
      'systemId',
    );
  const shown = (v: number) => `${toDecimal(v, account.currency).toFixed(2)} ${account.currency}`;
  if (input.amount < Math.max(system.minAmount, 1))
    throw badRequest(
      'amount_below_minimum',
      `The minimum is ${shown(Math.max(system.minAmount, 1))}`,
      'amount',
    );
  if (system.maxAmount !== null && input.amount > system.maxAmount)
    throw badRequest('amount_above_maximum', `The maximum is ${shown(system.maxAmount)}`, 'amount');
  if (feeOf(system, input.amount) >= input.amount)
    throw badRequest('amount_below_fee', 'The amount does not cover the fee', 'amount');
  return system;
}

/** The system's fee on an amount: basis points plus the fixed part, in minor units (rounded up). */
export const feeOf = (system: Pick<SystemRow, 'feePercent' | 'feeFixed'>, amount: number) =>
  Math.ceil((amount * system.feePercent) / 10_000) + system.feeFixed;

/** Compliance's flag: an unverified client may not withdraw. */
export async function assertVerified(db: Executor, clientId: string): Promise<void> {
  if (!(await clientVerified(db, clientId)))
    throw new AppError(
      403,
      'client_not_verified',
      'Your identity is not verified yet; withdrawals open once compliance has checked your documents',
    );
}

/** The platform's free margin (decimal units) covers the amount, or 409 with what is free. */
export async function assertFreeMargin(
  platform: Pick<TradingPlatform, 'readAccount'>,
  account: PaymentAccount,
  amount: number,
): Promise<void> {
  const state = await platform.readAccount(account.login);
  const wanted = toDecimal(amount, account.currency);
  if (wanted > state.freeMargin)
    throw conflict(
      'insufficient_free_margin',
      `The free margin is ${state.freeMargin.toFixed(2)} ${account.currency}; close positions or ask for less`,
      'amount',
      { freeMargin: state.freeMargin },
    );
}
