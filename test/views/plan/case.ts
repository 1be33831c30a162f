// A rendering case: a plan built from the planner's types, the options to render it with, and strings that
// must never appear in the output (sensitive values). Its golden file is fixtures/<name>/expected.txt.

import type { Plan } from "../../../planner/plan/model.js";

export interface PlanCase {
  readonly name: string;
  readonly plan: Plan;
  readonly color?: boolean;
  readonly width?: number;
  readonly inAutomation?: boolean;
  readonly secrets?: readonly string[];
}
