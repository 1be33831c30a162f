// Adds a node for every object the root module declares: variables, locals, outputs, checks, managed and data
// resources (OpenTofu's ConfigTransformer plus the named-value transformers).

import { AbsProviderConfig } from "../../addrs/provider.js";
import { Module } from "../../addrs/module.js";
import type { ConfigModule, Resource } from "../../config/model.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import { nodeId, type GraphNode } from "../eval/nodes.js";
import { callArguments, type ChildModuleConfig } from "../eval/module-configs.js";
import { impliedProviderLocalName } from "../../config/decode-resource.js";
import { ProviderResolver } from "../eval/module-providers.js";

export function resourceProviderAddr(r: Resource, module: Module = Module.root): AbsProviderConfig {
  return new AbsProviderConfig(module, r.provider, r.providerConfigRef?.alias ?? "");
}

export class ConfigNodesTransformer implements GraphTransformer<GraphNode> {
  readonly name = "ConfigNodesTransformer";
  constructor(
    private readonly module: ConfigModule,
    private readonly children: readonly ChildModuleConfig[] = [],
  ) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    const diags: Diagnostic[] = [];
    const add = (n: GraphNode) => g.addNode(nodeId(n), n);
    // Child modules, one set of nodes per static path (each runs once per module instance): their input
    // variables take the call's arguments, evaluated in the caller's scope. Provider configurations are the
    // module's own, passed by its call, or inherited (module-providers.ts).
    const providers = new ProviderResolver(this.module, this.children);
    diags.push(...providers.legacyModulesInRepeatedCalls());
    for (const child of this.children) {
      const call = child.call!;
      const m = child.module;
      const path = child.path;
      const args = callArguments(call);
      // Variables the call sets; the others are set from their defaults when the call is expanded.
      for (const [name, config] of m.variables) {
        const arg = args.get(name)?.expr;
        if (arg !== undefined) add({ kind: "variable", name, config, module: path, call, arg });
      }
      for (const [name, config] of m.locals) add({ kind: "local", name, config, module: path });
      for (const [name, config] of m.outputs) add({ kind: "output", name, config, module: path });
      for (const [name, config] of m.checks) add({ kind: "check", name, config, module: path });
      for (const r of [...m.managedResources.values(), ...m.dataResources.values()]) {
        const ref = r.providerConfigRef;
        const resolved = providers.resolve(r.provider, ref?.name ?? impliedProviderLocalName(r.type), ref?.alias ?? "", path, ref?.nameRange ?? r.declRange);
        diags.push(...resolved.diags);
        add({ kind: "resource", addr: r.addr.inModule(path), config: r, providerAddr: resolved.addr });
      }
    }
    for (const [name, config] of this.module.variables) add({ kind: "variable", name, config });
    for (const [name, config] of this.module.locals) add({ kind: "local", name, config });
    for (const [name, config] of this.module.outputs) add({ kind: "output", name, config });
    for (const [name, config] of this.module.checks) add({ kind: "check", name, config });
    for (const r of [...this.module.managedResources.values(), ...this.module.dataResources.values()]) {
      add({ kind: "resource", addr: r.addr.inModule(Module.root), config: r, providerAddr: resourceProviderAddr(r) });
    }
    return diags;
  }
}
