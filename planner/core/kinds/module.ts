// A module call's expansion node: evaluates the call's count/for_each and records the module's instances
// (once per node, in the caller's instances), so that every node inside runs once per module instance.

import { visitModuleExpansion } from "../../eval/module-scopes.js";
import { validateExpansion } from "../../validate/expansion.js";
import type { NodeKind, NodeOfKind } from "../node-kind.js";

type ModuleNode = NodeOfKind<"module">;

export const moduleKind: NodeKind<ModuleNode> = {
  validate: (whole, node) => visitModuleExpansion(whole.modules, node, whole.providers, validateExpansion),
  plan: (whole, node) => visitModuleExpansion(whole.modules, node, whole.providers),
  apply: (whole, node) => visitModuleExpansion(whole.modules, node, whole.providers),
};
