// A local value: evaluated in every module instance and set in its scope. The validate walk, which sees
// unknown values, reports a local that refers to itself and lets an erroneous local stand as unknown so that
// what depends on it is still checked.

import { hasErrors } from "../../../lang/diagnostics.js";
import { evaluate } from "../../../lang/eval/evaluate.js";
import { DynamicVal } from "../../../lang/values/value.js";
import type { ScopeView } from "../../eval/scope.js";
import { selfReferenceDiags } from "../../eval/self-reference.js";
import { applyEach, planEach, validateEach, type NodeKind, type NodeOfKind } from "../node-kind.js";

type LocalNode = NodeOfKind<"local">;

function evaluateLocal(node: LocalNode, scope: ScopeView) {
  const ev = evaluate(node.config.expr, scope.context());
  scope.setLocal(node.name, ev.value);
  return ev.diags;
}

export const localKind: NodeKind<LocalNode> = {
  validate: (whole, node, id) =>
    validateEach(whole, node, (ctx) => {
      const self = selfReferenceDiags(node, id, ctx.providers);
      if (self.length > 0) {
        ctx.scope.setLocal(node.name, DynamicVal);
        return self;
      }
      const ev = evaluate(node.config.expr, ctx.scope.context());
      ctx.scope.setLocal(node.name, hasErrors(ev.diags) ? DynamicVal : ev.value);
      return ev.diags;
    }),
  plan: (whole, node) => planEach(whole, node, (ctx) => evaluateLocal(node, ctx.scope)),
  apply: (whole, node) => applyEach(whole, node, (ctx) => evaluateLocal(node, ctx.scope)),
};
