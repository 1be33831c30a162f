// The state model: Terraform's state file format version 4, field for field, as TypeScript types. In memory
// the state has exactly the shape of the file, so reading, writing and `state pull/push` need no mapping.
// Attribute values, output values and output types are exact JSON (see json-exact.ts): numbers that a
// double cannot hold are LosslessNumber. To decode attributes with a schema, pass canonicalJson(attributes)
// to the language engine's jsonTextToValue.

import { randomUUID } from "node:crypto";
import { cloneJson, compareGoStrings, setOwn, type JsonValue } from "../lang/values/json-exact.js";

export type ResourceMode = "managed" | "data";
export type InstanceKey = number | string;
export type JsonObject = { [key: string]: JsonValue };

export interface StateFile {
  version: 4;
  /** The version of Cairn that wrote the file (Terraform writes its own version here). */
  terraform_version: string;
  /** Increases by one on every persisted change; a push of an older serial is refused. */
  serial: number;
  /** A UUID fixed when the state is first created; states of different lineages are unrelated. */
  lineage: string;
  outputs: { [name: string]: OutputState };
  /** Sorted by module, mode, type, name (see sortState). */
  resources: ResourceState[];
  /** The last run's check results (conditions, check blocks, variable validations); null when nothing was checked. */
  check_results: CheckResultState[] | null;
}

export type CheckStatus = "pass" | "fail" | "error" | "unknown";
/** Terraform's checkable object kinds as the state file spells them. */
export type CheckObjectKind = "resource" | "output" | "check" | "var";

/** One checkable configuration object (a resource, output, check block or variable) and its instances' results. */
export interface CheckResultState {
  object_kind: CheckObjectKind;
  /** The configuration address, without instance keys: `module.m.terraform_data.a`, `check.c`, `output.o`. */
  config_addr: string;
  status: CheckStatus;
  /** Each instance's result; null when the instances were never known (as Terraform writes it). */
  objects: CheckResultObject[] | null;
}

export interface CheckResultObject {
  object_addr: string;
  status: CheckStatus;
  /** Omitted when empty. */
  failure_messages?: string[];
}

export interface OutputState {
  value: JsonValue;
  /** The cty type in its JSON form, e.g. "string" or ["list","number"]. */
  type: JsonValue;
  /** Omitted (not false) when the output is not sensitive, as Terraform writes it. */
  sensitive?: boolean;
}

export interface ResourceState {
  /** The module instance path, e.g. `module.net` or `module.app["a"]`; absent for the root module. */
  module?: string;
  mode: ResourceMode;
  type: string;
  name: string;
  /**
   * "list" for count, "map" for for_each: read from states older Terraform versions wrote, never written
   * (Terraform 1.x does not); use resourceEach, which also reads it from the instances' keys.
   */
  each?: "list" | "map";
  /** e.g. provider["registry.terraform.io/hashicorp/terraform"] */
  provider: string;
  /** Sorted by key (none first, numbers before strings), then deposed key (current object first). */
  instances: InstanceState[];
}

export interface InstanceState {
  /** The count index or for_each key; absent when the resource has neither. */
  index_key?: InstanceKey;
  /** Only ever "tainted"; absent for a healthy object. */
  status?: "tainted";
  /** Present for a deposed object (an old object kept by create_before_destroy). */
  deposed?: string;
  schema_version: number;
  attributes: JsonObject;
  /** Paths of sensitive attributes, in Terraform's path-step JSON form. */
  sensitive_attributes: JsonValue[];
  /** Opaque per-object data (base64 in Terraform). Cairn keeps the create's client token here; see private.ts. */
  private?: string;
  /** Addresses of the resources this object depended on when it was last applied. */
  dependencies?: string[];
  create_before_destroy?: boolean;
}

/** A new, empty state (serial 0, a fresh lineage unless given). */
export function emptyState(cairnVersion: string, lineage: string = randomUUID()): StateFile {
  return { version: 4, terraform_version: cairnVersion, serial: 0, lineage, outputs: {}, resources: [], check_results: null };
}

/** A deep copy; stores hand these out so callers can never change a store's state behind its back. */
/** How a resource in state is repeated: by its `each` field, else by its instances' keys. */
export function resourceEach(r: ResourceState): "list" | "map" | undefined {
  if (r.each !== undefined) return r.each;
  for (const i of r.instances) {
    if (typeof i.index_key === "number") return "list";
    if (typeof i.index_key === "string") return "map";
  }
  return undefined;
}

export function cloneState(s: StateFile): StateFile {
  const outputs: { [name: string]: OutputState } = {};
  for (const [name, o] of Object.entries(s.outputs)) setOwn(outputs, name, { ...o, value: cloneJson(o.value), type: cloneJson(o.type) });
  return {
    ...s,
    outputs,
    resources: s.resources.map((r) => ({ ...r, instances: r.instances.map(cloneInstance) })),
    check_results: cloneCheckResults(s.check_results),
  };
}

export function cloneCheckResults(c: readonly CheckResultState[] | null): CheckResultState[] | null {
  if (c === null) return null;
  return c.map((r) => ({
    ...r,
    objects: r.objects === null ? null : r.objects.map((o) => ({ ...o, ...(o.failure_messages ? { failure_messages: [...o.failure_messages] } : {}) })),
  }));
}

export function cloneInstance(i: InstanceState): InstanceState {
  const copy: InstanceState = {
    ...i,
    attributes: cloneJson(i.attributes) as JsonObject,
    sensitive_attributes: cloneJson(i.sensitive_attributes) as JsonValue[],
  };
  if (i.dependencies) copy.dependencies = [...i.dependencies];
  return copy;
}

/** Sorts resources and instances in place, in the order Terraform writes them. */
export function sortState(s: StateFile): void {
  s.resources.sort(compareResources);
  for (const r of s.resources) r.instances.sort(compareInstances);
}

export function compareResources(a: ResourceState, b: ResourceState): number {
  return (
    compareGoStrings(a.module ?? "", b.module ?? "") ||
    compareGoStrings(a.mode, b.mode) ||
    compareGoStrings(a.type, b.type) ||
    compareGoStrings(a.name, b.name)
  );
}

export function compareInstances(a: InstanceState, b: InstanceState): number {
  return compareKeys(a.index_key, b.index_key) || compareGoStrings(a.deposed ?? "", b.deposed ?? "");
}

export function compareKeys(a: InstanceKey | undefined, b: InstanceKey | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return compareGoStrings(a, b);
}
