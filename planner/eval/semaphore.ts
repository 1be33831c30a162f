// Bounds how many provider operations run at once across all nodes of a walk (-parallelism). A node's
// instances share the bound with every other node's, so one resource with 20,000 instances cannot flood a
// provider. acquire() resolves false once the signal aborted: nothing new starts after the first Ctrl-C.

export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly signal?: AbortSignal,
  ) {}

  async acquire(): Promise<boolean> {
    if (this.signal?.aborted) return false;
    if (this.active < this.limit) {
      this.active++;
      return true;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.signal?.aborted) {
      this.release();
      return false;
    }
    return true;
  }

  release(): void {
    const next = this.waiters.shift();
    // The next operation starts in a later turn of the event loop, not in this chain of promise callbacks:
    // otherwise 1,000 quick operations run back to back and I/O (the journal's group commit) waits for all.
    if (next) setImmediate(next);
    else this.active--;
  }

  /**
   * Runs fn under the bound; undefined when aborted before it could start. With a slot free, fn starts at
   * once: no promise is made to wait for the slot (this runs per object refreshed and planned).
   */
  run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (this.signal?.aborted) return Promise.resolve(undefined);
    if (this.active < this.limit) {
      this.active++;
      return this.holding(fn);
    }
    return this.acquire().then((ok) => (ok ? this.holding(fn) : undefined));
  }

  /** Runs fn in a slot already taken, and gives the slot back however fn ends. */
  private async holding<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
