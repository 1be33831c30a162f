// One entry of `resource_changes` / `resource_drift` in Terraform's JSON plan (jsonplan.ResourceChange) and
// the `output_changes` map (jsonplan.MarshalOutputChanges). Fields in Terraform's order, empty ones omitted
// as Go's omitempty omits them; `before`, `after_unknown` and the sensitivity fields follow Terraform's rules
// (see value-json.ts): a create has "before": null and "before_sensitive": false, a delete "after": null,
// "after_unknown": {} and "after_sensitive": false.

import type { InstanceKey } from "../../../addrs/instance-key.js";
import { actionJSON, type OutputChange, type ResourceInstanceChange } from "../../../planner/plan/model.js";
import type { Schema } from "../../../providers/schema.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import { array, jsonString, jsonValue, map, struct, type JsonText } from "../state/go-json.js";
import { knownValueJson, pathsJson, sensitiveAsBool, unknownAsBool, withSchemaMarks } from "./value-json.js";

/** A resource type's schema (with its version) by provider address string, mode and type. */
export type JsonSchemaLookup = (providerAddr: string, mode: "managed" | "data", type: string) => Schema | undefined;

export function instanceKeyJson(k: InstanceKey): JsonText | undefined {
  if (k.kind === "none") return undefined;
  return k.kind === "int" ? jsonValue(k.value) : jsonString(k.value);
}

export function resourceChangeJson(rc: ResourceInstanceChange, schemaFor: JsonSchemaLookup): JsonText {
  const addr = rc.addr;
  const res = addr.resource.resource;
  const schema = schemaFor(rc.providerAddr.toString(), res.mode, res.type);
  const before = withSchemaMarks(rc.before, schema?.block);
  const after = withSchemaMarks(rc.after, schema?.block);
  const afterKnown = after.isWhollyKnown();
  const change = struct([
    ["actions", jsonValue([...actionJSON[rc.action]])],
    ["before", knownValueJson(before)],
    ["after", knownValueJson(after)],
    ["after_unknown", jsonValue(afterKnown ? {} : unknownAsBool(after))],
    ["before_sensitive", jsonValue(sensitiveAsBool(before))],
    ["after_sensitive", jsonValue(sensitiveAsBool(after))],
    ["replace_paths", rc.requiredReplace.length > 0 ? jsonValue(pathsJson(rc.requiredReplace)) : undefined],
    ["importing", rc.importing !== undefined ? struct([["id", rc.importing.id !== "" ? jsonString(rc.importing.id) : undefined]]) : undefined],
  ]);
  const prev = rc.prevRunAddr;
  return struct([
    ["address", jsonString(addr.toString())],
    ["previous_address", prev !== undefined && !prev.equals(addr) ? jsonString(prev.toString()) : undefined],
    ["module_address", addr.module.isRoot() ? undefined : jsonString(addr.module.toString())],
    ["mode", jsonString(res.mode)],
    ["type", jsonString(res.type)],
    ["name", jsonString(res.name)],
    ["index", instanceKeyJson(addr.resource.instanceKey)],
    ["provider_name", jsonString(rc.providerAddr.provider.toString())],
    ["deposed", rc.deposedKey !== undefined && rc.deposedKey !== "" ? jsonString(rc.deposedKey) : undefined],
    ["change", change],
    ["action_reason", rc.actionReason !== undefined ? jsonString(rc.actionReason) : undefined],
  ]);
}

/** Changes in Terraform's order: by address (byte order), then deposed key (the current object first). */
export function sortedForJson(changes: readonly ResourceInstanceChange[]): ResourceInstanceChange[] {
  return [...changes].sort(
    (a, b) => compareGoStrings(a.addr.toString(), b.addr.toString()) || compareGoStrings(a.deposedKey ?? "", b.deposedKey ?? ""),
  );
}

/** `changes` in the order given (the JSON plan orders them as Terraform does: module depth first). */
export function resourceChangesJson(changes: readonly ResourceInstanceChange[], schemaFor: JsonSchemaLookup): JsonText | undefined {
  if (changes.length === 0) return undefined;
  return array(changes.map((rc) => resourceChangeJson(rc, schemaFor)));
}

/**
 * `output_changes`: root module outputs only. The plan knows only whether an output is sensitive as a
 * whole, so before_sensitive and after_sensitive are the same boolean; a wholly known after has
 * "after_unknown": false, a wholly unknown one has no "after" at all.
 */
export function outputChangesJson(outputs: readonly OutputChange[]): JsonText | undefined {
  const entries = new Map<string, JsonText>();
  for (const oc of outputs) {
    if (!oc.addr.module.isRoot()) continue;
    const known = oc.after.isWhollyKnown();
    const sensitive = jsonValue(oc.sensitive);
    entries.set(
      oc.addr.output.name,
      struct([
        ["actions", jsonValue([...actionJSON[oc.action]])],
        ["before", knownValueJson(oc.before)],
        ["after", knownValueJson(oc.after)],
        ["after_unknown", jsonValue(known ? false : unknownAsBool(oc.after))],
        ["before_sensitive", sensitive],
        ["after_sensitive", sensitive],
      ]),
    );
  }
  return entries.size > 0 ? map(entries, compareGoStrings) : undefined;
}
