// A root output as stored in state (exact JSON value plus its cty type in JSON form) turned into a language
// Value, for printing it as Terraform's `output` command prints values (repl.FormatValue, string conversion).

import { canonicalJson } from "../../../lang/values/json-exact.js";
import type { OutputState } from "../../../state/model.js";
import { jsonTextToValue, typeFromJSON } from "../../../lang/values/json.js";
import type { Value } from "../../../lang/values/value.js";

export function outputValue(o: OutputState): { ok: true; value: Value } | { ok: false; message: string } {
  const t = typeFromJSON(o.type);
  if (!t.ok) return { ok: false, message: `invalid output type in state: ${t.message}` };
  const v = jsonTextToValue(canonicalJson(o.value), t.type);
  if (!v.ok) return { ok: false, message: `invalid output value in state: ${v.message}` };
  return { ok: true, value: v.value };
}
