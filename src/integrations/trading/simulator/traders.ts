import { systemClock, type Clock } from '../../../core/clock.js';
import { consoleLog, type SimLog } from './outbox.js';
import { mulberry32, pick, randomInt, type Rng } from './random.js';
import type { SimulatedTradingServer } from './sim-server.js';

export interface TradersOptions {
  /** The server's clock, so sessions last in the same time the platform reports. */
  clock?: Clock;
  seed?: number;
  /** How often the bots act (default 3,000 ms). */
  roundMs?: number;
  /** Sessions open at the same time, at most (default 25). */
  maxOnline?: number;
  /** Share of sessions that put most of the free margin at risk (default 0.2). */
  overLeverageShare?: number;
  log?: SimLog;
}

interface Session {
  until: number;
  overLeverage: boolean;
  /** How many positions this trader likes to hold. */
  appetite: number;
}

const MINUTE = 60_000;

/**
 * Simulated traders who make the demo alive: they trade only the accounts handed to them
 * (`assignToSimulatedTraders`, done by the demo seed). Every round a few of those log in for 1–10 minutes,
 * open and close one to three positions with random volumes, and log out. Some of them over-leverage,
 * so margin calls and low-equity moments happen now and then. Reproducible from the seed.
 */
export class SimulatedTraders {
  private readonly rng: Rng;
  private readonly clock: Clock;
  private readonly sessions = new Map<string, Session>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly server: SimulatedTradingServer,
    private readonly opts: TradersOptions = {},
  ) {
    this.rng = mulberry32(opts.seed ?? 7);
    this.clock = opts.clock ?? systemClock;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.round();
      } catch (err) {
        (this.opts.log ?? consoleLog).warn({ err }, 'simulated traders failed a round');
      }
    }, this.opts.roundMs ?? 3_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round of decisions (the timer calls it; tests call it directly). */
  round(): void {
    // The simulator runs on another instance: its bots trade there.
    if (!this.server.leading) {
      this.sessions.clear();
      return;
    }
    const now = this.clock.now().getTime();
    // Only the accounts handed to them (the demo seed's): never one a person opened, online or not.
    const logins = this.server.simulatedTraderLogins();
    for (const login of logins) {
      // Sessions that were open before a restart are adopted, so they end some day.
      if (this.server.account(login)?.online && !this.sessions.has(login)) this.begin(login, now);
    }
    for (const [login, s] of this.sessions) {
      if (s.until <= now) this.end(login);
      else this.trade(login, s);
    }
    const room = (this.opts.maxOnline ?? 25) - this.sessions.size;
    const offline = logins.filter((l) => {
      const a = this.server.account(l);
      return a && !a.online && a.equity > 0;
    });
    for (let n = Math.min(room, randomInt(this.rng, 0, 2)); n > 0 && offline.length; n--) {
      const login = offline.splice(Math.floor(this.rng() * offline.length), 1)[0]!;
      this.server.login(login, `203.0.113.${randomInt(this.rng, 1, 254)}`);
      this.begin(login, now);
    }
  }

  private begin(login: string, now: number): void {
    this.sessions.set(login, {
      until: now + randomInt(this.rng, 1, 10) * MINUTE,
      overLeverage: this.rng() < (this.opts.overLeverageShare ?? 0.2),
      appetite: randomInt(this.rng, 1, 3),
    });
  }

  private end(login: string): void {
    this.sessions.delete(login);
    const acc = this.server.account(login);
    if (!acc) return;
    // Some positions are left open over the logout, so equity keeps moving while nobody watches.
    for (const p of acc.positions) if (this.rng() < 0.5) this.server.closePosition(login, p.id);
    this.server.logout(login);
  }

  private trade(login: string, s: Session): void {
    const acc = this.server.account(login);
    if (!acc || !acc.online) {
      this.sessions.delete(login);
      return;
    }
    // A few trades per session, not one every round.
    const r = this.rng();
    if (acc.positions.length < s.appetite && r < 0.06) this.open(login, s, acc.freeMargin);
    else if (acc.positions.length && r > 0.97)
      this.server.closePosition(login, pick(this.rng, acc.positions).id);
  }

  private open(login: string, s: Session, freeMargin: number): void {
    if (freeMargin <= 0) return;
    const symbol = pick(this.rng, this.server.market.symbols);
    // Careful traders risk a few percent of the free margin; over-leveraged ones most of it.
    const share = s.overLeverage ? 0.45 + this.rng() * 0.4 : 0.03 + this.rng() * 0.12;
    const perLot = this.server.marginFor(login, symbol, 1);
    const volume = Math.min(100, Math.floor((share * freeMargin) / perLot / 0.01) / 100);
    if (volume < 0.01) return;
    try {
      this.server.openPosition(login, { symbol, side: this.rng() < 0.5 ? 'buy' : 'sell', volume });
    } catch {
      // Not enough money after rounding: this trader simply does not trade this round.
    }
  }
}
