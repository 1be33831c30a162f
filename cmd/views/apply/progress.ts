// Apply and refresh progress lines, as Terraform's UI hook prints them (internal/command/views/hook_ui.go):
//   terraform_data.x: Refreshing state... [id=…]
//   terraform_data.x: Creating...
//   terraform_data.x: Still creating... [10s elapsed]
//   terraform_data.x: Creation complete after 12s [id=…]
// One "Still …" line per operation every 10 seconds, on a terminal or not.

import type { ApplyAction, ApplyHooks } from "../../../planner/apply/hooks.js";
import type { RefreshHooks } from "../../../planner/plan/refresh.js";

const verbs: Record<ApplyAction, { start: string; still: string; done: string }> = {
  create: { start: "Creating...", still: "Still creating...", done: "Creation complete" },
  update: { start: "Modifying...", still: "Still modifying...", done: "Modifications complete" },
  delete: { start: "Destroying...", still: "Still destroying...", done: "Destruction complete" },
  read: { start: "Reading...", still: "Still reading...", done: "Read complete" },
};

/** Go's time.Duration printing truncated to whole seconds: 0s, 10s, 1m0s, 1h2m3s. */
export function formatElapsed(ms: number): string {
  let s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** Time as the view sees it; tests pass a fake one to check the "Still creating..." lines without waiting. */
export interface ProgressClock {
  now(): number;
  every(ms: number, fn: () => void): { stop(): void };
}

export const realClock: ProgressClock = {
  now: () => Date.now(),
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return { stop: () => clearInterval(t) };
  },
};

/** One line of the UI hook: the address and what happens to it, in bold when colour is on. */
function hookLine(addr: string, text: string, color: boolean): string {
  return color ? `\x1b[0m\x1b[1m${addr}: ${text}\x1b[0m\n` : `${addr}: ${text}\n`;
}

/**
 * "Refreshing state..." as each object recorded in state is read back (Terraform prints no line when it is
 * done). The lines of one event-loop turn go out in one write (a plan of 5,000 objects made 5,000 writes,
 * ~4% of its CPU), and the walk's end writes the last ones before anything else is printed.
 */
export class RefreshProgressView implements RefreshHooks {
  private pending = "";
  private scheduled = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly color: boolean,
  ) {}

  refreshStart(addr: string, id?: string): void {
    this.pending += hookLine(addr, `Refreshing state...${id !== undefined ? ` [id=${id}]` : ""}`, this.color);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.walked());
    }
  }

  refreshComplete(): void {}

  walked(): void {
    this.scheduled = false;
    if (this.pending === "") return;
    this.out.write(this.pending);
    this.pending = "";
  }
}

/**
 * The apply's lines (and a plan's data source reads): as the refresh lines, the lines of one event-loop turn
 * go out in one write, and stop() or the plan walk's end writes the last ones.
 */
export class ApplyProgressView implements ApplyHooks {
  private readonly running = new Map<string, { started: number; timer: { stop(): void } }>();
  private pending = "";
  private scheduled = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly color: boolean,
    private readonly intervalMs = 10_000,
    private readonly clock: ProgressClock = realClock,
  ) {}

  private line(addr: string, text: string): void {
    this.pending += hookLine(addr, text, this.color);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.walked());
    }
  }

  /** Writes the lines not yet written. */
  walked(): void {
    this.scheduled = false;
    if (this.pending === "") return;
    this.out.write(this.pending);
    this.pending = "";
  }

  preApply(addr: string, action: ApplyAction, id?: string): void {
    const v = verbs[action];
    const idPart = id !== undefined && action !== "create" && action !== "read" ? ` [id=${id}]` : "";
    this.line(addr, v.start + idPart);
    const started = this.clock.now();
    const timer = this.clock.every(this.intervalMs, () => {
      const elapsed = formatElapsed(this.clock.now() - started);
      const inner = id !== undefined && action !== "create" && action !== "read" ? `id=${id}, ${elapsed} elapsed` : `${elapsed} elapsed`;
      this.line(addr, `${v.still} [${inner}]`);
    });
    this.running.set(`${action} ${addr}`, { started, timer });
  }

  postApply(addr: string, action: ApplyAction, id: string | undefined, failed: boolean): void {
    const key = `${action} ${addr}`;
    const r = this.running.get(key);
    if (r) {
      r.timer.stop();
      this.running.delete(key);
    }
    if (failed) return;
    const now = this.clock.now();
    const elapsed = formatElapsed(now - (r?.started ?? now));
    const idPart = id !== undefined && action !== "delete" ? ` [id=${id}]` : "";
    this.line(addr, `${verbs[action].done} after ${elapsed}${idPart}`);
  }

  stop(): void {
    for (const r of this.running.values()) r.timer.stop();
    this.running.clear();
    this.walked();
  }
}
