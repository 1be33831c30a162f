// What the commands see of the TTY apply view, declared without ink so that a command can hold one (and the
// plain view) behind the same type while ink itself is only loaded on a terminal.

import type { ApplyHooks } from "../../../planner/apply/hooks.js";

export interface StoppableApplyHooks extends ApplyHooks {
  /** Stops timers and, for the ink view, draws the final frame and unmounts; resolves when the output is written. */
  stop(): void | Promise<void>;
}

export interface TtyApplyHooks extends StoppableApplyHooks {
  /** The number of operations the apply will report: the bar's total. */
  begin(total: number): void;
  stop(): Promise<void>;
}

export interface TtyApplyOptions {
  readonly total: number;
  /** Wall clock in ms; tests pass a fake one. */
  readonly now?: () => number;
  /** How often elapsed times are redrawn (1s); 0 turns the ticker off (tests redraw by hand). */
  readonly tickMs?: number;
  /** Coalesces redraws of bursts of hook calls (ms). */
  readonly frameMs?: number;
  /** ink's debug mode: every frame written in full, nothing erased (tests read the frames). */
  readonly debug?: boolean;
  /** The command's stdin (ink only reads it for raw-mode input, which this view never enables). */
  readonly stdin?: NodeJS.ReadableStream;
}
