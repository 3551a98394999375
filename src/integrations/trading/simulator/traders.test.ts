import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.js';
import { type PlatformEvent, platformEventSchema } from '../../../modules/trading/index.js';
import { SimulatedTradingServer } from './sim-server.js';
import { MemorySimStorage } from './store.js';
import { SimulatedTraders } from './traders.js';

/**
 * Twenty simulated minutes of four funded accounts and their bots, plus (`others`) accounts nobody handed
 * to the bots; returns every event the platform sent and the logins of both groups.
 */
async function run(seed: number, overLeverageShare: number, others = 0) {
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  const sim = new SimulatedTradingServer(new MemorySimStorage(), { clock, seed: 3, log: { warn: () => {} } });
  await sim.load();
  const events: PlatformEvent[] = [];
  sim.subscribe(async (batch) => {
    events.push(...batch);
    return { accepted: batch.length, duplicates: 0, unknownAccounts: [], gaps: [] };
  });
  const bots: string[] = [];
  const people: string[] = [];
  for (let i = 0; i < 4 + others; i++) {
    const { login } = await sim.openAccount({
      clientId: `c${i}`,
      name: `T${i}`,
      email: null,
      kind: 'demo',
      currency: 'USD',
      leverage: 100,
    });
    if (i < 4) {
      await sim.assignToSimulatedTraders(login);
      bots.push(login);
    } else people.push(login);
  }
  const traders = new SimulatedTraders(sim, { clock, seed, overLeverageShare, maxOnline: 3 });
  let maxOnline = 0;
  for (let i = 0; i < 400; i++) {
    clock.advance(3_000);
    sim.tick();
    traders.round();
    maxOnline = Math.max(maxOnline, sim.logins().filter((l) => sim.account(l)!.online).length);
  }
  await sim.flush();
  return { events, maxOnline, bots, people };
}

describe('simulated traders', { timeout: 20_000 }, () => {
  it('behave the same for the same seed and differently for another', async () => {
    const a = await run(11, 0.2);
    expect((await run(11, 0.2)).events).toEqual(a.events);
    expect((await run(12, 0.2)).events).not.toEqual(a.events);
  });

  it('log in for 1–10 minutes, trade, log out, and never exceed the online cap', async () => {
    const { events, maxOnline } = await run(5, 0.2);
    expect(maxOnline).toBeLessThanOrEqual(3);
    const kinds = new Set(events.map((e) => e.type));
    for (const t of ['login', 'logout', 'deal', 'position', 'account']) expect(kinds).toContain(t);
    const since = new Map<string, number>();
    for (const e of events) {
      expect(() => platformEventSchema.parse(e)).not.toThrow();
      if (e.type === 'login') since.set(e.account, Date.parse(e.at));
      if (e.type === 'logout') {
        const minutes = (Date.parse(e.at) - since.get(e.account)!) / 60_000;
        expect(minutes).toBeGreaterThanOrEqual(1);
        expect(minutes).toBeLessThanOrEqual(10.1);
      }
    }
  });

  it('trade only the accounts handed to them, never one a person opened', async () => {
    const { events, bots, people } = await run(5, 0.5, 3);
    const active = (login: string) =>
      events.filter((e) => e.account === login && ['login', 'deal', 'position'].includes(e.type));
    for (const login of people) expect(active(login)).toEqual([]);
    expect(bots.filter((login) => active(login).length > 0).length).toBeGreaterThan(0);
  });

  it('over-leverage now and then, so margin calls happen', async () => {
    const { events } = await run(5, 1);
    expect(events.some((e) => e.type === 'margin_call')).toBe(true);
    const careful = await run(5, 0);
    expect(careful.events.some((e) => e.type === 'margin_call')).toBe(false);
  });
});
