// Object-change rules shared by the planner and providers: the proposed new state and plan validity checks
// (Terraform's plans/objchange), plus cty-style value printing for their messages.

export { proposedNewState } from "./proposed-new.js";
export { assertPlanValid, type PlanToCheck } from "./assert-plan-valid.js";
export { valueGoString, typeGoString } from "./go-string.js";
export { getAttr } from "./object-access.js";
