// Terminal (ink) views: `cairn cluster status` and live apply progress on a TTY.
//
// This file is what commands import, and it must never import ink, react or a .tsx view statically: the
// non-TTY and -json paths load only this, so their startup does not pay for React (see docs GUIDE, "ink").
// The views are pulled in with import() inside the TTY branch, and if that fails (a broken install), the
// caller's plain view is used instead: a user never sees a stack trace for a progress bar.

import type { ClusterStatusView } from "../../../cluster/status.js";
import type { StoppableApplyHooks, TtyApplyOptions } from "./types.js";

export { wantsTtyView, type TtyChoice } from "./select.js";
export { plannedOperations } from "./operations.js";
export type { StoppableApplyHooks, TtyApplyHooks, TtyApplyOptions } from "./types.js";

type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };

/** The ink drawing of the status for `out`, or `plain` when ink cannot be loaded. */
export async function renderClusterStatusTty(view: ClusterStatusView, out: Out, plain: () => string): Promise<string> {
  try {
    const m = await import("./cluster-status.js");
    return m.renderClusterStatus(view, out.columns && out.columns > 0 ? out.columns : 80);
  } catch {
    return plain();
  }
}

/** The live ink apply view drawing on `out`, or `plain()` when ink cannot be loaded. */
export async function loadTtyApplyView(out: Out, opts: TtyApplyOptions, plain: () => StoppableApplyHooks): Promise<StoppableApplyHooks> {
  // A terminal that reports no height (some pseudo-terminals) would make ink clear the screen at every frame.
  if (out.isTTY === true && !(out.rows !== undefined && out.rows > 0)) return plain();
  try {
    const m = await import("./apply-progress.js");
    return m.createTtyApplyView(out, opts);
  } catch {
    return plain();
  }
}
