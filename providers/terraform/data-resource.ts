// The `terraform_data` managed resource, as Terraform's: a value that follows the resource lifecycle and
// does nothing else.
//   input             dynamic, optional   any value; `output` mirrors it after apply
//   output            dynamic, computed   unknown in the plan whenever input changes (or on create)
//   triggers_replace  dynamic, optional   any change replaces the object
//   id                string, computed    a random UUID chosen at create
// Everything lives in state: read returns the prior state unchanged, and import accepts any ID.

import { type Diagnostic, errorDiag } from "../../planner/lang/diagnostics.js";
import { DynamicPseudoType, StringType } from "../../planner/lang/values/types.js";
import { NullDynamic, type Value, nullVal, objectVal, rawEquals, stringVal, unknownVal } from "../../planner/lang/values/value.js";
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

export function planDataResource(prior: Value, proposed: Value): DataResourcePlan {
  if (proposed.isNull()) return { plannedState: proposed, requiresReplace: [] };
  const planned = new Map(proposed.asEntries());
  const input = getAttr(proposed, "input");
  const trigger = getAttr(proposed, "triggers_replace");
  // The output of a new object has the input's type even when the input is null.
  const freshOutput = input.isNull() ? input : unknownVal(input.type);
  if (prior.isNull()) {
    planned.set("id", unknownVal(StringType));
    planned.set("output", freshOutput);
    return { plannedState: objectVal(planned), requiresReplace: [] };
  }
  if (!rawEquals(getAttr(prior, "triggers_replace"), trigger)) {
    planned.set("id", unknownVal(StringType));
    planned.set("output", freshOutput);
    return { plannedState: objectVal(planned), requiresReplace: [[{ kind: "attr", name: "triggers_replace" }]] };
  }
  if (!rawEquals(getAttr(prior, "input"), input)) {
    // An update: only the output needs computing again.
    planned.set("output", unknownVal(input.type));
  }
  return { plannedState: objectVal(planned), requiresReplace: [] };
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
  return { newState: objectVal(next), ...(priv !== undefined ? { private: priv } : {}) };
}

/** Import by ID: nothing but the ID is known about the object; the other attributes are null. */
export function importDataResource(id: string): Value {
  const attrs = new Map<string, Value>();
  for (const [name, t] of impliedType(dataResourceSchema.block).attrs) attrs.set(name, t.kind === "dynamic" ? NullDynamic : nullVal(t));
  attrs.set("id", stringVal(id));
  return objectVal(attrs);
}
