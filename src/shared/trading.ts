/**
 * Trading value lists, shared by the server (src/modules/trading) and the web app
 * (web/src/api/tradingTypes.ts); the Zod schemas of the module's contracts derive their enums from them.
 * The API's output shapes are the response schemas in src/shared/contracts/trading.ts, re-exported here.
 */

export const ACCOUNT_KINDS = ['demo', 'live'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Which accounts an alert rule watches. */
export const ALERT_RULE_ACCOUNT_KINDS = ['demo', 'live', 'any'] as const;
export type AlertRuleAccountKind = (typeof ALERT_RULE_ACCOUNT_KINDS)[number];

export const BALANCE_OP_KINDS = ['deposit', 'withdrawal', 'credit', 'correction'] as const;
export type BalanceOpKind = (typeof BALANCE_OP_KINDS)[number];

export const ALERT_KINDS = [
  'low_balance',
  'low_equity',
  'margin_call',
  'stop_out',
  'no_trading',
  'large_loss',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What an account may be opened in. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'IDR', 'RUB'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const LEVERAGES = [1, 10, 30, 50, 100, 200, 500] as const;

/** How far back the equity chart reaches. */
export const EQUITY_RANGES = ['1h', '24h', '7d', '30d'] as const;
export type EquityRange = (typeof EQUITY_RANGES)[number];

export const TRADE_SIDES = ['buy', 'sell'] as const;
export type TradeSide = (typeof TRADE_SIDES)[number];
export const DEAL_ENTRIES = ['in', 'out'] as const;
export type DealEntry = (typeof DEAL_ENTRIES)[number];

export type {
  AccountView,
  AlertRuleData,
  AlertRuleParams,
  AlertRuleView,
  AlertView,
  BalanceOpView,
  DealView,
  EquityPoint,
  OnlineClientView,
  OpenedAccountView,
  Page,
  PositionView,
} from './contracts/trading.js';
