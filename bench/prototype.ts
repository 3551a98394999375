// Prototypes of changes proposed for src/ (see docs/benchmarks.md), switched on for a benchmark run with
// BENCH_REALTIME_PROTO, a comma-separated list of: cork, flushN, hubpool. (append1, the one-statement
// append, is in src/core/events.ts since issue 9.) They patch this
// process only; src/ is untouched. Delete each once src/ has the change (or has decided against it).
import { Socket } from 'node:net';
import WebSocket from 'ws';
import { openDatabase } from '../src/db/connection.js';
import type { AppContext } from '../src/app/context.js';
import { RealtimeHub, type RealtimeHubOptions } from '../src/core/realtime.js';

let installed = false;

/**
 * "cork": the first send on a socket in a tick corks the underlying TCP socket and a nextTick uncorks
 * it, so everything the hub pushes to one socket during one synchronous drain pass leaves in one writev
 * instead of one syscall per event. It emulates this change to src/app/http/realtime-route.ts:
 *
 *   const raw = request.raw.socket;  // the upgraded TCP socket ws writes to
 *   let corked = false;
 *   send: (message) => {
 *     if (socket.readyState !== socket.OPEN) return;
 *     if (!corked) { corked = true; raw.cork(); process.nextTick(() => { corked = false; raw.uncork(); }); }
 *     socket.send(message);
 *   },
 *
 * Patched here on ws's prototype because the bench cannot reach the route's closure; only server-side
 * sockets live in this thread (the clients run in a worker with their own copy of ws).
 */
export function installCork(): void {
  if (installed) return;
  installed = true;
  const corked = new WeakSet<Socket>();
  const proto = WebSocket.prototype as unknown as { send: (...args: unknown[]) => void; _socket?: Socket };
  const send = proto.send;
  proto.send = function (this: { _socket?: Socket }, ...args: unknown[]) {
    const raw = this._socket;
    if (raw && !corked.has(raw)) {
      corked.add(raw);
      raw.cork();
      process.nextTick(() => {
        corked.delete(raw);
        raw.uncork();
      });
    }
    return send.apply(this, args);
  };
}

/**
 * "flushN" (e.g. flush10): the hub drains at most once per N ms. A NOTIFY that arrives sooner schedules
 * one drain for when the interval is up, so under load each socket gets one write per N ms carrying all
 * new events, instead of one per commit; when idle, an event still goes out at once. Emulates a
 * `minDrainIntervalMs` option in RealtimeHub.wake (src/core/realtime.ts).
 */
export function installDrainInterval(hub: { wake(): void }, intervalMs: number): void {
  const wake = hub.wake.bind(hub);
  let last = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  hub.wake = () => {
    if (timer) return;
    const wait = last + intervalMs - performance.now();
    if (wait <= 0) {
      last = performance.now();
      wake();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      last = performance.now();
      wake();
    }, wait);
  };
}

/**
 * "hubpool" (PostgreSQL only): the hub reads through its own small pool instead of the app's. On the
 * shared pool its two queries per drain wait in pg-pool's FIFO queue behind every append waiting for a
 * connection (and appends hold theirs while queueing for the advisory lock). Emulates giving
 * RealtimeHub its own Database (e.g. `openDatabase({ kind: 'postgres', url, poolSize: 2 })` in
 * start.ts, passed to buildServer). Call before any socket attaches; returns the cleanup.
 */
export async function useOwnHubConnection(ctx: AppContext, url: string): Promise<() => Promise<void>> {
  const reader = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  const opts = (ctx.hub as unknown as { opts: RealtimeHubOptions }).opts;
  if (ctx.hub.size > 0) throw new Error('swap the hub before sockets attach');
  await ctx.hub.stop();
  const hub = new RealtimeHub(reader, opts);
  await hub.start();
  ctx.hub = hub;
  return async () => {
    await hub.stop();
    await reader.close();
  };
}
