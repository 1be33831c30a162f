// Prunes the graph to what -target and -exclude allow (OpenTofu's TargetsTransformer): the targeted resources
// and everything they depend on stay; excluded resources and everything depending on them go. Outputs and
// checks stay only when every resource they depend on stays; variables, locals and providers stay when
// something kept needs them.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import { withTransitiveDependencies, withTransitiveDependents } from "../graph/reach.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { GraphNode } from "../eval/nodes.js";
import { Targeting } from "../eval/targeting.js";

export class TargetsTransformer implements GraphTransformer<GraphNode> {
  readonly name = "TargetsTransformer";
  constructor(private readonly targeting: Targeting) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    if (!this.targeting.active) return [];
    const all = g.nodeIds();
    let keep = new Set(all);
    if (this.targeting.targets.length > 0) {
      // A module target names every resource inside it (nested modules too).
      const start = all.filter((id) => g.node(id).kind === "resource" && this.targeting.directlyTargets(id));
      keep = withTransitiveDependencies(g, start);
    }
    // Excluding a whole resource removes it and its dependents; excluding one instance keeps the node.
    const excludedResources = this.targeting.excludes
      .filter((t) => "resource" in t.subject && !("instanceKey" in (t.subject as { resource: object }).resource))
      .map(Targeting.resourceIdOf)
      .filter((id): id is string => id !== undefined && g.hasNode(id));
    if (excludedResources.length > 0) for (const id of withTransitiveDependents(g, excludedResources)) keep.delete(id);
    // An output or check is planned when everything it depends on is.
    for (const id of all) {
      const n = g.node(id);
      if (n.kind !== "output" && n.kind !== "check") continue;
      keep.delete(id);
      let ok = true;
      for (const d of withTransitiveDependencies(g, [id])) if (d !== id && !keep.has(d)) ok = false;
      if (ok) keep.add(id);
    }
    for (const id of all) if (!keep.has(id)) g.removeNode(id);
    return [];
  }
}
