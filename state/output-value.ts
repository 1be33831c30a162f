// A root output as state records it (its JSON value and type) read back as a value: for the plan, which
// compares outputs with their prior values, and for terraform_remote_state, which reads another state's.

import { jsonTextToValue, typeFromJSON } from "../lang/values/json.js";
import { canonicalJson } from "../lang/values/json-exact.js";
import type { Value } from "../lang/values/value.js";
import type { OutputState } from "./model.js";

/** The output's value (unmarked), or undefined when it is absent or its recorded type or value is unreadable. */
export function outputStateValue(s: OutputState | undefined): Value | undefined {
  if (s === undefined) return undefined;
  const t = typeFromJSON(s.type);
  if (!t.ok) return undefined;
  const v = jsonTextToValue(canonicalJson(s.value), t.type);
  return v.ok ? v.value : undefined;
}
