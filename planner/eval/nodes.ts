// The payloads of the configuration graph's nodes (OpenTofu's graph node types, one kind per config object).
// Ids are the objects' addresses as users write them (`var.x`, `aws_instance.a`, `provider["…"]`), so DOT
// output and Cycle diagnostics name them the familiar way; module paths are part of every address.

import type { AbsProviderConfig } from "../../addrs/provider.js";
import type { ConfigResource } from "../../addrs/resource.js";
import type { Check, ConfigModule, Local, ModuleCall, Output, ProviderConfig, Resource, Variable } from "../../config/model.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { Module } from "../../addrs/module.js";
import type { Range } from "../../lang/pos.js";

export type GraphNode =
  /**
   * `module` is the path of the module declaring the object (absent: the root module). A child module's input
   * variable also carries its call and the argument expression (evaluated in the caller's scope) if set.
   */
  | { readonly kind: "variable"; readonly name: string; readonly config: Variable; readonly module?: Module; readonly call?: ModuleCall; readonly arg?: Expression }
  | { readonly kind: "local"; readonly name: string; readonly config: Local; readonly module?: Module }
  | { readonly kind: "output"; readonly name: string; readonly config: Output; readonly module?: Module }
  | { readonly kind: "check"; readonly name: string; readonly config: Check; readonly module?: Module }
  /** `config` is absent for a resource that exists only in state (an orphan to delete). */
  | { readonly kind: "resource"; readonly addr: ConfigResource; readonly config?: Resource; readonly providerAddr: AbsProviderConfig }
  | { readonly kind: "provider"; readonly addr: AbsProviderConfig; readonly config?: ProviderConfig }
  /**
   * A module call's expansion (OpenTofu's nodeExpandModule): evaluates its `count`/`for_each` in every instance
   * of the calling module, so that every node inside `path` knows the module instances it runs in. It also
   * sets the child's input variables the call leaves unset (their defaults: constants of the instance, with
   * no node of their own, so 500 calls of a 60-variable module do not make 30,000 nodes).
   */
  | { readonly kind: "module"; readonly path: Module; readonly config: ModuleCall; readonly child: ConfigModule };

/** The module path a node belongs to. */
export function nodeModule(n: GraphNode): Module {
  switch (n.kind) {
    case "resource":
      return n.addr.module;
    case "provider":
      return n.addr.module;
    case "module":
      return n.path.parent();
    default:
      return n.module ?? Module.root;
  }
}

/** `var.x` in the root module, `module.web.var.x` in a child. */
export function namedValueId(module: Module | undefined, kind: "var" | "local" | "output" | "check", name: string): string {
  return module === undefined || module.isRoot() ? `${kind}.${name}` : `${module.toString()}.${kind}.${name}`;
}

export function nodeId(n: GraphNode): string {
  switch (n.kind) {
    case "variable":
      return namedValueId(n.module, "var", n.name);
    case "local":
      return namedValueId(n.module, "local", n.name);
    case "output":
      return namedValueId(n.module, "output", n.name);
    case "check":
      return namedValueId(n.module, "check", n.name);
    case "resource":
      return n.addr.toString();
    case "provider":
      return n.addr.toString();
    case "module":
      return moduleExpansionId(n.path);
  }
}

/** `module.web (expand)`, as OpenTofu names the node in graphs. */
export function moduleExpansionId(path: Module): string {
  return `${path.toString()} (expand)`;
}

export function nodeRange(n: GraphNode): Range | undefined {
  switch (n.kind) {
    case "resource":
      return n.config?.declRange;
    case "provider":
      return n.config?.declRange;
    default:
      return n.config.declRange;
  }
}

/** Named as Terraform names the node in a "Cycle" error: local values and outputs are expansion nodes. */
export function describeNode(id: string, n: GraphNode): { name: string; range?: Range } {
  return { name: n.kind === "local" || n.kind === "output" ? `${id} (expand)` : id, range: nodeRange(n) };
}
