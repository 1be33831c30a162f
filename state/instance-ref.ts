// Identifies one object in the state without the planner's typed addresses (state/ must not depend on the
// planner): the resource's module path, mode, type and name, plus the instance key and deposed key.

import type { InstanceKey, ResourceMode } from "./model.js";

export interface InstanceRef {
  /** e.g. `module.net`; absent for the root module. */
  readonly module?: string;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  readonly index_key?: InstanceKey;
  /** Set to address a deposed object instead of the current one. */
  readonly deposed?: string;
}

/** The resource part as a map key. */
export function resourceKeyOf(r: { readonly module?: string; readonly mode: ResourceMode; readonly type: string; readonly name: string }): string {
  return JSON.stringify([r.module ?? "", r.mode, r.type, r.name]);
}

/** The instance part as a map key (distinguishes 0 from "0"). */
export function instanceKeyOf(r: { readonly index_key?: InstanceKey; readonly deposed?: string }): string {
  return JSON.stringify([r.index_key ?? null, r.deposed ?? ""]);
}

/** Terraform's address syntax: module.m.data.t.n["k"], with " (deposed object X)" for a deposed one. */
export function formatInstanceRef(ref: InstanceRef): string {
  let s = ref.module ? `${ref.module}.` : "";
  if (ref.mode === "data") s += "data.";
  s += `${ref.type}.${ref.name}`;
  if (typeof ref.index_key === "number") s += `[${ref.index_key}]`;
  else if (typeof ref.index_key === "string") s += `[${JSON.stringify(ref.index_key)}]`;
  if (ref.deposed) s += ` (deposed object ${ref.deposed})`;
  return s;
}
