// Turns cycles into the "Cycle" diagnostics users see. The summary is Terraform's ("Cycle: a, b", with no
// source range, since a cycle is nowhere in particular); the detail adds each member's declaration range
// so the user can see what to break.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { formatRange } from "../../lang/pos.js";
import type { Graph } from "./graph.js";

export function cycleDiagnostic<N>(g: Graph<N>, members: readonly string[]): Diagnostic {
  const described = members.map((id) => g.describe(id));
  const listed = described.map((d) => (d.range ? `${d.name} (${formatRange(d.range)})` : d.name));
  const detail =
    members.length === 1
      ? `${listed[0]} depends on itself. Remove the self-reference (or depends_on entry) to break the cycle.`
      : `These ${members.length} objects depend on each other, so none of them can be ordered first: ${listed.join(", ")}. ` +
        "Remove one of the references (or depends_on entries) between them to break the cycle.";
  return {
    severity: "error",
    summary: `Cycle: ${described.map((d) => d.name).join(", ")}`,
    detail,
  };
}
