// `planned_values`: the state the plan would leave, in Terraform's values representation
// (jsonplan.marshalPlannedValues): every change that is not a delete (no-ops included, deposed objects
// excluded) grouped by module instance, with unknown attributes left out of `values` and sensitive ones
// flagged in `sensitive_values`; root outputs that are not deleted, with value and type only when known.

import type { ModuleInstance } from "../../../addrs/module.js";
import type { OutputChange, ResourceInstanceChange } from "../../../planner/plan/model.js";
import { typeToJSONText } from "../../../lang/values/json.js";
import { UNKNOWN, type Value } from "../../../lang/values/value.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import { array, jsonBool, jsonNumber, jsonString, jsonValue, map, raw, struct, type JsonText } from "../state/go-json.js";
import { instanceKeyJson, type JsonSchemaLookup } from "./resource-change.js";
import { knownValueJson, sensitiveAsBool, withSchemaMarks } from "./value-json.js";

export function plannedValuesJson(
  changes: readonly ResourceInstanceChange[],
  outputs: readonly OutputChange[],
  schemaFor: JsonSchemaLookup,
): JsonText {
  const byModule = new Map<string, ResourceInstanceChange[]>();
  const children = new Map<string, Map<string, ModuleInstance>>();
  for (const rc of changes) {
    // Deleted and forgotten objects are not in the state the plan leads to.
    if (rc.action === "delete" || rc.action === "forget" || rc.deposedKey !== undefined) continue;
    const mod = rc.addr.module;
    const key = mod.toString();
    if (!byModule.has(key)) byModule.set(key, []);
    byModule.get(key)!.push(rc);
    // Every ancestor of a module with resources appears, even one without resources of its own.
    for (let m = mod; !m.isRoot(); m = m.parent()) {
      const parent = m.parent().toString();
      if (!children.has(parent)) children.set(parent, new Map());
      children.get(parent)!.set(m.toString(), m);
    }
  }
  const moduleJson = (address: string, isRoot: boolean): JsonText => {
    const rs = [...(byModule.get(address) ?? [])]
      .map((rc) => ({ address: rc.addr.toString(), rc }))
      .sort((a, b) => compareGoStrings(a.address, b.address))
      .map(({ rc }) => plannedResourceJson(rc, schemaFor));
    const kids = [...(children.get(address)?.keys() ?? [])].sort(compareGoStrings).map((k) => moduleJson(k, false));
    return struct([
      ["resources", rs.length > 0 ? array(rs) : undefined],
      ["address", isRoot ? undefined : jsonString(address)],
      ["child_modules", kids.length > 0 ? array(kids) : undefined],
    ]);
  };
  return struct([
    ["outputs", plannedOutputsJson(outputs)],
    ["root_module", moduleJson("", true)],
  ]);
}

function plannedResourceJson(rc: ResourceInstanceChange, schemaFor: JsonSchemaLookup): JsonText {
  const res = rc.addr.resource.resource;
  const schema = schemaFor(rc.providerAddr.toString(), res.mode, res.type);
  const after = withSchemaMarks(rc.after, schema?.block);
  return struct([
    ["address", jsonString(rc.addr.toString())],
    ["mode", jsonString(res.mode)],
    ["type", jsonString(res.type)],
    ["name", jsonString(res.name)],
    ["index", instanceKeyJson(rc.addr.resource.instanceKey)],
    ["provider_name", jsonString(rc.providerAddr.provider.toString())],
    ["schema_version", jsonNumber(schema?.version ?? 0)],
    ["values", attributeValuesJson(after)],
    ["sensitive_values", jsonValue(sensitiveAsBool(after))],
  ]);
}

/** marshalAttributeValues: one member per known attribute; omitted (omitempty) when there are none. */
function attributeValuesJson(v: Value): JsonText | undefined {
  if (!(v.raw instanceof Map)) return undefined;
  const parts: string[] = [];
  for (const [k, e] of v.raw as ReadonlyMap<string, Value>) {
    if (e.raw === UNKNOWN) continue;
    parts.push(`${jsonString(k)}:${knownValueJson(e)}`);
  }
  return parts.length > 0 ? raw(`{${parts.join(",")}}`) : undefined;
}

function plannedOutputsJson(outputs: readonly OutputChange[]): JsonText | undefined {
  const entries = new Map<string, JsonText>();
  for (const oc of outputs) {
    if (!oc.addr.module.isRoot() || oc.action === "delete") continue;
    const known = oc.after.isWhollyKnown();
    entries.set(
      oc.addr.output.name,
      struct([
        ["sensitive", jsonBool(oc.sensitive)],
        ["type", known ? raw(typeToJSONText(oc.after.type)) : undefined],
        ["value", known ? knownValueJson(oc.after) : undefined],
      ]),
    );
  }
  return entries.size > 0 ? map(entries, compareGoStrings) : undefined;
}
