// Checkpoints of the SQLite WAL on a worker thread. SQLite's automatic checkpoint runs inside the commit that
// crosses 1,000 WAL pages (about 200 single-object writes here): it copies those pages into the database file
// and fsyncs it, tens of milliseconds during which the process answers nothing. A served core makes hundreds of
// writes a second, so that stall was most of its p99 latency. The worker does the same passive checkpoint with
// its own connection; the committing thread's automatic checkpoint stays as a backstop at a much larger WAL.
// SQLite writes the WAL from its start again only when a writer finds it entirely copied, which a steady write
// load rarely lets a concurrent checkpoint achieve; the backstop then copies the little the worker left and
// resets the WAL, so the committing thread waits for one checkpoint's fsyncs (~20-35 ms here, whatever the
// WAL's size: the worker has copied nearly all of it) per 200 MiB of writes instead of per 4 MiB, and the WAL
// stays bounded even if the worker falls behind or dies. At 40 MiB that stall came every ~1.3 s of pods
// created at 500/s (~45-60 KiB of WAL per pod with its binding, Event and Running status): ~1.5% of the
// requests waited for it, which was the API's p99 (issue 13's bar: 20 ms at 500 req/s).
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** Commits between two requests for a checkpoint (a few WAL pages each). */
const COMMITS_PER_CHECKPOINT = 64;
/**
 * The committing connection's own automatic checkpoint, in WAL pages (4 KiB): ~200 MiB. The WAL file keeps
 * its largest size on disk until the store closes (then it is checkpointed and removed).
 */
const BACKSTOP_PAGES = 50_000;
/** How long close() waits for the worker to close its connection. */
const STOP_TIMEOUT_MS = 5_000;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly flags = new Int32Array(new SharedArrayBuffer(8));
  private commits = 0;
  private stopped = false;
  private exited = false;

  constructor(db: Database.Database, file: string) {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    this.worker = new Worker(new URL("./checkpoint-worker.js", import.meta.url), { workerData: { file, flags: this.flags } });
    // A dead worker only means checkpoints move back to the backstop; the store does not depend on it.
    this.worker.on("error", () => undefined);
    this.worker.on("exit", () => {
      this.exited = true;
    });
    this.worker.unref();
  }

  /** Called after each commit: every so many, ask for a checkpoint unless one is still running. */
  committed(): void {
    if (++this.commits < COMMITS_PER_CHECKPOINT || Atomics.load(this.flags, 0) === 1 || this.stopped || this.exited) return;
    this.commits = 0;
    Atomics.store(this.flags, 0, 1);
    this.worker.postMessage("checkpoint");
  }

  /**
   * Closes the worker's connection before the store closes its own, so the last connection to close (the
   * store's) checkpoints everything and removes the WAL as usual. Waits for at most one running checkpoint.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.exited) return;
    this.worker.postMessage("stop");
    Atomics.wait(this.flags, 1, 0, STOP_TIMEOUT_MS);
  }
}
