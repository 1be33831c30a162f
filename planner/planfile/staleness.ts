// The checks `apply FILE` makes before it applies a saved plan (Terraform's backend/local checks), with
// Terraform's wording: the state must be of the same lineage and at the same serial as the state the plan
// was made against, and (Cairn's addition) the configuration must be the one the plan was made from.

import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import type { StateFile } from "../../state/model.js";
import { compareConfigFiles, type ConfigFile } from "./config-snapshot.js";
import type { PlanFile } from "./index.js";

export function checkPlanApplicable(planFile: PlanFile, currentState: StateFile | undefined, currentConfigFiles: readonly ConfigFile[], currentWorkspace?: string): Diagnostic[] {
  const diags: Diagnostic[] = [];
  // A new workspace's empty state has no lineage to compare: the recorded workspace catches that case.
  if (planFile.workspace !== undefined && currentWorkspace !== undefined && planFile.workspace !== currentWorkspace) {
    diags.push(
      errorDiag(
        "Saved plan is for a different workspace",
        `The given saved plan does not apply to the workspace "${currentWorkspace}" because it was created for workspace "${planFile.workspace}". Select the workspace "${planFile.workspace}" (cairn workspace select ${planFile.workspace}) or create a new plan for the current workspace.`,
      ),
    );
    return diags;
  }
  const planned = planFile.priorState;
  // A plan made when there was no state yet has nothing to compare lineage with; only the serial tells
  // whether another operation wrote a state since (Terraform's "first plan" case).
  // (Its outputs do not count: the plan records the outputs it evaluated in the prior state.)
  // (Objects an import block adopted are in the prior state already: the state before refresh decides.)
  const before = planFile.plan.prevRunState;
  const firstPlan = planned.serial === 0 && before.serial === 0 && before.resources.length === 0;
  const currentSerial = currentState?.serial ?? 0;
  if (!firstPlan && currentState !== undefined && planned.lineage !== currentState.lineage) {
    diags.push(
      errorDiag("Saved plan does not match the given state", "The given plan file can not be applied because it was created from a different state lineage."),
    );
  } else if (planned.serial !== currentSerial || (!firstPlan && currentState === undefined)) {
    diags.push(
      errorDiag(
        "Saved plan is stale",
        "The given plan file can no longer be applied because the state was changed by another operation after the plan was created.",
      ),
    );
  }
  const d = compareConfigFiles(planFile.configSnapshot, currentConfigFiles);
  const parts = [
    ...d.changed.map((n) => `${n} was modified`),
    ...d.added.map((n) => `${n} was added`),
    ...d.removed.map((n) => `${n} was removed`),
  ];
  if (parts.length > 0) {
    diags.push(
      errorDiag(
        "Saved plan does not match the configuration",
        `The given plan file can no longer be applied because the configuration was changed after the plan was created (${parts.join(", ")}). Create a new plan from the current configuration with "cairn plan -out=FILE".`,
      ),
    );
  }
  return diags;
}
