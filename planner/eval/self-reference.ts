// A node that refers to itself. Terraform's ReferenceTransformer draws no edge from a node to itself, so
// this is not a "Cycle": a local value reports "Self-referencing local value" (in validate and plan), and a
// resource whose own configuration refers to it reports "Self-referential block" when planned (validate
// lets it pass, as Terraform's does).

import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import { expressionReferences } from "../../lang/eval/references.js";
import type { Range } from "../../lang/pos.js";
import type { Traversal } from "../../lang/syntax/ast.js";
import { referencedNodeId } from "./node-refs.js";
import { cachedNodeExpressions } from "./node-refs.js";
import { nodeModule, type GraphNode } from "./nodes.js";
import type { ProviderSet } from "./providers.js";

export function selfReferenceDiags(node: GraphNode, id: string, providers: ProviderSet): Diagnostic[] {
  if (node.kind !== "local" && node.kind !== "resource") return [];
  if (node.kind === "resource" && node.config === undefined) return [];
  const module = nodeModule(node);
  for (const expr of cachedNodeExpressions(node, providers)) {
    for (const t of expressionReferences(expr)) {
      if (referencedNodeId(t, module) !== id) continue;
      if (node.kind === "local") {
        return [errorDiag("Self-referencing local value", `Local value local.${node.name} cannot use its own result as part of its expression.`, rangeOf(t), expr.range)];
      }
      return [errorDiag("Self-referential block", `Configuration for ${node.addr.resource.toString()} may not refer to itself.`, rangeOf(t), expr.range)];
    }
  }
  return [];
}

function rangeOf(t: Traversal): Range {
  return { filename: t[0]!.range.filename, start: t[0]!.range.start, end: t[t.length - 1]!.range.end };
}
