// An input variable node: a root module's variables are set before any walk; a child module's take their
// call's argument, evaluated in the caller's scope, in every walk alike.

import type { ModuleInstance } from "../../../addrs/module.js";
import type { Diagnostic } from "../../../lang/diagnostics.js";
import type { ModuleInstances } from "../../eval/module-instances.js";
import type { ScopeView } from "../../eval/scope.js";
import { isChildNode, visitChildVariable } from "../../eval/module-scopes.js";
import { namedCheck } from "../../eval/check-results.js";
import { applyEach, planEach, validateEach, type NodeKind, type NodeOfKind } from "../node-kind.js";

type VariableNode = NodeOfKind<"variable">;

/** What each walk's per-instance context has in common. */
interface InstanceScope {
  readonly modules: ModuleInstances;
  readonly moduleInstance: ModuleInstance;
  readonly scope: ScopeView;
}

function setFromCall(node: VariableNode, ctx: InstanceScope): Diagnostic[] {
  return isChildNode(node) ? visitChildVariable(node, ctx.modules, ctx.moduleInstance, ctx.scope) : [];
}

/** A root variable's validations ran before the walk (planner/variables): one that got here passed. */
function reportRootValidations(node: VariableNode, ctx: InstanceScope): void {
  if (!isChildNode(node) && node.config.validations.length > 0) namedCheck(ctx.modules.checks, "var", ctx.moduleInstance, `var.${node.name}`)({ status: "pass", messages: [] });
}

export const variableKind: NodeKind<VariableNode> = {
  validate: (whole, node) => validateEach(whole, node, (ctx) => setFromCall(node, ctx)),
  plan: (whole, node) =>
    planEach(whole, node, (ctx) => {
      if (ctx.mode !== "destroy") reportRootValidations(node, ctx);
      return setFromCall(node, ctx);
    }),
  apply: (whole, node) =>
    applyEach(whole, node, (ctx) => {
      if (ctx.plan.mode !== "destroy") reportRootValidations(node, ctx);
      return setFromCall(node, ctx);
    }),
};
