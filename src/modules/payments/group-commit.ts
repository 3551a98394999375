/** What one item of a batch came to: its result, or the error its caller gets. */
export type Answer<R> = { ok: true; result: R } | { ok: false; error: unknown };

/**
 * Group commit: items submitted while a batch is running (or within `windowMs` of an idle start)
 * are handed to `run` together, so many callers share one transaction and its COMMIT. One batch at
 * a time: the next starts when `run` calls `committed` (its work after the commit — the platform
 * postings — overlaps the next batch), with everything that arrived meanwhile, up to `maxBatch`.
 */
export class GroupCommit<T, R> {
  private waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  /** Batches run and items in them, for tests and diagnostics. */
  readonly stats = { batches: 0, items: 0, largest: 0 };

  constructor(
    private readonly run: (items: T[], committed: () => void) => Promise<Answer<R>[]>,
    private readonly opts: { windowMs: number; maxBatch: number },
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.running || this.timer) return;
      if (this.waiting.length >= this.opts.maxBatch || this.opts.windowMs <= 0) this.start();
      // An idle start waits a moment: the callers arriving with this one join its batch.
      else this.timer = setTimeout(() => this.start(), this.opts.windowMs);
    });
  }

  private start(): void {
    this.timer = undefined;
    if (this.running || !this.waiting.length) return;
    const batch = this.waiting.splice(0, this.opts.maxBatch);
    this.running = true;
    this.stats.batches += 1;
    this.stats.items += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    let released = false;
    const committed = () => {
      if (released) return;
      released = true;
      this.running = false;
      // What arrived during this batch is a group already: no need to wait for more.
      if (this.waiting.length) this.start();
    };
    this.run(
      batch.map((b) => b.item),
      committed,
    )
      .then(
        (answers) =>
          batch.forEach((b, i) => {
            const a = answers[i]!;
            if (a.ok) b.resolve(a.result);
            else b.reject(a.error);
          }),
        (err: unknown) => batch.forEach((b) => b.reject(err)),
      )
      .finally(committed);
  }
}
