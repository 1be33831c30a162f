// Adds a node per provider configuration that some resource uses (declared with a `provider` block or
// implied by a resource type), and the edge resource -> provider (OpenTofu's ProviderTransformer).

import type { ConfigModule } from "../../config/model.js";
import { AbsProviderConfig, Provider } from "../../addrs/provider.js";
import { Module } from "../../addrs/module.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import { nodeId, type GraphNode } from "../eval/nodes.js";
import type { ChildModuleConfig } from "../eval/module-configs.js";

export class ProviderTransformer implements GraphTransformer<GraphNode> {
  readonly name = "ProviderTransformer";
  constructor(
    private readonly module: ConfigModule | undefined,
    private readonly children: readonly ChildModuleConfig[] = [],
  ) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    // Declared provider blocks (the root's and child modules' own), keyed by their absolute address.
    const declared = new Map<string, GraphNode & { kind: "provider" }>();
    const modules: [Module, ConfigModule][] = [...(this.module ? [[Module.root, this.module] as [Module, ConfigModule]] : []), ...this.children.map((c) => [c.path, c.module] as [Module, ConfigModule])];
    for (const [path, m] of modules) {
      for (const pc of m.providerConfigs.values()) {
        const provider = m.requiredProviders.get(pc.name)?.provider ?? providerForLocalName(m, pc.name);
        const addr = new AbsProviderConfig(path, provider, pc.alias);
        declared.set(addr.toString(), { kind: "provider", addr, config: pc });
      }
    }
    for (const n of declared.values()) g.addNode(nodeId(n), n);
    const diags: Diagnostic[] = [];
    for (const id of g.nodeIds()) {
      const n = g.node(id);
      if (n.kind !== "resource") continue;
      const pid = n.providerAddr.toString();
      if (!g.hasNode(pid) && n.providerAddr.alias !== "" && n.config !== undefined) {
        // A default configuration may be implied; an aliased one exists only where a provider block says so.
        diags.push({
          severity: "error",
          summary: "Provider configuration not present",
          detail: `To work with ${n.addr.toString()} its provider configuration at ${pid} is required, but no provider block declares it. Add a provider block with alias = "${n.providerAddr.alias}" to this module, or pass the configuration in through the calling module's providers argument.`,
          address: n.addr.toString(),
        });
        continue;
      }
      if (!g.hasNode(pid)) {
        const p: GraphNode = { kind: "provider", addr: n.providerAddr };
        g.addNode(pid, p);
      }
      g.addDependency(id, pid);
    }
    return diags;
  }
}

function providerForLocalName(module: ConfigModule, name: string): Provider {
  for (const r of [...module.managedResources.values(), ...module.dataResources.values()]) {
    if ((r.providerConfigRef?.name ?? r.type.split("_")[0]) === name) return r.provider;
  }
  return Provider.implied(name);
}
