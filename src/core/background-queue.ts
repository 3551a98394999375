/**
 * Work done after a request has been answered, so the answer neither waits for it nor fails with it.
 * Each task starts after its delay (at least the current I/O turn: an answer being sent goes out
 * first); tasks run one at a time. A failure goes to `onError`. In memory: work still queued when
 * the process dies is lost, so only queue what the caller can simply ask for again.
 */
export class BackgroundQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly onError: (err: unknown) => void,
    /** Beyond this many waiting tasks new ones are dropped (reported to onError), not piled up. */
    private readonly limit = 1_000,
  ) {}

  push(task: () => Promise<void>, delayMs = 0): void {
    if (this.pending.size >= this.limit) {
      this.onError(new Error(`background queue full (${this.limit} tasks waiting); task dropped`));
      return;
    }
    const done: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, delayMs))
      .then(() => {
        const run = this.tail.then(task);
        this.tail = run.catch(() => {});
        return run;
      })
      .catch((err: unknown) => this.onError(err))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Resolves once every task queued so far, and any they queued, has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
