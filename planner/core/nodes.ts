// The payloads of the configuration graph's nodes (OpenTofu's graph node types, one kind per config object).
// Ids are the objects' addresses as users write them (`var.x`, `aws_instance.a`, `provider["…"]`), so DOT
// output and Cycle diagnostics name them the familiar way; module paths are part of every address.

import type { AbsProviderConfig } from "../addrs/provider.js";
import type { ConfigResource } from "../addrs/resource.js";
import type { Check, Local, Output, ProviderConfig, Resource, Variable } from "../config/model.js";
import type { Range } from "../lang/pos.js";

export type GraphNode =
  | { readonly kind: "variable"; readonly name: string; readonly config: Variable }
  | { readonly kind: "local"; readonly name: string; readonly config: Local }
  | { readonly kind: "output"; readonly name: string; readonly config: Output }
  | { readonly kind: "check"; readonly name: string; readonly config: Check }
  /** `config` is absent for a resource that exists only in state (an orphan to delete). */
  | { readonly kind: "resource"; readonly addr: ConfigResource; readonly config?: Resource; readonly providerAddr: AbsProviderConfig }
  | { readonly kind: "provider"; readonly addr: AbsProviderConfig; readonly config?: ProviderConfig };

export function nodeId(n: GraphNode): string {
  switch (n.kind) {
    case "variable":
      return `var.${n.name}`;
    case "local":
      return `local.${n.name}`;
    case "output":
      return `output.${n.name}`;
    case "check":
      return `check.${n.name}`;
    case "resource":
      return n.addr.toString();
    case "provider":
      return n.addr.toString();
  }
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

export function describeNode(id: string, n: GraphNode): { name: string; range?: Range } {
  return { name: id, range: nodeRange(n) };
}
