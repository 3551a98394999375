// Realistic platform events for the ingest benchmark: one stream per account, seq +1 per event, states
// absolute and roughly consistent (equity = balance + floating profit, positions opened by deals). The
// streams are deterministic (a seeded generator and a synthetic clock), so the raw-INSERT baseline can
// write exactly the rows the ingestion API was sent. Not a benchmark itself, so not in bench/run.ts.
import type { PlatformEventInput } from '../src/modules/trading/platform-events.js';

/** mulberry32: small, fast, seedable; good enough to pick event kinds and walk prices. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYMBOLS = ['EURUSD', 'GBPUSD', 'USDJPY', 'XAUUSD', 'BTCUSD', 'US500'];
const PRICES: Record<string, number> = {
  EURUSD: 1.085,
  GBPUSD: 1.27,
  USDJPY: 151.2,
  XAUUSD: 2350,
  BTCUSD: 64000,
  US500: 5200,
};

interface OpenPosition {
  id: string;
  symbol: string;
  side: 'buy' | 'sell';
  volume: number;
  openPrice: number;
  currentPrice: number;
  openedAt: string;
}

/** What the platform knows of one account; the generator's events describe it. */
export class AccountStream {
  seq = 0;
  online = false;
  private balance: number;
  private positions: OpenPosition[] = [];
  private tickets = 0;

  constructor(
    readonly login: string,
    private readonly random: () => number,
  ) {
    this.balance = 1_000 + Math.round(random() * 20_000);
  }

  private base(at: string) {
    this.seq += 1;
    return { id: `${this.login}:${this.seq}`, account: this.login, seq: this.seq, at };
  }

  private profitOf(p: OpenPosition): number {
    const move = (p.currentPrice - p.openPrice) * (p.side === 'buy' ? 1 : -1);
    return Math.round((move / p.openPrice) * p.volume * 100_000 * 100) / 100;
  }

  private state() {
    for (const p of this.positions) p.currentPrice *= 1 + (this.random() - 0.5) * 0.002;
    const floating = this.positions.reduce((sum, p) => sum + this.profitOf(p), 0);
    const margin = Math.round(this.positions.reduce((sum, p) => sum + p.volume * 1_000, 0) * 100) / 100;
    const equity = Math.round((this.balance + floating) * 100) / 100;
    return {
      balance: this.balance,
      credit: 0,
      equity,
      margin,
      freeMargin: Math.round((equity - margin) * 100) / 100,
      marginLevel: margin > 0 ? Math.round((equity / margin) * 10_000) / 100 : null,
    };
  }

  private positionView(p: OpenPosition, closed: boolean) {
    return {
      id: p.id,
      symbol: p.symbol,
      side: p.side,
      volume: p.volume,
      openPrice: p.openPrice,
      currentPrice: Math.round(p.currentPrice * 100_000) / 100_000,
      stopLoss: null,
      takeProfit: null,
      profit: this.profitOf(p),
      swap: 0,
      openedAt: p.openedAt,
      closed,
    };
  }

  account(at: string): PlatformEventInput {
    return { ...this.base(at), type: 'account', state: this.state() };
  }

  /** An update of an open position (or the opening of one when none is open); 1 in 10 closes it. */
  position(at: string): PlatformEventInput {
    if (!this.positions.length) return this.deal(at);
    const p = this.positions[Math.floor(this.random() * this.positions.length)]!;
    p.currentPrice *= 1 + (this.random() - 0.5) * 0.002;
    const closed = this.random() < 0.1;
    if (closed) {
      this.balance = Math.round((this.balance + this.profitOf(p)) * 100) / 100;
      this.positions = this.positions.filter((q) => q !== p);
    }
    return { ...this.base(at), type: 'position', position: this.positionView(p, closed) };
  }

