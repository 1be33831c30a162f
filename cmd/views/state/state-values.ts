// The state in Terraform's JSON "values representation" (internal/command/jsonstate), built from the state
// file: root module resources, nested child modules, one entry per object (current, then deposed ones),
// and root outputs. Both `show -json` and the human `show`/`state show` renderings are made from it, in the
// same order as Terraform: resources by address (data first, then type, name, key), modules by address.

import { parseAbsProviderConfigStr } from "../../../addrs/index.js";
import type { ModuleInstance } from "../../../addrs/index.js";
import { compareGoStrings, type JsonValue } from "../../../lang/values/json-exact.js";
import type { InstanceState, JsonObject, OutputState, ResourceState, StateFile } from "../../../state/model.js";
import { compareInstanceAddrs, instanceAddr, resourceModule } from "../../commands/state/addresses.js";
import { pathKey, sensitivePathSet, storedSensitivePaths, type Step } from "../../../state/sensitive-paths.js";
import type { StateSchemaLookup } from "../../../planner/scope/state-values.js";
import { unwrapDynamicAttributes } from "./dynamic-attributes.js";
import type { BlockSpec } from "../../../config/schema.js";

export interface StateResourceValues {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: JsonValue;
  readonly providerName: string;
  readonly schemaVersion: number;
  readonly values: JsonObject;
  /** Terraform's sensitive_values: true where sensitive, objects/arrays mirroring the value elsewhere. */
  readonly sensitiveValues: JsonValue;
  /** Path keys (sensitive-paths.ts) of the sensitive values, for human rendering. */
  readonly sensitivePaths: ReadonlySet<string>;
  readonly dependsOn?: readonly string[];
  readonly tainted: boolean;
  readonly deposedKey?: string;
}

export interface StateModuleValues {
  /** "" for the root module. */
  readonly address: string;
  readonly resources: StateResourceValues[];
  readonly childModules: StateModuleValues[];
}

export interface StateValues {
  readonly outputs: ReadonlyMap<string, OutputState>;
  readonly rootModule: StateModuleValues;
}

/** Terraform's State.Empty(): no root outputs and no resources. */
export function isStateEmpty(state: StateFile | undefined): boolean {
  return state === undefined || (Object.keys(state.outputs).length === 0 && state.resources.every((r) => r.instances.length === 0));
}

export function stateValues(state: StateFile, schemaFor?: StateSchemaLookup): StateValues {
  const byModule = new Map<string, { module: ModuleInstance; objects: { r: ResourceState; i: InstanceState }[] }>();
  for (const r of state.resources) {
    const module = resourceModule(r);
    const key = module.toString();
    let entry = byModule.get(key);
    if (entry === undefined) byModule.set(key, (entry = { module, objects: [] }));
    for (const i of r.instances) entry.objects.push({ r, i });
  }
  // Every ancestor of a module with resources appears in the tree, even when it has none itself.
  const children = new Map<string, Set<string>>();
  const modules = new Map<string, ModuleInstance>();
  for (const { module } of byModule.values()) {
    for (let m = module; !m.isRoot(); m = m.parent()) {
      const parent = m.parent().toString();
      if (!children.has(parent)) children.set(parent, new Set());
      children.get(parent)!.add(m.toString());
      modules.set(m.toString(), m);
    }
  }
  const build = (address: string): StateModuleValues => ({
    address,
    resources: resourcesOf(byModule.get(address)?.objects ?? [], schemaFor),
    childModules: [...(children.get(address) ?? [])].sort(compareGoStrings).map(build),
  });
  const outputs = new Map(Object.entries(state.outputs));
  return { outputs, rootModule: build("") };
}

function resourcesOf(objects: { r: ResourceState; i: InstanceState }[], schemaFor: StateSchemaLookup | undefined): StateResourceValues[] {
  const sorted = [...objects].sort(
    (a, b) =>
      compareInstanceAddrs(instanceAddr(a.r, a.i), instanceAddr(b.r, b.i)) ||
      // the current object first, then deposed objects by key
      (a.i.deposed === undefined ? -1 : 0) - (b.i.deposed === undefined ? -1 : 0) ||
      compareGoStrings(a.i.deposed ?? "", b.i.deposed ?? ""),
  );
  return sorted.map(({ r, i }) => resourceValues(r, i, schemaFor?.(r.provider, r.mode, r.type)));
}

function resourceValues(r: ResourceState, i: InstanceState, spec: BlockSpec | undefined): StateResourceValues {
  // With the schema, dynamic attributes are unwrapped and the recorded paths apply as they are.
  const attributes = spec !== undefined ? unwrapDynamicAttributes(i.attributes, spec) : i.attributes;
  const sensitivePaths = spec !== undefined ? sensitivePathSet(i.sensitive_attributes) : storedSensitivePaths(i);
  const provider = parseAbsProviderConfigStr(r.provider).addr;
  return {
    address: instanceAddr(r, i).toString(),
    mode: r.mode,
    type: r.type,
    name: r.name,
    index: i.index_key,
    providerName: provider !== undefined ? provider.provider.toString() : r.provider,
    schemaVersion: i.schema_version,
    values: attributes,
    sensitiveValues: sensitiveAsBool(attributes, [], sensitivePaths),
    sensitivePaths,
    dependsOn: i.dependencies !== undefined && i.dependencies.length > 0 ? i.dependencies : undefined,
    tainted: i.status === "tainted",
    deposedKey: i.deposed,
  };
}

/** Terraform's SensitiveAsBool over a JSON value: true at sensitive paths, false for other leaves, objects
 * keeping only their non-false members, arrays keeping every element. */
function sensitiveAsBool(v: JsonValue, path: Step[], sensitive: ReadonlySet<string>): JsonValue {
  if (sensitive.has(pathKey(path))) return true;
  if (v === null || typeof v !== "object" || !isContainer(v)) return false;
  if (Array.isArray(v)) return v.map((e, k) => sensitiveAsBool(e, [...path, k], sensitive));
  const out: { [k: string]: JsonValue } = {};
  for (const [k, e] of Object.entries(v)) {
    const s = sensitiveAsBool(e, [...path, k], sensitive);
    if (s !== false) out[k] = s;
  }
  return out;
}

function isContainer(v: object): boolean {
  return Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;
}
