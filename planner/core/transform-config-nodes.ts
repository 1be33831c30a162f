// Adds a node for every object the root module declares: variables, locals, outputs, checks, managed and data
// resources (OpenTofu's ConfigTransformer plus the named-value transformers).

import { AbsProviderConfig } from "../addrs/provider.js";
import { Module } from "../addrs/module.js";
import type { ConfigModule, Resource } from "../config/model.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import { nodeId, type GraphNode } from "./nodes.js";

export function resourceProviderAddr(r: Resource, module: Module = Module.root): AbsProviderConfig {
  return new AbsProviderConfig(module, r.provider, r.providerConfigRef?.alias ?? "");
}

export class ConfigNodesTransformer implements GraphTransformer<GraphNode> {
  readonly name = "ConfigNodesTransformer";
  constructor(private readonly module: ConfigModule) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    const add = (n: GraphNode) => g.addNode(nodeId(n), n);
    for (const [name, config] of this.module.variables) add({ kind: "variable", name, config });
    for (const [name, config] of this.module.locals) add({ kind: "local", name, config });
    for (const [name, config] of this.module.outputs) add({ kind: "output", name, config });
    for (const [name, config] of this.module.checks) add({ kind: "check", name, config });
    for (const r of [...this.module.managedResources.values(), ...this.module.dataResources.values()]) {
      add({ kind: "resource", addr: r.addr.inModule(Module.root), config: r, providerAddr: resourceProviderAddr(r) });
    }
    return [];
  }
}
