// cmd/views/plan: renders a Plan for humans exactly as Terraform's plan renderer does (internal/command/
// jsonformat). The pipeline mirrors Terraform's: planner values become JSON-shaped structured changes
// (build-change, from-value), differs compute a tree of diffs against the provider schema (differ/), and
// renderers print it (renderers/). Imports only planner types; no planning logic lives here.

export { renderPlan, renderPlanPieces, type RenderPlanOptions, type SchemaLookup } from "./render-plan.js";
