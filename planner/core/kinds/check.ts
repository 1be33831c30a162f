// A check block: its assertions are evaluated after what they refer to. A failed assertion is a warning in
// the plan (Terraform's checks never stop a plan) and is reported again by the apply; a destroy skips them.

import { evalCheckRules } from "../../eval/conditions.js";
import { namedCheck } from "../../eval/check-results.js";
import { evaluationErrors } from "../../validate/resource.js";
import { applyEach, planEach, validateEach, type NodeKind, type NodeOfKind } from "../node-kind.js";

type CheckNode = NodeOfKind<"check">;

export const checkKind: NodeKind<CheckNode> = {
  validate: (whole, node) => validateEach(whole, node, (ctx) => evaluationErrors(node.config.asserts.flatMap((r) => [r.condition, r.errorMessage]), ctx.scope.context())),
  plan: (whole, node) =>
    planEach(whole, node, (ctx) => {
      if (ctx.mode === "destroy") return [];
      const diags = evalCheckRules(node.config.asserts, "check-assertion", ctx.scope.context(), `check.${node.name}`, namedCheck(ctx.modules.checks, "check", ctx.moduleInstance, `check.${node.name}`));
      ctx.warnings.push(...diags.filter((d) => d.severity === "warning"));
      return diags.filter((d) => d.severity === "error");
    }),
  apply: (whole, node) =>
    applyEach(whole, node, (ctx) => (ctx.plan.mode === "destroy" ? [] : evalCheckRules(node.config.asserts, "check-assertion", ctx.scope.context(), `check.${node.name}`, namedCheck(ctx.modules.checks, "check", ctx.moduleInstance, `check.${node.name}`)))),
};
