import { isDatabaseUnavailable, rootMessage } from '../db/unavailable.js';

type LogFn = (obj: object, msg: string) => void;

/** An outage is said in one line (the query and its parameters say nothing then); anything else in full. */
const detail = (err: unknown) => (isDatabaseUnavailable(err) ? { error: rootMessage(err) } : { err });

/**
 * A log that says each distinct message at most once per window, then how many it held back: an outage
 * fails the same thing many times a second, and a flood of identical lines hides everything else.
 */
export function rateLimitedLog(
  log: { warn: LogFn; error: LogFn },
  windowMs = 60_000,
  now: () => number = Date.now,
): { warn: LogFn; error: LogFn } {
  const seen = new Map<string, { at: number; held: number }>();
  const say = (level: 'warn' | 'error') => (obj: object, msg: string) => {
    const key = `${level}:${msg}`;
    const last = seen.get(key);
    if (last && now() - last.at < windowMs) {
      last.held += 1;
      return;
    }
    seen.set(key, { at: now(), held: 0 });
    log[level](last?.held ? { ...obj, suppressed: last.held } : obj, msg);
  };
  return { warn: say('warn'), error: say('error') };
}

export interface LoopState {
  failing: boolean;
  /** Failed runs in the current failing spell. */
  failures: number;
  lastOkAt?: number;
  lastFailedAt?: number;
}

export interface BackgroundLoopsOptions {
  /** A failing loop tries again this soon at the latest, so it resumes within seconds (default 2 s). */
  retryMs?: number;
  /** While a loop keeps failing, one reminder line per this long (default 60 s). */
  logEveryMs?: number;
  onFailure?(loop: string): void;
  onChange?(loop: string, failing: boolean): void;
  now?: () => number;
}

/**
 * The process's background work (and its state for operators): a loop that fails — typically because
 * the database is away — logs once, keeps trying, and logs once more when it works again.
 */
export class BackgroundLoops {
  private states = new Map<string, LoopState & { since: number; loggedAt: number }>();
  private timers = new Set<NodeJS.Timeout>();
  private running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly log: { error: LogFn; info: LogFn },
    private readonly opts: BackgroundLoopsOptions = {},
  ) {}

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private entry(loop: string) {
    let s = this.states.get(loop);
    if (!s) this.states.set(loop, (s = { failing: false, failures: 0, since: 0, loggedAt: 0 }));
    return s;
  }

  ok(loop: string): void {
    const s = this.entry(loop);
    s.lastOkAt = this.now;
    if (!s.failing) return;
    this.log.info(
      { loop, failures: s.failures, downSeconds: Math.round((this.now - s.since) / 1000) },
      `${loop} recovered`,
    );
    s.failing = false;
    s.failures = 0;
    this.opts.onChange?.(loop, false);
  }

  failed(loop: string, err: unknown): void {
    const s = this.entry(loop);
    s.lastFailedAt = this.now;
    s.failures += 1;
    this.opts.onFailure?.(loop);
    if (!s.failing) {
      s.failing = true;
      s.since = s.loggedAt = this.now;
      this.log.error({ loop, ...detail(err) }, `${loop} failed; it keeps retrying`);
      this.opts.onChange?.(loop, true);
    } else if (this.now - s.loggedAt >= (this.opts.logEveryMs ?? 60_000)) {
      s.loggedAt = this.now;
      const sinceSeconds = Math.round((this.now - s.since) / 1000);
      this.log.error({ loop, ...detail(err), failures: s.failures, sinceSeconds }, `${loop} still failing`);
    }
  }

  /** One run of a loop's job, recorded; never throws. Resolves true if it succeeded. */
  async run(loop: string, job: () => Promise<unknown>): Promise<boolean> {
    try {
      await job();
      this.ok(loop);
      return true;
    } catch (err) {
      this.failed(loop, err);
      return false;
    }
  }

  /** Runs `job` every `intervalMs` (never overlapping itself), sooner after a failure. */
  every(loop: string, intervalMs: number, job: () => Promise<unknown>): void {
    const schedule = (ms: number) => {
      if (this.stopped) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const pass = this.run(loop, job).then((ok) =>
          schedule(ok ? intervalMs : Math.min(intervalMs, this.opts.retryMs ?? 2_000)),
        );
        this.running.add(pass);
        void pass.finally(() => this.running.delete(pass));
      }, ms);
      timer.unref();
      this.timers.add(timer);
    };
    this.entry(loop);
    schedule(intervalMs);
  }

  /** Stops scheduling and waits for the runs under way (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(this.running);
  }

  state(loop: string): LoopState | undefined {
    const s = this.states.get(loop);
    return (
      s && { failing: s.failing, failures: s.failures, lastOkAt: s.lastOkAt, lastFailedAt: s.lastFailedAt }
    );
  }

  /** The loops failing right now. */
  failing(): string[] {
    return [...this.states].filter(([, s]) => s.failing).map(([loop]) => loop);
  }
}
