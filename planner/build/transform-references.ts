// Connects every node to the nodes its expressions refer to (OpenTofu's ReferenceTransformer): `var.x`,
// `local.x`, resources and data sources. Resource bodies are read through the provider's schema so that
// JSON-syntax bodies and dynamic blocks are covered too.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { expressionReferences } from "../../lang/eval/references.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { GraphNode } from "../eval/nodes.js";
import type { ProviderSet } from "../eval/providers.js";
import { cachedNodeExpressions, evalModule, referencedModuleOutputsPrefix, referencedNodeId } from "../eval/node-refs.js";

export class ReferenceTransformer implements GraphTransformer<GraphNode> {
  readonly name = "ReferenceTransformer";
  constructor(private readonly providers: ProviderSet) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    const ids = g.nodeIds();
    for (const id of ids) {
      const n = g.node(id);
      const module = evalModule(n);
      for (const expr of cachedNodeExpressions(n, this.providers)) {
        for (const t of expressionReferences(expr)) {
          const target = referencedNodeId(t, module);
          // No edge to itself, as in Terraform: self-references get their own diagnostics (self-reference.ts).
          if (target !== undefined && target !== id && g.hasNode(target)) g.addDependency(id, target);
          const outputs = target === undefined ? referencedModuleOutputsPrefix(t, module) : undefined;
          if (outputs !== undefined) for (const o of ids) if (o.startsWith(outputs)) g.addDependency(id, o);
        }
      }
    }
    return [];
  }
}
