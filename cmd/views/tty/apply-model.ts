// The state behind the live apply view, without ink: which operations are in flight since when, the
// operations finished so far (in the order they finished, append-only so ink's <Static> can print each once),
// and the counts the bar is drawn from. Times come from the caller's clock so tests can fake it.

import type { ApplyAction } from "../../../planner/apply/hooks.js";

export interface InFlightOp {
  readonly seq: number;
  readonly addr: string;
  readonly action: ApplyAction;
  readonly id?: string;
  readonly started: number;
}

export interface FinishedOp {
  readonly seq: number;
  readonly addr: string;
  readonly action: ApplyAction;
  readonly id?: string;
  readonly elapsedMs: number;
  readonly failed: boolean;
}

export interface ApplyProgressSnapshot {
  /** Planned operations; never less than what has been seen, in case the plan's count was short. */
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Oldest first. */
  readonly inFlight: readonly InFlightOp[];
  readonly finished: readonly FinishedOp[];
  readonly elapsedMs: number;
  readonly now: number;
  /** The apply is over: draw the summary instead of the live part. */
  readonly ended: boolean;
}

export class ApplyProgressModel {
  private total: number;
  private seq = 0;
  private failedCount = 0;
  private readonly running = new Map<string, InFlightOp>();
  private readonly finished: FinishedOp[] = [];
  /** A copy of `finished` renewed only when it grows: ink's <Static> memoises on the array's identity. */
  private finishedView: readonly FinishedOp[] = [];

  constructor(
    total: number,
    private readonly startedAt: number,
  ) {
    this.total = Math.max(0, total);
  }

  setTotal(total: number): void {
    this.total = Math.max(0, total);
  }

  start(addr: string, action: ApplyAction, id: string | undefined, now: number): void {
    const op: InFlightOp = id === undefined ? { seq: this.seq++, addr, action, started: now } : { seq: this.seq++, addr, action, id, started: now };
    this.running.set(`${action} ${addr}`, op);
  }

  finish(addr: string, action: ApplyAction, id: string | undefined, failed: boolean, now: number): FinishedOp {
    const key = `${action} ${addr}`;
    const r = this.running.get(key);
    this.running.delete(key);
    const base = { seq: this.seq++, addr, action, elapsedMs: Math.max(0, now - (r?.started ?? now)), failed };
    const op: FinishedOp = id === undefined ? base : { ...base, id };
    this.finished.push(op);
    if (failed) this.failedCount++;
    return op;
  }

  snapshot(now: number, ended: boolean): ApplyProgressSnapshot {
    if (this.finishedView.length !== this.finished.length) this.finishedView = this.finished.slice();
    const inFlight = [...this.running.values()].sort((a, b) => a.started - b.started || a.seq - b.seq);
    return {
      total: Math.max(this.total, this.finished.length + inFlight.length),
      succeeded: this.finished.length - this.failedCount,
      failed: this.failedCount,
      inFlight,
      finished: this.finishedView,
      elapsedMs: Math.max(0, now - this.startedAt),
      now,
      ended,
    };
  }
}
