// Explicit `depends_on` of resources, data sources and outputs become edges (OpenTofu attaches them in the
// ReferenceTransformer; a separate step keeps each transformer to one idea).

import type { Diagnostic } from "../lang/diagnostics.js";
import type { Traversal } from "../lang/syntax/ast.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { GraphNode } from "./nodes.js";
import { evalModule, referencedNodeId } from "./transform-references.js";

export function dependsOnOf(n: GraphNode): readonly Traversal[] {
  if (n.kind === "resource") return n.config?.dependsOn ?? [];
  if (n.kind === "output") return n.config.dependsOn;
  return [];
}

export class DependsOnTransformer implements GraphTransformer<GraphNode> {
  readonly name = "DependsOnTransformer";

  transform(g: Graph<GraphNode>): Diagnostic[] {
    for (const id of g.nodeIds()) {
      for (const t of dependsOnOf(g.node(id))) {
        const target = referencedNodeId(t, evalModule(g.node(id)));
        if (target !== undefined && g.hasNode(target)) g.addDependency(id, target);
      }
    }
    return [];
  }
}
