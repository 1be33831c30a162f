// The words of the live apply view. Finished operations read as Terraform's progress lines
// ("x: Creation complete after 3s [id=…]") because they stay in the scrollback as its log; a failure says
// so at once, and the error itself follows as a diagnostic when the apply ends, as in Terraform.

import type { ApplyAction } from "../../../planner/apply/hooks.js";
import { formatElapsed } from "../apply/progress.js";
import type { FinishedOp, InFlightOp } from "./apply-model.js";

const words: Record<ApplyAction, { doing: string; done: string; failed: string }> = {
  create: { doing: "Creating", done: "Creation complete", failed: "Creation failed" },
  update: { doing: "Modifying", done: "Modifications complete", failed: "Modifications failed" },
  delete: { doing: "Destroying", done: "Destruction complete", failed: "Destruction failed" },
  read: { doing: "Reading", done: "Read complete", failed: "Read failed" },
};

export function finishedLine(op: FinishedOp): string {
  const w = words[op.action];
  const elapsed = formatElapsed(op.elapsedMs);
  if (op.failed) return `${op.addr}: ${w.failed} after ${elapsed}`;
  const idPart = op.id !== undefined && op.action !== "delete" ? ` [id=${op.id}]` : "";
  return `${op.addr}: ${w.done} after ${elapsed}${idPart}`;
}

export function doingWord(op: InFlightOp): string {
  return words[op.action].doing;
}

export function inFlightElapsed(op: InFlightOp, now: number): string {
  return formatElapsed(Math.max(0, now - op.started));
}
