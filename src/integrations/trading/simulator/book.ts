import type { Clock } from '../../../core/clock.js';
import type { AccountKind, AccountState, PlatformEvent } from '../../../modules/trading/index.js';
import type { SimAccount } from './account.js';
import type { EventOutbox } from './outbox.js';

/** An event as its producer writes it: the book adds the id, account, sequence number and time. */
export type EventBody<E = PlatformEvent> = E extends PlatformEvent
  ? Omit<E, 'id' | 'account' | 'seq' | 'at'>
  : never;

/** What the simulator remembers about an account only while running (throttling, heartbeat). */
export interface Runtime {
  /** The last account state reported, and when (clock ms). */
  state?: AccountState;
  stateAt: number;
  /** The last update reported per open position. */
  positions: Map<string, { profit: number; price: number; at: number }>;
  lastEventAt: number;
}

const LOGIN_BASE: Record<AccountKind, number> = { demo: 5_000_000, live: 1_000_000 };

/**
 * The simulator's accounts in memory: their runtime (throttling, heartbeat), the marks of what must be
 * saved, and the event stream — every event of an account gets the next sequence number and goes to the
 * outbox.
 */
export class AccountBook {
  readonly accounts = new Map<string, SimAccount>();
  /** Accounts whose row (state and pending events) must be written. */
  readonly dirty = new Set<string>();
  /** Accounts whose history row (deals, operation ids) must be written. */
  readonly historyDirty = new Set<string>();
  /** The prices must be written. */
  marketDirty = false;
  private readonly runtime = new Map<string, Runtime>();
  private readonly lastLogin = new Map<AccountKind, number>();

  constructor(
    private readonly clock: Clock,
    private readonly outbox: EventOutbox,
  ) {}

  /** Takes in an account (loaded or just opened); its login is never handed out again. */
  add(acc: SimAccount): void {
    this.accounts.set(acc.login, acc);
    this.runtime.set(acc.login, this.freshRuntime());
    const n = Number(acc.login);
    if (n > (this.lastLogin.get(acc.kind) ?? 0)) this.lastLogin.set(acc.kind, n);
  }

  /** The next login of this kind: after the highest one ever taken in (or the kind's base). */
  nextLogin(kind: AccountKind): string {
    const number = (this.lastLogin.get(kind) ?? LOGIN_BASE[kind]) + 1;
    this.lastLogin.set(kind, number);
    return String(number);
  }

  emit(acc: SimAccount, body: EventBody): void {
    acc.seq += 1;
    const event = {
      ...body,
      id: `${acc.login}-${acc.seq}`,
      account: acc.login,
      seq: acc.seq,
      at: this.clock.now().toISOString(),
    } as PlatformEvent;
    this.outbox.push(event);
    this.dirty.add(acc.login);
    this.rt(acc).lastEventAt = this.nowMs();
  }

  rt(acc: SimAccount): Runtime {
    let rt = this.runtime.get(acc.login);
    if (!rt) this.runtime.set(acc.login, (rt = this.freshRuntime()));
    return rt;
  }

  /** Drops every account and mark (the outbox is the caller's). */
  clear(): void {
    this.accounts.clear();
    this.runtime.clear();
    this.lastLogin.clear();
    this.dirty.clear();
    this.historyDirty.clear();
    this.marketDirty = false;
  }

  nowMs(): number {
    return this.clock.now().getTime();
  }

  private freshRuntime(): Runtime {
    return { stateAt: -Infinity, positions: new Map(), lastEventAt: this.nowMs() };
  }
}
