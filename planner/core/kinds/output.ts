// An output value. A child module's output becomes part of the module call's value in the caller; a root
// output is a planned change in the plan walk and is recorded in state by the apply walk.

import { hasErrors } from "../../../lang/diagnostics.js";
import { isChildNode, visitChildOutput } from "../../eval/module-scopes.js";
import { evaluateOutput, outputForState } from "../../eval/outputs.js";
import { outputStateValue } from "../../../state/output-value.js";
import { namedCheck } from "../../eval/check-results.js";
import { outputChange } from "../../plan/output-change.js";
import { applyEach, planEach, validateEach, type NodeKind, type NodeOfKind } from "../node-kind.js";

type OutputNode = NodeOfKind<"output">;

export const outputKind: NodeKind<OutputNode> = {
  validate: (whole, node) =>
    validateEach(whole, node, (ctx) => (isChildNode(node) ? visitChildOutput(node, ctx.modules, ctx.moduleInstance, ctx.scope, true) : evaluateOutput(node.config, ctx.scope.context()).diags)),

  plan: (whole, node) =>
    planEach(whole, node, (ctx) => {
      if (isChildNode(node)) return visitChildOutput(node, ctx.modules, ctx.moduleInstance, ctx.scope, ctx.mode === "normal");
      const prior = outputStateValue(ctx.prevRunState.outputs[node.name]);
      if (ctx.mode === "destroy") {
        if (prior !== undefined) ctx.outputChanges.push(outputChange(node.name, prior, undefined, node.config.sensitive));
        return [];
      }
      // Refresh-only plans show output changes too (the apply records them).
      const ev = evaluateOutput(node.config, ctx.scope.context(), true, namedCheck(ctx.modules.checks, "output", ctx.moduleInstance, `output.${node.name}`));
      if (hasErrors(ev.diags)) return ev.diags;
      const sensitive = node.config.sensitive || ev.value.containsMarked();
      ctx.outputChanges.push(outputChange(node.name, prior, ev.value, sensitive));
      // As Terraform, a value known now is also the prior state's (what `show -json` prints as prior_state);
      // a null one leaves it, as state omits null outputs.
      if (ev.value.unmarkDeep()[0].isWhollyKnown()) ctx.state.setOutput(node.name, outputForState(ev.value, sensitive) ?? null);
      return ev.diags;
    }),

  apply: (whole, node) =>
    applyEach(whole, node, (ctx) => {
      if (isChildNode(node)) return visitChildOutput(node, ctx.modules, ctx.moduleInstance, ctx.scope, ctx.plan.mode === "normal");
      if (ctx.plan.mode === "destroy") {
        ctx.sink.recordOutput({ name: node.name, output: null });
        return [];
      }
      const ev = evaluateOutput(node.config, ctx.scope.context(), true, namedCheck(ctx.modules.checks, "output", ctx.moduleInstance, `output.${node.name}`));
      if (hasErrors(ev.diags)) return ev.diags;
      const out = outputForState(ev.value, node.config.sensitive);
      ctx.sink.recordOutput({ name: node.name, output: out ?? null });
      return ev.diags;
    }),
};
