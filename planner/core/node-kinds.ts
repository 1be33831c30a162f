// Every graph node kind and what it does in each walk.

import type { GraphNode } from "../eval/nodes.js";
import type { NodeKind, NodeOfKind } from "./node-kind.js";
import { checkKind } from "./kinds/check.js";
import { localKind } from "./kinds/local.js";
import { moduleKind } from "./kinds/module.js";
import { outputKind } from "./kinds/output.js";
import { providerKind } from "./kinds/provider.js";
import { resourceKind } from "./kinds/resource.js";
import { variableKind } from "./kinds/variable.js";

const kinds: { readonly [K in GraphNode["kind"]]: NodeKind<NodeOfKind<K>> } = {
  variable: variableKind,
  local: localKind,
  output: outputKind,
  check: checkKind,
  resource: resourceKind,
  provider: providerKind,
  module: moduleKind,
};

export function kindOf<N extends GraphNode>(node: N): NodeKind<N> {
  // The table is typed per kind; TypeScript cannot correlate `node.kind` with the entry it selects.
  return kinds[node.kind] as unknown as NodeKind<N>;
}
