import type { AccountState, PlatformEvent } from './platform-events.js';

/**
 * The pure half of ingestion: given the fresh events of one batch (duplicates already dropped) and what
 * we know of each account, decide what to write. Every decision compares sequence numbers, never arrival
 * order, so any interleaving of the same events converges on the same rows (tests/integration/
 * trading-ingest-properties.test.ts checks exactly that).
 */
export interface AccountCursor {
  id: string;
  stateSeq: number;
  presenceSeq: number;
  online: boolean;
  onlineSince: Date | null;
  lastTradeAt: Date | null;
  marginCallAt: Date | null;
  stopOutAt: Date | null;
}

export interface AccountChange {
  state?: { seq: number; at: Date; value: AccountState };
  presence?: { seq: number; online: boolean; since: Date | null };
  lastTradeAt?: Date;
  marginCallAt?: Date;
  stopOutAt?: Date;
  /**
   * A login/heartbeat/logout older than the account's presence arrived late: it cannot change whether
   * the account is online, but it can change when the current session began, which only the inbox knows.
   */
  latePresence?: boolean;
  /** Anything alert rules care about changed. */
  dirty: boolean;
  /** Anything a manager watching the card would see changed. */
  visible: boolean;
}

export interface PositionWrite {
  accountId: string;
  seq: number;
  at: Date;
  position: Extract<PlatformEvent, { type: 'position' }>['position'];
}

export interface ClosedByStopOut {
  accountId: string;
  seq: number;
  at: Date;
  positionIds: string[];
}

export interface DealWrite {
  accountId: string;
  at: Date;
  deal: Extract<PlatformEvent, { type: 'deal' }>['deal'];
}

export interface BalanceOpWrite {
  accountId: string;
  seq: number;
  at: Date;
  op: Extract<PlatformEvent, { type: 'balance' }>['op'];
}

export interface EquityPointWrite {
  accountId: string;
  minute: Date;
  seq: number;
  balance: number;
  equity: number;
}

export interface IngestPlan {
  accounts: Map<string, AccountChange>;
  positions: PositionWrite[];
  stopOutCloses: ClosedByStopOut[];
  deals: DealWrite[];
  balanceOps: BalanceOpWrite[];
  equityPoints: EquityPointWrite[];
  marginCalls: { accountId: string; seq: number; at: Date; state: AccountState }[];
  stopOuts: { accountId: string; seq: number; at: Date; state: AccountState; closedPositions: string[] }[];
}

const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);
const later = (a: Date | null | undefined, b: Date) => (a && a >= b ? a : b);

export function planIngest(
  fresh: (PlatformEvent & { accountId: string })[],
  cursors: ReadonlyMap<string, AccountCursor>,
): IngestPlan {
  const plan: IngestPlan = {
    accounts: new Map(),
    positions: [],
    stopOutCloses: [],
    deals: [],
    balanceOps: [],
    equityPoints: [],
    marginCalls: [],
    stopOuts: [],
  };
  const latestPosition = new Map<string, PositionWrite>();
  const latestPoint = new Map<string, EquityPointWrite>();
  const opsSeen = new Set<string>();
  const change = (accountId: string) => {
    let c = plan.accounts.get(accountId);
    if (!c) plan.accounts.set(accountId, (c = { dirty: false, visible: false }));
    return c;
  };

  for (const e of fresh) {
    const cursor = cursors.get(e.accountId)!;
    const c = change(e.accountId);
    const at = new Date(e.at);
    if ('state' in e) {
      const current = c.state?.seq ?? cursor.stateSeq;
      if (e.seq > current) c.state = { seq: e.seq, at, value: e.state };
      const key = `${e.accountId} ${minuteOf(at).getTime()}`;
      const point = latestPoint.get(key);
      if (!point || point.seq < e.seq)
        latestPoint.set(key, {
          accountId: e.accountId,
          minute: minuteOf(at),
          seq: e.seq,
          balance: e.state.balance,
          equity: e.state.equity,
        });
    }
    switch (e.type) {
      case 'login':
      case 'logout':
      case 'heartbeat': {
        // A heartbeat says "still logged in": after an expiry it brings the session back.
        const current = c.presence?.seq ?? cursor.presenceSeq;
        if (e.seq <= current) {
          c.latePresence = true;
          break;
        }
        const wasOnline = c.presence ? c.presence.online : cursor.online;
        const since = c.presence ? c.presence.since : cursor.onlineSince;
        const online = e.type !== 'logout';
        c.presence = { seq: e.seq, online, since: online ? (wasOnline && since ? since : at) : null };
        break;
      }
      case 'position': {
        const key = `${e.accountId} ${e.position.id}`;
        const prev = latestPosition.get(key);
        if (!prev || prev.seq < e.seq)
          latestPosition.set(key, { accountId: e.accountId, seq: e.seq, at, position: e.position });
        c.dirty = c.visible = true;
        break;
      }
      case 'deal':
        plan.deals.push({ accountId: e.accountId, at, deal: e.deal });
        c.lastTradeAt = later(c.lastTradeAt ?? cursor.lastTradeAt, at);
        c.dirty = c.visible = true;
        break;
      case 'balance': {
        // One operation reported twice (a gateway resending it under a new event id) is still one
        // operation: the first by sequence counts; the database ignores ones recorded earlier.
        const key = `${e.accountId} ${e.op.id}`;
        if (opsSeen.has(key)) break;
        opsSeen.add(key);
        plan.balanceOps.push({ accountId: e.accountId, seq: e.seq, at, op: e.op });
        c.dirty = c.visible = true;
        break;
      }
      case 'margin_call':
        plan.marginCalls.push({ accountId: e.accountId, seq: e.seq, at, state: e.state });
        c.marginCallAt = later(c.marginCallAt ?? cursor.marginCallAt, at);
        c.dirty = c.visible = true;
        break;
      case 'stop_out':
        plan.stopOuts.push({
          accountId: e.accountId,
          seq: e.seq,
          at,
          state: e.state,
          closedPositions: e.closedPositions,
        });
        if (e.closedPositions.length)
          plan.stopOutCloses.push({ accountId: e.accountId, seq: e.seq, at, positionIds: e.closedPositions });
        c.stopOutAt = later(c.stopOutAt ?? cursor.stopOutAt, at);
        c.dirty = c.visible = true;
        break;
      case 'account':
        break;
    }
  }
  for (const c of plan.accounts.values()) if (c.state) c.dirty = c.visible = true;
  plan.positions = [...latestPosition.values()];
  plan.equityPoints = [...latestPoint.values()];
  return plan;
}
