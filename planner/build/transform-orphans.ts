// Adds a node for every resource recorded in state that the configuration no longer declares (OpenTofu's
// OrphanResourceInstanceTransformer, at resource granularity): the plan walk plans their deletion.

import { parseAbsProviderConfigStr } from "../../addrs/parse-provider.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { StateFile } from "../../state/model.js";
import { nodeId, type GraphNode } from "../eval/nodes.js";
import { configResourceOf } from "../eval/state-index.js";

export class OrphanResourcesTransformer implements GraphTransformer<GraphNode> {
  readonly name = "OrphanResourcesTransformer";
  constructor(private readonly state: StateFile | undefined) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    const diags: Diagnostic[] = [];
    for (const r of this.state?.resources ?? []) {
      const addr = configResourceOf(r);
      if (g.hasNode(addr.toString())) continue;
      const p = parseAbsProviderConfigStr(r.provider);
      diags.push(...p.diags);
      if (p.addr === undefined) continue;
      const n: GraphNode = { kind: "resource", addr, providerAddr: p.addr };
      g.addNode(nodeId(n), n);
    }
    return diags;
  }
}
