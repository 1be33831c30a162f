// `depends_on` on a module call: every resource and data source inside the called module (and the modules it
// calls) waits for what the call names, as in Terraform. The names are resolved in the caller's module.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { ChildModuleConfig } from "../eval/module-configs.js";
import { nodeModule, type GraphNode } from "../eval/nodes.js";
import { DependsOnTargets } from "./transform-depends-on.js";

export class ModuleDependsOnTransformer implements GraphTransformer<GraphNode> {
  readonly name = "ModuleDependsOnTransformer";
  constructor(private readonly children: readonly ChildModuleConfig[]) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    const calls = this.children.filter((c) => (c.call?.dependsOn.length ?? 0) > 0);
    if (calls.length === 0) return [];
    const ids = g.nodeIds();
    const named = new DependsOnTargets(g);
    for (const c of calls) {
      const caller = c.path.parent();
      const targets = c.call!.dependsOn.flatMap((t) => named.of(t, caller));
      const inside = (m: { names: readonly string[] }) => c.path.names.every((n, i) => m.names[i] === n);
      for (const id of ids) {
        const n = g.node(id);
        if (n.kind !== "resource" || n.config === undefined || !inside(nodeModule(n))) continue;
        for (const t of targets) g.addDependency(id, t);
      }
    }
    return [];
  }
}
