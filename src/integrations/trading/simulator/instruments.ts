/** A tradable symbol as the simulator quotes it (one price, no spread). */
export interface Instrument {
  symbol: string;
  /** Currency the price is quoted in: profit and margin are computed in it, then converted. */
  quote: string;
  /** Units per lot. */
  contractSize: number;
  /** Decimals of the price. */
  digits: number;
  startPrice: number;
  /** Standard deviation of one tick's relative move (0.0001 = 0.01 %). Lively on purpose: it is a demo. */
  volatility: number;
}

export const INSTRUMENTS: readonly Instrument[] = [
  {
    symbol: 'EURUSD',
    quote: 'USD',
    contractSize: 100_000,
    digits: 5,
    startPrice: 1.085,
    volatility: 0.00012,
  },
  { symbol: 'GBPUSD', quote: 'USD', contractSize: 100_000, digits: 5, startPrice: 1.27, volatility: 0.00015 },
  { symbol: 'USDJPY', quote: 'JPY', contractSize: 100_000, digits: 3, startPrice: 150, volatility: 0.00012 },
  { symbol: 'XAUUSD', quote: 'USD', contractSize: 100, digits: 2, startPrice: 2350, volatility: 0.00025 },
  { symbol: 'BTCUSD', quote: 'USD', contractSize: 1, digits: 2, startPrice: 65_000, volatility: 0.0006 },
  { symbol: 'US500', quote: 'USD', contractSize: 1, digits: 2, startPrice: 5200, volatility: 0.0002 },
];

/**
 * Units of each currency per US dollar. Account currencies other than USD convert at these fixed
 * rates (a simulator needs plausible numbers, not a live FX feed); JPY follows the live USDJPY price.
 */
export const FIXED_RATES: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  IDR: 16_000,
  RUB: 90,
  JPY: 150,
};
