// `cairn plan`, plus the plumbing `apply` and `destroy` share with it: flags, loading the configuration and
// variables, the state lock, crash recovery, planning, and rendering with the human plan renderer.
// Exit codes as Terraform: 0 success (no changes with -detailed-exitcode), 1 error, 2 changes (-detailed-exitcode).

import type { Command } from "../registry.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { planArtifactFlags, planNextStep, savePlanIfAsked } from "../operation/plan-output.js";
import { driftedInstances, recordPlanDrift } from "../../operations/record-drift.js";
import { lockState, prepareOperation, showDiags, unlockState, writePlan } from "../operation/operation.js";
import { stateForPlan } from "../../operations/plan-state.js";

export const planCommand: Command = {
  name: "plan",
  synopsis: "Show changes required by the current configuration",
  async run(argv, ctx) {
    const op = await prepareOperation(argv, ctx, "plan", planArtifactFlags);
    if (typeof op === "number") return op;
    try {
      if (!(await lockState(op, "OperationTypePlan"))) return 1;
      const st = await stateForPlan(op.store, op.core);
      showDiags(op, st.diags);
      if (hasErrors(st.diags)) return 1;
      const { plan, diags } = await op.core.plan(st.state, op.planOptions);
      if (plan === undefined || hasErrors(diags)) {
        if (plan !== undefined && plan.resourceChanges.length > 0) await writePlan(op, plan);
        // As Terraform, -out saves an errored plan too (for `show`; apply refuses it as incomplete).
        const saved = plan !== undefined ? await savePlanIfAsked(op, plan) : [];
        showDiags(op, [...diags, ...saved]);
        return 1;
      }
      const saved = await savePlanIfAsked(op, plan); // -out=FILE (plan-output.ts)
      showDiags(op, saved);
      if (hasErrors(saved)) return 1;
      await writePlan(op, plan);
      showDiags(op, diags);
      if (plan.mode === "refresh-only" && st.state !== undefined) {
        showDiags(op, (await recordPlanDrift(op.store, ctx, st.state, driftedInstances(plan), { command: "plan -refresh-only", args: argv })).diags);
      }
      if (plan.applyable) ctx.stdout.write(planNextStep(op, op.color)); // "Saved the plan to" or the -out note
      return op.flags.bools.get("detailed-exitcode") && plan.applyable ? 2 : 0;
    } finally {
      await unlockState(op);
      await op.core.close();
    }
  },
};
