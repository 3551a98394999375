import type { Clock } from '../../../core/clock.js';
import type { SessionLock } from '../../../db/connection.js';
import type { AccountSnapshot, PlatformPosition } from '../../../modules/trading/index.js';
import type { Side } from './account-math.js';
import type { Instrument } from './instruments.js';
import type { SimLog } from './outbox.js';

export interface SimulatorOptions {
  /** Event times, throttling and heartbeats follow it; tests pass a ManualClock. */
  clock?: Clock;
  /** Seeds the price feed. */
  seed?: number;
  instruments?: readonly Instrument[];
  /** Price feed step (default 1,000 ms). */
  tickMs?: number;
  /** How often pending events are pushed to the subscriber (default 250 ms). */
  flushMs?: number;
  /** How often changed accounts are written (default 1,000 ms). */
  saveMs?: number;
  /** At most one price-driven account state and position update per account in this window (default 2,000 ms). */
  stateIntervalMs?: number;
  /** "Still logged in" after this long without any other event (default 60,000 ms). */
  heartbeatMs?: number;
  marginCallLevel?: number;
  stopOutLevel?: number;
  /** Virtual money on a new demo account, in US dollars' worth of the account currency (default 10,000). */
  demoDeposit?: number;
  /** Events per pushed batch (default 1,000). */
  batchSize?: number;
  unknownRetryMs?: number;
  unknownGiveUpMs?: number;
  /** Milliseconds for delivery retries; real elapsed time by default. */
  deliveryNow?: () => number;
  log?: SimLog;
  /**
   * For several instances on one database: the simulator runs only while this instance holds the lock
   * this returns (null = another instance holds it). Without it the simulator always runs.
   */
  lock?: () => Promise<SessionLock | null>;
  /** How often an instance without the lock tries to take it (default 10,000 ms). */
  lockRetryMs?: number;
}

/** The advisory lock key of the simulator's single running instance. */
export const SIMULATOR_LOCK_KEY = 7_280_010;

export interface OpenPositionRequest {
  symbol: string;
  side: Side;
  volume: number;
  stopLoss?: number | null;
  takeProfit?: number | null;
}

/** A quick synchronous look at an account (bots and tests). */
export interface SimAccountInfo extends AccountSnapshot {
  clientId: string;
  positions: PlatformPosition[];
  /** Traded by the simulated traders (the demo seed's accounts only). */
  simulatedTrader: boolean;
}
