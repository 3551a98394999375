// The payment provider of the payments benchmark, run in a worker thread (see sendCallbacks): it signs
// each callback at the moment it leaves (Standard Webhooks) and posts it over keep-alive HTTP from
// CONCURRENCY loops, retrying a non-2xx answer as a provider would. Its work queues on its own event
// loop, not the server's, as a provider on another machine would. Not a benchmark itself, so it is not
// in bench/run.ts's registry.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { signWebhook } from '../src/core/webhook-signature.js';
import { nowMs, sleep } from './harness.js';

export interface Delivery {
  /** `webhook-id`, the same on every copy of one event. */
  id: string;
  body: string;
}

export interface CallbackLoad {
  /** http://127.0.0.1:PORT/api/payments/callbacks/sim */
  url: string;
  secret: string;
  /** Sent first, not measured. */
  warmup: Delivery[];
  deliveries: Delivery[];
  concurrency: number;
  /** Attempts per delivery before it counts as failed (a 5xx under contention is retried). */
  maxAttempts: number;
}

export interface LoadResult {
  sent: number;
  /** Acknowledged with a 2xx. */
  acknowledged: number;
  /** Attempts answered with something else, later retried. */
  retried: number;
  failed: number;
  firstFailure: string | null;
  statuses: Record<string, number>;
  /** From the first measured send to the last measured answer. */
  elapsedMs: number;
  /** Per acknowledged delivery: first send → 2xx, ms (retries included). */
  requestMs: Float64Array;
  /** This thread's busy time over the measured part (event-loop active: CPU plus time descheduled). */
  activeMs: number;
  /** This thread's CPU time over the measured part (its own utime + stime), null where unreadable. */
  cpuMs: number | null;
  loopDelayP99Ms: number;
}

/**
 * Runs the load in a fresh worker and resolves with what it measured. `onMeasuring` runs when the
 * warm-up is over and the measured part starts, so the caller's own counters (CPU, statements) cover
 * the same window as the rate.
 */
export function sendCallbacks(load: CallbackLoad, onMeasuring?: () => void): Promise<LoadResult> {
  // A worker started from a .ts entry does not inherit tsx's loader, so a tiny bootstrap registers it first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: load });
  return new Promise<LoadResult>((resolve, reject) => {
    worker.on('message', (m: { measuring?: true; result?: LoadResult; error?: string }) => {
      if (m.measuring) onMeasuring?.();
      else if (m.result) resolve(m.result);
      else reject(new Error(m.error ?? 'payments load failed'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`payments load worker exited with ${code}`)));
  }).finally(() => void worker.terminate());
}

/** CPU time of the calling thread in ms (Linux /proc/thread-self, clock ticks at 100 Hz), or null. */
function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15)
  } catch {
    return null;
  }
}

function post(agent: Agent, url: URL, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function runLoad(load: CallbackLoad): Promise<LoadResult> {
  const url = new URL(load.url);
  const agent = new Agent({ keepAlive: true, maxSockets: load.concurrency });
  const statuses: Record<string, number> = {};
  let retried = 0;
  let failed = 0;
  let firstFailure: string | null = null;

  /** One delivery until a 2xx (or the last attempt); resolves with the time it took, or null. */
  const deliver = async (d: Delivery): Promise<number | null> => {
    const started = nowMs();
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let text = '';
      try {
        ({ status, text } = await post(agent, url, { ...signWebhook(load.secret, d.id, d.body) }, d.body));
      } catch (err) {
        text = String(err);
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) return nowMs() - started;
      if (attempt >= load.maxAttempts) {
        failed += 1;
        firstFailure ??= `${status} ${text.slice(0, 300)}`;
        return null;
      }
      retried += 1;
      await sleep(10 * attempt);
    }
  };

  const run = async (list: Delivery[], times?: number[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: load.concurrency }, async () => {
        while (next < list.length) {
          const t = await deliver(list[next++]!);
          if (t !== null) times?.push(t);
        }
      }),
    );
  };

  await run(load.warmup);
  for (const k of Object.keys(statuses)) delete statuses[k];
  retried = 0;
  failed = 0;
  firstFailure = null;

  parentPort?.postMessage({ measuring: true });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const elu = performance.eventLoopUtilization();
  const cpu0 = threadCpuMs();
  const times: number[] = [];
  const t0 = nowMs();
  await run(load.deliveries, times);
  const elapsedMs = nowMs() - t0;
  const activeMs = performance.eventLoopUtilization(elu).active;
  const cpu1 = threadCpuMs();
  loop.disable();
  agent.destroy();
  return {
    sent: load.deliveries.length,
    acknowledged: times.length,
    retried,
    failed,
    firstFailure,
    statuses,
    elapsedMs,
    requestMs: Float64Array.from(times),
    activeMs,
    cpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
  };
}

if (!isMainThread && parentPort && (workerData as CallbackLoad | undefined)?.url) {
  const port = parentPort;
  runLoad(workerData as CallbackLoad).then(
    (result) => port.postMessage({ result }),
    (err: unknown) =>
      port.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
}
