import { z } from 'zod';
import { badRequest } from '../../../core/errors.js';
import { alertRuleInput, type AlertRuleInput } from '../contracts.js';
import type { AlertKind } from '../schema.js';

type ParamKey = keyof AlertRuleInput['params'];

/** Which parameters each kind reads; anything else would be silently ignored, so it is refused. */
const ALLOWED: Record<AlertKind, readonly ParamKey[]> = {
  low_balance: ['amount', 'percentOfDeposits', 'clearPercent'],
  low_equity: ['amount', 'percentOfDeposits', 'clearPercent'],
  margin_call: ['marginLevel', 'clearPercent'],
  stop_out: ['clearPercent'],
  no_trading: ['days', 'clearPercent'],
  large_loss: ['loss', 'clearPercent'],
};

/**
 * The per-kind checks Zod cannot express on the shared params object. Throws a 400 naming the field, so
 * the form can put the message under the right input.
 */
export function assertRuleParams(kind: AlertKind, params: AlertRuleInput['params']): void {
  const given = (Object.keys(params) as ParamKey[]).filter((k) => params[k] !== undefined);
  const extra = given.find((k) => !ALLOWED[kind].includes(k));
  if (extra)
    throw badRequest('invalid_params', `"${extra}" does not apply to a ${kind} rule`, `params.${extra}`);
  switch (kind) {
    case 'low_balance':
    case 'low_equity':
      if ((params.amount === undefined) === (params.percentOfDeposits === undefined))
        throw badRequest(
          'invalid_params',
          'Set either an amount or a percentage of deposits (exactly one)',
          'params.amount',
        );
      return;
    case 'no_trading':
      if (params.days === undefined)
        throw badRequest('invalid_params', 'Set the number of days without trading', 'params.days');
      return;
    case 'large_loss':
      if (params.loss === undefined)
        throw badRequest(
          'invalid_params',
          'Set the loss of a single deal that raises the alert',
          'params.loss',
        );
      return;
    case 'margin_call':
    case 'stop_out':
      return;
  }
}

/**
 * A partial update. Built from the create shape without its defaults: `.partial()` would keep them and
 * turn a PATCH of the name into "and make it live-only and active" as a side effect.
 */
const shape = alertRuleInput.shape;
export const alertRulePatch = z.strictObject({
  kind: shape.kind.optional(),
  name: shape.name.optional(),
  accountKind: shape.accountKind.unwrap().optional(),
  active: shape.active.unwrap().optional(),
  params: shape.params.unwrap().optional(),
});
export type AlertRulePatch = z.infer<typeof alertRulePatch>;
