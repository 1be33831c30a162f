// A check block: its assertions are evaluated after what they refer to. A failed assertion is a warning in
// the plan (Terraform's checks never stop a plan) and is reported again by the apply; a destroy skips them.

import type { ModuleInstance } from "../../../addrs/module.js";
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
      const diags = evalCheckRules(node.config.asserts, "check-assertion", ctx.scope.context(), checkAddress(ctx.moduleInstance, node.name), namedCheck(ctx.modules.checks, "check", ctx.moduleInstance, `check.${node.name}`));
      ctx.warnings.push(...diags.filter((d) => d.severity === "warning"));
      return diags.filter((d) => d.severity === "error");
    }),
  apply: (whole, node) =>
    applyEach(whole, node, (ctx) => (ctx.plan.mode === "destroy" ? [] : evalCheckRules(node.config.asserts, "check-assertion", ctx.scope.context(), checkAddress(ctx.moduleInstance, node.name), namedCheck(ctx.modules.checks, "check", ctx.moduleInstance, `check.${node.name}`)))),
};

/** The check's absolute address (`module.a.check.b`), what a test's `expect_failures` compares with. */
function checkAddress(mi: ModuleInstance, name: string): string {
  return mi.isRoot() ? `check.${name}` : `${mi.toString()}.check.${name}`;
}
