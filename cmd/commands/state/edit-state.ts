// Changes to a state file's resources for `state rm` and `state mv` (also from one state file to another),
// keeping the file's invariants: a
// resource with no objects left is removed, "each" follows the instance keys ("list" for count, "map" for
// for_each, absent for a single instance), and resources stay in Terraform's order.

import type { AbsResource, AbsResourceInstance, ModuleInstance } from "../../../addrs/index.js";
import { sortState, type InstanceState, type ResourceState, type StateFile } from "../../../state/model.js";
import { addrKey, findResource, resourceAddr, stateKey } from "./addresses.js";

function sameKey(i: InstanceState, addr: AbsResourceInstance): boolean {
  const k = addrKey(i.index_key);
  const want = addr.resource.instanceKey;
  return k.kind === want.kind && (k.kind === "none" || k.value === (want as { value: unknown }).value);
}

/** Removes every object (current and deposed) of an instance; returns them. */
export function takeInstance(state: StateFile, addr: AbsResourceInstance): { resource: ResourceState; objects: InstanceState[] } | undefined {
  const resource = findResource(state, addr.containingResource());
  if (resource === undefined) return undefined;
  const objects = resource.instances.filter((i) => sameKey(i, addr));
  if (objects.length === 0) return undefined;
  resource.instances = resource.instances.filter((i) => !sameKey(i, addr));
  if (resource.instances.length === 0) state.resources = state.resources.filter((r) => r !== resource);
  // Terraform 1.x writes no `each`: the instances' keys say how the resource repeats.
  else delete resource.each;
  return { resource, objects };
}

/** Puts objects at `addr`, creating its resource (with `provider`) when the state has none there. */
export function putInstance(state: StateFile, addr: AbsResourceInstance, objects: InstanceState[], provider: string): void {
  let resource = findResource(state, addr.containingResource());
  if (resource === undefined) {
    resource = { ...resourceFields(addr.containingResource()), provider, instances: [] };
    state.resources.push(resource);
  }
  const key = stateKey(addr.resource.instanceKey);
  for (const o of objects) {
    const moved: InstanceState = { ...o };
    if (key === undefined) delete moved.index_key;
    else moved.index_key = key;
    resource.instances.push(moved);
  }
  delete resource.each;
  sortState(state);
}

/**
 * Renames a whole resource (same mode and type, validated by the caller), into `dest` when given (state mv
 * -state-out: another state file), else within `state`.
 */
export function renameResource(state: StateFile, from: AbsResource, to: AbsResource, dest: StateFile = state): boolean {
  const resource = findResource(state, from);
  if (resource === undefined) return false;
  Object.assign(resource, resourceFields(to));
  if (to.module.isRoot()) delete resource.module;
  if (dest !== state) {
    state.resources = state.resources.filter((r) => r !== resource);
    dest.resources.push(resource);
  }
  sortState(dest);
  return true;
}

/** Moves every resource of module instance `from` (exactly, not its children) to module instance `to`, into
 * `dest` when given (another state file), else within `state`. */
export function moveModule(state: StateFile, from: ModuleInstance, to: ModuleInstance, dest: StateFile = state): void {
  const moving = state.resources.filter((r) => resourceAddr(r).module.equals(from));
  for (const r of moving) {
    if (to.isRoot()) delete r.module;
    else r.module = to.toString();
  }
  if (dest !== state) {
    state.resources = state.resources.filter((r) => !moving.includes(r));
    dest.resources.push(...moving);
  }
  sortState(dest);
}

function resourceFields(addr: AbsResource): Pick<ResourceState, "module" | "mode" | "type" | "name"> {
  const fields: Pick<ResourceState, "module" | "mode" | "type" | "name"> = {
    mode: addr.resource.mode,
    type: addr.resource.type,
    name: addr.resource.name,
  };
  if (!addr.module.isRoot()) fields.module = addr.module.toString();
  return fields;
}
