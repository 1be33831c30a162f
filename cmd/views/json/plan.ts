// `cairn show -json PLANFILE`: a plan in Terraform's JSON plan representation, format_version "1.2"
// (internal/command/jsonplan), so that policy and cost tools written for Terraform read Cairn's plans.
// Fields appear in Terraform's order with Go's omitempty rules; numbers keep every digit. planToJSONText is
// the exact text `show -json` prints; planToJSON is the same document parsed, for callers that inspect it.
//
// Deliberate differences, all additive or empty: `relevant_attributes` follows references from changed resources through local values (Terraform
// also follows them through module calls, which Cairn does not plan yet), child modules of module calls are
// empty objects (Cairn plans the root module only). A delete of a data source is never shown: Terraform
// drops orphaned data sources without a change, and so does the human renderer.

import type { ConfigModule } from "../../../config/model.js";
import type { Plan, ResourceInstanceChange } from "../../../planner/plan/model.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import { VERSION } from "../../../operations/version.js";
import { jsonBool, jsonString, map, raw, struct, type JsonText } from "../state/go-json.js";
import { stateJson } from "../state/state-json.js";
import { isStateEmpty } from "../state/state-values.js";
import { checksJson } from "./checks.js";
import { configurationJson, type ConfigurationOptions } from "./configuration.js";
import { plannedValuesJson } from "./planned-values.js";
import { relevantAttributesJson } from "./relevant-attributes.js";
import { outputChangesJson, resourceChangesJson, type JsonSchemaLookup } from "./resource-change.js";
import { knownValueJson } from "./value-json.js";

export const JSON_PLAN_FORMAT_VERSION = "1.2";

export interface PlanJsonOptions {
  readonly schemaFor: JsonSchemaLookup;
  readonly providerSchemaFor?: ConfigurationOptions["providerSchemaFor"];
  /** The root module's configuration; without it `configuration` and `relevant_attributes` are omitted. */
  readonly config?: ConfigModule;
  /** Overrides Cairn's version in terraform_version (golden tests pin it). */
  readonly version?: string;
}

export function planToJSONText(plan: Plan, opts: PlanJsonOptions): string {
  const changes = shownChanges(plan.resourceChanges);
  const drift = inTerraformOrder(plan.driftedResources).filter((rc) => rc.action !== "no-op" || (rc.prevRunAddr !== undefined && !rc.prevRunAddr.equals(rc.addr)));
  return struct([
    ["format_version", jsonString(JSON_PLAN_FORMAT_VERSION)],
    ["terraform_version", jsonString(opts.version ?? VERSION)],
    ["variables", variablesJson(plan)],
    ["planned_values", plannedValuesJson(changes, plan.outputChanges, opts.schemaFor)],
    ["resource_drift", resourceChangesJson(drift, opts.schemaFor)],
    ["resource_changes", resourceChangesJson(changes, opts.schemaFor)],
    ["output_changes", outputChangesJson(plan.outputChanges)],
    ["prior_state", priorStateJson(plan, opts.schemaFor)],
    ["configuration", opts.config !== undefined ? configurationJson(opts.config, opts) : undefined],
    ["relevant_attributes", opts.config !== undefined ? relevantAttributesJson(changes, opts.config, opts.schemaFor) : undefined],
    ["checks", checksJson(plan.checks)],
    ["timestamp", jsonString(rfc3339Seconds(plan.timestamp))],
    ["applyable", jsonBool(plan.applyable)],
    ["complete", jsonBool(plan.complete)],
    ["errored", jsonBool(plan.errored)],
  ]);
}

/** The JSON plan as a plain object (numbers beyond a double's precision are rounded: prefer the text). */
export function planToJSON(plan: Plan, opts: PlanJsonOptions): Record<string, unknown> {
  return JSON.parse(planToJSONText(plan, opts)) as Record<string, unknown>;
}

/**
 * The state the plan started from, values decoded through their schemas into plain JSON as in `show -json`
 * of a state; omitted for an empty state, as Terraform omits it.
 */
function priorStateJson(plan: Plan, schemaFor: JsonSchemaLookup): JsonText | undefined {
  if (plan.priorState === undefined || isStateEmpty(plan.priorState)) return undefined;
  return raw(stateJson(plan.priorState, (provider, mode, type) => schemaFor(provider, mode, type)?.block));
}

function shownChanges(changes: readonly ResourceInstanceChange[]): ResourceInstanceChange[] {
  return inTerraformOrder(changes.filter((rc) => !(rc.action === "delete" && rc.addr.resource.resource.mode === "data")));
}

/**
 * Terraform lists changes by module instance first, a shorter module path before a longer one (so
 * `module.a.x` comes before `module.a.module.b.y`), then by resource address.
 */
function inTerraformOrder(changes: readonly ResourceInstanceChange[]): ResourceInstanceChange[] {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...changes].sort((a, b) => {
    const ma = a.addr.module.steps;
    const mb = b.addr.module.steps;
    if (ma.length !== mb.length) return ma.length - mb.length;
    return cmp(a.addr.module.toString(), b.addr.module.toString()) || cmp(a.addr.resource.toString(), b.addr.resource.toString()) || cmp(a.deposedKey ?? "", b.deposedKey ?? "");
  });
}

/** Root variables as {"name": {"value": ...}}; sensitive ones in plain text, as Terraform writes them. */
function variablesJson(plan: Plan): JsonText | undefined {
  const out = new Map<string, JsonText>();
  for (const [name, v] of plan.variableValues) {
    const text = knownValueJson(v.unmarkDeep()[0]);
    out.set(name, struct([["value", text]]));
  }
  return out.size > 0 ? map(out, compareGoStrings) : undefined;
}

/** Go's time.RFC3339 layout: whole seconds, "Z" for UTC. */
export function rfc3339Seconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
