// `cairn show -json`: the state as Terraform's JSON values representation (format_version "1.0"),
// compact on one line as Terraform prints it. An empty state is just {"format_version":"1.0"}.

import type { StateSchemaLookup } from "../../../planner/scope/state-values.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import type { StateFile } from "../../../state/model.js";
import { array, jsonBool, jsonNumber, jsonString, jsonValue, map, struct, type JsonText } from "./go-json.js";
import { isStateEmpty, stateValues, type StateModuleValues, type StateResourceValues } from "./state-values.js";

export const JSON_STATE_FORMAT_VERSION = "1.0";

export function stateJson(state: StateFile | undefined, schemaFor?: StateSchemaLookup): string {
  if (state === undefined || isStateEmpty(state)) return struct([["format_version", jsonString(JSON_STATE_FORMAT_VERSION)]]);
  const values = stateValues(state, schemaFor);
  const outputs = new Map<string, JsonText>();
  for (const [name, o] of values.outputs) {
    outputs.set(name, struct([["sensitive", jsonBool(o.sensitive === true)], ["value", jsonValue(o.value)], ["type", jsonValue(o.type)]]));
  }
  return struct([
    ["format_version", jsonString(JSON_STATE_FORMAT_VERSION)],
    ["terraform_version", state.terraform_version !== "" ? jsonString(state.terraform_version) : undefined],
    [
      "values",
      struct([
        ["outputs", outputs.size > 0 ? map(outputs, compareGoStrings) : undefined],
        ["root_module", moduleJson(values.rootModule)],
      ]),
    ],
  ]);
}

function moduleJson(m: StateModuleValues): JsonText {
  return struct([
    ["resources", m.resources.length > 0 ? array(m.resources.map(resourceJson)) : undefined],
    ["address", m.address !== "" ? jsonString(m.address) : undefined],
    ["child_modules", m.childModules.length > 0 ? array(m.childModules.map(moduleJson)) : undefined],
  ]);
}

export function resourceJson(r: StateResourceValues): JsonText {
  return struct([
    ["address", jsonString(r.address)],
    ["mode", jsonString(r.mode)],
    ["type", jsonString(r.type)],
    ["name", jsonString(r.name)],
    ["index", r.index !== undefined ? jsonValue(r.index) : undefined],
    ["provider_name", jsonString(r.providerName)],
    ["schema_version", jsonNumber(r.schemaVersion)],
    ["values", Object.keys(r.values).length > 0 ? jsonValue(r.values) : undefined],
    ["sensitive_values", jsonValue(r.sensitiveValues)],
    ["depends_on", r.dependsOn !== undefined ? array(r.dependsOn.map(jsonString)) : undefined],
    ["tainted", r.tainted ? jsonBool(true) : undefined],
    ["deposed_key", r.deposedKey !== undefined ? jsonString(r.deposedKey) : undefined],
  ]);
}
