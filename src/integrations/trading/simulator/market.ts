import { badRequest } from '../../../core/errors.js';
import { FIXED_RATES, INSTRUMENTS, type Instrument } from './instruments.js';
import { gaussian, mulberry32, type Rng } from './random.js';
import type { Rates } from './account-math.js';

/** Pull towards the starting price per tick, so a long-running demo does not wander off to absurd prices. */
const MEAN_REVERSION = 0.002;

/**
 * The simulator's price feed: one price per instrument moving as a seeded random walk. The server calls
 * `tick()` on its timer; tests and the demo move prices by hand with `setPrice`/`movePrice`.
 */
export class Market {
  private readonly bySymbol = new Map<string, Instrument>();
  private readonly current = new Map<string, number>();
  private readonly rng: Rng;

  constructor(opts: { seed?: number; instruments?: readonly Instrument[] } = {}) {
    this.rng = mulberry32(opts.seed ?? 1);
    for (const i of opts.instruments ?? INSTRUMENTS) {
      this.bySymbol.set(i.symbol, i);
      this.current.set(i.symbol, i.startPrice);
    }
  }

  get symbols(): string[] {
    return [...this.bySymbol.keys()];
  }

  instrument(symbol: string): Instrument {
    const i = this.bySymbol.get(symbol);
    if (!i) throw badRequest('unknown_symbol', `No instrument ${symbol}`, 'symbol');
    return i;
  }

  price(symbol: string): number {
    this.instrument(symbol);
    return this.current.get(symbol)!;
  }

  prices(): Record<string, number> {
    return Object.fromEntries(this.current);
  }

  /** Units per US dollar for conversions; JPY follows the USDJPY price when it is quoted. */
  rates(): Rates {
    const jpy = this.current.get('USDJPY');
    return jpy ? { ...FIXED_RATES, JPY: jpy } : FIXED_RATES;
  }

  setPrice(symbol: string, price: number): number {
    const i = this.instrument(symbol);
    if (!(price > 0) || !Number.isFinite(price)) throw badRequest('bad_price', 'A price must be positive');
    const rounded = roundTo(price, i.digits);
    this.current.set(symbol, rounded);
    return rounded;
  }

  /** Moves one price by a percentage (−5 = five percent down). */
  movePrice(symbol: string, percent: number): number {
    return this.setPrice(symbol, this.price(symbol) * (1 + percent / 100));
  }

  /** Advances every price by one random step. */
  tick(): void {
    for (const i of this.bySymbol.values()) {
      const price = this.current.get(i.symbol)!;
      const pull = -MEAN_REVERSION * Math.log(price / i.startPrice);
      const next = price * Math.exp(pull + i.volatility * gaussian(this.rng));
      this.current.set(i.symbol, Math.max(roundTo(next, i.digits), 10 ** -i.digits));
    }
  }

  /** Restores prices saved before a restart; unknown symbols and nonsense values are ignored. */
  restore(prices: Record<string, unknown>): void {
    for (const [symbol, price] of Object.entries(prices)) {
      if (this.bySymbol.has(symbol) && typeof price === 'number' && price > 0 && Number.isFinite(price))
        this.current.set(symbol, price);
    }
  }
}

const roundTo = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
