import { isDeepStrictEqual } from 'node:util';
import { ManualClock } from '../../../core/clock.js';
import {
  type IngestResult,
  type PlatformEvent,
  platformEventSchema,
} from '../../../modules/trading/index.js';
import { SimulatedTradingServer, type SimulatorOptions } from './sim-server.js';
import { MemorySimStorage } from './store.js';

// Shared by the simulator's tests (sim-server.test.ts, sim-events.test.ts).

export const accepted = (batch: PlatformEvent[], unknownAccounts: string[] = []): IngestResult => ({
  accepted: batch.length,
  duplicates: 0,
  unknownAccounts,
  gaps: [],
});

/** A simulator on memory storage with a manual clock and a manual delivery clock. */
export async function setup(opts: SimulatorOptions & { storage?: MemorySimStorage } = {}) {
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  const delivery = { t: 0 };
  const warnings: string[] = [];
  const storage = opts.storage ?? new MemorySimStorage();
  const sim = new SimulatedTradingServer(storage, {
    clock,
    seed: 42,
    deliveryNow: () => delivery.t,
    log: { warn: (_obj, msg) => warnings.push(msg) },
    ...opts,
  });
  await sim.load();
  return { sim, clock, delivery, warnings, storage };
}

/** Subscribes a consumer that acknowledges everything and records what arrived. */
export function record(sim: SimulatedTradingServer) {
  const received: PlatformEvent[] = [];
  const batches: number[] = [];
  sim.subscribe(async (batch) => {
    batches.push(batch.length);
    received.push(...batch);
    return accepted(batch);
  });
  return { received, batches };
}

export const open = (sim: SimulatedTradingServer, kind: 'demo' | 'live' = 'demo', currency = 'USD') =>
  sim.openAccount({ clientId: 'c1', name: 'Trader', email: null, kind, currency, leverage: 100 });

/**
 * Every event parses with the wire schema (and loses nothing in parsing), and each account's sequence
 * runs 1, 2, 3… without a hole; throws a list of what is wrong otherwise.
 */
export function expectCleanStream(events: PlatformEvent[]): void {
  const last = new Map<string, number>();
  const faults: string[] = [];
  for (const e of events) {
    if (!isDeepStrictEqual(platformEventSchema.parse(e), e)) faults.push(`${e.id}: changed by parsing`);
    if (e.id !== `${e.account}-${e.seq}`) faults.push(`${e.id}: id is not ${e.account}-${e.seq}`);
    const expected = (last.get(e.account) ?? 0) + 1;
    if (e.seq !== expected) faults.push(`${e.id}: seq ${e.seq}, expected ${expected}`);
    last.set(e.account, e.seq);
  }
  if (faults.length) throw new Error(`unclean event stream:\n${faults.join('\n')}`);
}

export const types = (events: PlatformEvent[], account?: string) =>
  events.filter((e) => !account || e.account === account).map((e) => e.type);