  /** An opening deal (a new position) while fewer than 3 are open, else a closing one. */
  deal(at: string): PlatformEventInput {
    this.tickets += 1;
    const dealId = `${this.login}-d${this.tickets}`;
    if (this.positions.length < 3) {
      const symbol = SYMBOLS[Math.floor(this.random() * SYMBOLS.length)]!;
      const p: OpenPosition = {
        id: `${this.login}-p${this.tickets}`,
        symbol,
        side: this.random() < 0.5 ? 'buy' : 'sell',
        volume: Math.max(0.01, Math.round(this.random() * 100) / 100),
        openPrice: PRICES[symbol]!,
        currentPrice: PRICES[symbol]!,
        openedAt: at,
      };
      this.positions.push(p);
      return {
        ...this.base(at),
        type: 'deal',
        deal: {
          id: dealId,
          positionId: p.id,
          symbol,
          side: p.side,
          entry: 'in',
          volume: p.volume,
          price: p.openPrice,
        },
      };
    }
    const p = this.positions.shift()!;
    const profit = this.profitOf(p);
    this.balance = Math.round((this.balance + profit) * 100) / 100;
    return {
      ...this.base(at),
      type: 'deal',
      deal: {
        id: dealId,
        positionId: p.id,
        symbol: p.symbol,
        side: p.side === 'buy' ? 'sell' : 'buy',
        entry: 'out',
        volume: p.volume,
        price: Math.round(p.currentPrice * 100_000) / 100_000,
        profit,
        commission: -Math.round(p.volume * 700) / 100,
      },
    };
  }

  /** Login when offline; when online mostly a heartbeat, sometimes a logout. */
  presence(at: string, logoutShare = 0.3): PlatformEventInput {
    if (!this.online) return this.logIn(at);
    if (this.random() < logoutShare) return this.logOut(at);
    return { ...this.base(at), type: 'heartbeat' };
  }

  logIn(at: string): PlatformEventInput {
    this.online = true;
    return { ...this.base(at), type: 'login', ip: `10.0.${this.seq % 250}.${(this.seq * 7) % 250}` };
  }

  logOut(at: string): PlatformEventInput {
    this.online = false;
    return { ...this.base(at), type: 'logout' };
  }

  balanceOp(at: string): PlatformEventInput {
    const amount = Math.round(100 + this.random() * 4_900);
    this.balance += amount;
    this.tickets += 1;
    return {
      ...this.base(at),
      type: 'balance',
      op: { id: `${this.login}-b${this.tickets}`, kind: 'deposit', amount, comment: 'Bank transfer' },
      state: this.state(),
    };
  }
}

/** Share of each kind in the throughput load; the rest (after these) are balance operations. */
export interface Mix {
  account: number;
  position: number;
  deal: number;
  /** login, logout, heartbeat */
  presence: number;
}
export const MIX: Mix = { account: 0.56, position: 0.3, deal: 0.08, presence: 0.05 };
/**
 * The same without the kinds that become CRM domain events (logins/logouts flip Online, balance
 * operations go on the timeline), to see what the event log's append costs (BENCH_INGEST_MIX=states).
 */
export const STATES_ONLY_MIX: Mix = { account: 0.6, position: 0.32, deal: 0.08, presence: 0 };

/**
 * One sender's events: accounts `logins` (the sender owns them, so each account's events leave in seq
 * order), `batch` events per batch, kinds drawn by `mix`. `at` follows a synthetic clock (20 events per
 * platform millisecond from `startMs`), so two generators with the same seed give the same events.
 */
export class SenderStream {
  private readonly random: () => number;
  private readonly streams: AccountStream[];
  private n = 0;

  constructor(
    logins: string[],
    seed: number,
    private readonly startMs: number,
    private readonly batch: number,
    private readonly mix: Mix = MIX,
  ) {
    this.random = rng(seed);
    this.streams = logins.map((l, i) => new AccountStream(l, rng(seed * 7919 + i)));
  }

  /** The account streams, to continue them in a later phase. */
  get accounts(): AccountStream[] {
    return this.streams;
  }

  next(): PlatformEventInput[] {
    const out: PlatformEventInput[] = [];
    for (let i = 0; i < this.batch; i++) {
      const s = this.streams[Math.floor(this.random() * this.streams.length)]!;
      const at = new Date(this.startMs + Math.floor(this.n++ / 20)).toISOString();
      const r = this.random();
      const m = this.mix;
      if (r < m.account) out.push(s.account(at));
      else if (r < m.account + m.position) out.push(s.position(at));
      else if (r < m.account + m.position + m.deal || m.presence === 0) out.push(s.deal(at));
      else if (r < m.account + m.position + m.deal + m.presence) out.push(s.presence(at));
      else out.push(s.balanceOp(at));
    }
    return out;
  }
}

/** Sender s of `senders` owns every account whose index ≡ s (mod senders). */
export const loginsOf = (logins: string[], sender: number, senders: number) =>
  logins.filter((_, i) => i % senders === sender);
