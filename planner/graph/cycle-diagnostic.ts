// Turns cycles into the "Cycle" diagnostics users see. Each names every member (with its declaration range
// when it has one) so the user can see what to break; the subject is the first member that has a range.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { formatRange } from "../../lang/pos.js";
import type { Graph } from "./graph.js";

export function cycleDiagnostic<N>(g: Graph<N>, members: readonly string[]): Diagnostic {
  const described = members.map((id) => g.describe(id));
  const listed = described.map((d) => (d.range ? `${d.name} (${formatRange(d.range)})` : d.name));
  const subject = described.find((d) => d.range !== undefined)?.range;
  const detail =
    members.length === 1
      ? `${listed[0]} depends on itself. Remove the self-reference (or depends_on entry) to break the cycle.`
      : `These ${members.length} objects depend on each other, so none of them can be ordered first: ${listed.join(", ")}. ` +
        "Remove one of the references (or depends_on entries) between them to break the cycle.";
  return {
    severity: "error",
    summary: "Cycle",
    detail,
    subject,
    address: subject === undefined ? described[0].name : undefined,
  };
}
