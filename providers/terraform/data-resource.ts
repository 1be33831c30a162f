// The `terraform_data` managed resource, as Terraform's: a value that follows the resource lifecycle and
// does nothing else.
//   input             dynamic, optional   any value; `output` mirrors it after apply
//   output            dynamic, computed   unknown in the plan whenever input changes (or on create)
//   triggers_replace  dynamic, optional   any change replaces the object
//   id                string, computed    a random UUID chosen at create
// Everything lives in state: read returns the prior state unchanged, and import accepts any ID.
//
// Sensitivity of `output`
// -----------------------
// `output` is a copy of `input`, but the planner marks only what the configuration sets (by path) and
// what the schema declares sensitive, so a sensitive `input` used to leave `output` unmarked: the secret
// was printed by plan, show and state show and missing from state's sensitive_attributes. Terraform and
// OpenTofu still behave that way (hashicorp/terraform#35609, "terraform_data displays sensitive output when
// sensitive input changes", and #38133, "output attribute doesn't inherit the sensitive flag from input",
// both open): their builtin provider never sees marks and has no way to report them. Cairn differs on
// purpose: the planner passes the configuration's sensitive paths (sensitiveConfigPaths, see
// providers/interface.ts), and when any of them lies under `input` this resource answers that the whole
// `output` attribute is sensitive (sensitivePaths), at plan (an unknown output is marked too, so whatever
// it becomes is covered) and at apply. The whole attribute, not the matching sub-paths: that is safe for
// any shape of value and is what a `sensitive = true` schema attribute would give. A configuration that
// wants part of it shown unwraps it with nonsensitive(), as in Terraform.

import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import { DynamicPseudoType, StringType } from "../../lang/values/types.js";
import { NullDynamic, type Value, nullVal, objectValOwning, rawEquals, stringVal, unknownVal } from "../../lang/values/value.js";
import type { AttributePath } from "../interface.js";
import { getAttr } from "../objchange/index.js";
import { privateWithClientToken } from "../private-data.js";
import { impliedType, type Schema } from "../schema.js";

export const dataResourceTypeName = "terraform_data";

export const dataResourceSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      input: { type: DynamicPseudoType, optional: true },
      output: { type: DynamicPseudoType, computed: true },
      triggers_replace: { type: DynamicPseudoType, optional: true },
      id: { type: StringType, computed: true },
    },
  },
};

export function validateDataResource(config: Value): Diagnostic[] {
  if (config.isNull() || !config.isKnown()) return [];
  // Core rejects computed attributes in configuration already; this guards calls that bypass it.
  return ["id", "output"]
    .filter((name) => !getAttr(config, name).isNull())
    .map((name) => errorDiag(`"${name}" attribute is read-only`, `The "${name}" attribute of terraform_data is set by Cairn, not by configuration.`));
}

export interface DataResourcePlan {
  readonly plannedState: Value;
  readonly requiresReplace: AttributePath[];
}

const outputPath: AttributePath = [{ kind: "attr", name: "output" }];

/**
 * The output's sensitive paths: each sensitive configuration path under `input` mirrored under `output`
 * (`input.secret` → `output.secret`), so only the parts that hold the secret are marked, as Terraform marks
 * nested values by path. An output not known yet carries no marks (a mark on an unknown value would cover
 * all of it); the whole object or the whole input sensitive marks the whole output.
 */
export function derivedSensitivePaths(sensitiveConfigPaths: readonly AttributePath[] | undefined, plannedOutput?: Value): AttributePath[] {
  if (plannedOutput !== undefined && !plannedOutput.isKnown()) return [];
  const out: AttributePath[] = [];
  for (const p of sensitiveConfigPaths ?? []) {
    if (p.length === 0) return [outputPath];
    if (p[0]!.kind === "attr" && p[0]!.name === "input") out.push([...outputPath, ...p.slice(1)]);
  }
  return out;
}

export function planDataResource(prior: Value, proposed: Value): DataResourcePlan {
  if (proposed.isNull()) return { plannedState: proposed, requiresReplace: [] };
  const input = getAttr(proposed, "input");
  const trigger = getAttr(proposed, "triggers_replace");
  if (!prior.isNull() && rawEquals(getAttr(prior, "triggers_replace"), trigger) && rawEquals(getAttr(prior, "input"), input)) {
    // Unchanged (every object of a no-op plan): the proposed object is the plan, not a copy of it.
    return { plannedState: proposed, requiresReplace: [] };
  }
  const planned = new Map(proposed.asEntries());
  // The output of a new object has the input's type even when the input is null.
  const freshOutput = input.isNull() ? input : unknownVal(input.type);
  if (prior.isNull()) {
    planned.set("id", unknownVal(StringType));
    planned.set("output", freshOutput);
    return { plannedState: objectValOwning(planned), requiresReplace: [] };
  }
  if (!rawEquals(getAttr(prior, "triggers_replace"), trigger)) {
    planned.set("id", unknownVal(StringType));
    planned.set("output", freshOutput);
    return { plannedState: objectValOwning(planned), requiresReplace: [[{ kind: "attr", name: "triggers_replace" }]] };
  }
  // The input changed (the triggers did not: see above): only the output needs computing again.
  planned.set("output", unknownVal(input.type));
  return { plannedState: objectValOwning(planned), requiresReplace: [] };
}

export interface DataResourceApplied {
  readonly newState: Value;
  readonly private?: string;
}

export function applyDataResource(
  prior: Value,
  planned: Value,
  plannedPrivate: string | undefined,
  clientToken: string,
  generateId: () => string,
): DataResourceApplied {
  if (planned.isNull()) return { newState: planned };
  const next = new Map(planned.asEntries());
  if (!getAttr(planned, "output").isKnown()) next.set("output", getAttr(planned, "input"));
  if (!getAttr(planned, "id").isKnown()) next.set("id", stringVal(generateId()));
  // A new object records the create's client token; an updated one keeps what it had.
  const priv = prior.isNull() ? privateWithClientToken(clientToken, plannedPrivate) : plannedPrivate;
  return { newState: objectValOwning(next), ...(priv !== undefined ? { private: priv } : {}) };
}

/** Import by ID: nothing but the ID is known about the object; the other attributes are null. */
export function importDataResource(id: string): Value {
  const attrs = new Map<string, Value>();
  for (const [name, t] of impliedType(dataResourceSchema.block).attrs) attrs.set(name, t.kind === "dynamic" ? NullDynamic : nullVal(t));
  attrs.set("id", stringVal(id));
  return objectValOwning(attrs);
}
