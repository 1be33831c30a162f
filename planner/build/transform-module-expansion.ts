// Adds a module call's expansion node for every child module path and makes everything inside that module
// wait for it (OpenTofu's ModuleExpansionTransformer): a node runs once per module instance, so the
// instances must be known first. Expansion nodes of nested calls wait for their parent's.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { ChildModuleConfig } from "../eval/module-configs.js";
import { moduleExpansionId, nodeId, nodeModule, type GraphNode } from "../eval/nodes.js";

export class ModuleExpansionTransformer implements GraphTransformer<GraphNode> {
  readonly name = "ModuleExpansionTransformer";
  constructor(private readonly children: readonly ChildModuleConfig[]) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    for (const c of this.children) {
      const n: GraphNode = { kind: "module", path: c.path, config: c.call!, child: c.module };
      g.addNode(nodeId(n), n);
    }
    for (const id of g.nodeIds()) {
      const m = nodeModule(g.node(id));
      if (m.isRoot()) continue;
      const expansion = moduleExpansionId(m);
      if (g.hasNode(expansion)) g.addDependency(id, expansion);
    }
    return [];
  }
}
