// How many operations an apply of a plan will report through its hooks: the denominator of the progress bar.
// It mirrors what planner/apply calls preApply for: one per create, update, delete and data read, two per
// replacement (delete and create), none for a no-op (an import without changes is recorded, not applied).

import type { Plan } from "../../../planner/plan/model.js";

export function plannedOperations(plan: Pick<Plan, "resourceChanges">): number {
  let n = 0;
  for (const c of plan.resourceChanges) {
    switch (c.action) {
      case "create":
      case "update":
      case "delete":
      case "read":
        n++;
        break;
      case "delete-then-create":
      case "create-then-delete":
        n += 2;
        break;
      case "no-op":
        break;
    }
  }
  return n;
}
