import { describe, expect, it } from 'vitest';
import { historyKey, parseRows } from './account.js';

const stored = (login: string, extra: Record<string, unknown> = {}) => ({
  login,
  state: {
    v: 1,
    login,
    kind: 'live',
    currency: 'USD',
    leverage: 100,
    name: 'T',
    clientId: 'c',
    server: 'BrokerDesk-Live',
    createdAt: '2026-03-02T10:00:00.000Z',
    balance: 0,
    credit: 0,
    seq: 0,
    ticket: 0,
    online: false,
    onlineSince: null,
    inMarginCall: false,
    positions: [],
    outbox: [],
    ...extra,
  },
});
const history = (login: string, opIds: string[]) => ({
  login: historyKey(login),
  state: { v: 1, deals: [], opIds },
});

describe('stored simulator accounts', () => {
  it('keep the simulated-trader mark; rows from before it are marked by the demo seed’s deposit only', () => {
    const rows = [
      stored('1000001', { simulatedTrader: true }),
      stored('1000002', { simulatedTrader: false }),
      stored('1000003'),
      history('1000003', ['demo-deposit-1000003']),
      stored('1000004'),
      history('1000004', ['op-1']),
    ];
    const marks = parseRows(rows, () => {
      throw new Error('unexpected bad row');
    }).map((r) => [r.account.login, r.account.simulatedTrader]);
    expect(marks).toEqual([
      ['1000001', true],
      ['1000002', false],
      ['1000003', true],
      ['1000004', false],
    ]);
  });
});
