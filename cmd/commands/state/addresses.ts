// Resource instance addresses of a state file, as Terraform's StateMeta finds them: every instance, the
// instances under a module or resource, or one instance; sorted in Terraform's address order (shorter module
// paths first, data sources before managed resources, no key before integer keys before string keys).

import { hasErrors, type Diagnostic } from "../../../lang/diagnostics.js";
import {
  AbsResource,
  AbsResourceInstance,
  ModuleInstance,
  NoKey,
  Resource,
  intKey,
  parseModuleInstanceStr,
  parseTargetStr,
  stringKey,
  type InstanceKey,
  type Targetable,
} from "../../../addrs/index.js";
import type { InstanceKey as StateKey, InstanceState, ResourceState, StateFile } from "../../../state/model.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import { sourceless } from "../../views/ui.js";

/** The module instance a state resource lives in (its "module" field parsed; root when absent). */
export function resourceModule(r: ResourceState): ModuleInstance {
  if (r.module === undefined || r.module === "") return ModuleInstance.root;
  const parsed = parseModuleInstanceStr(r.module);
  // parseState validated nothing about the module text; an unparsable one is shown as the root's, which
  // cannot happen for a state Cairn or Terraform wrote.
  return parsed.module ?? ModuleInstance.root;
}

export function resourceAddr(r: ResourceState): AbsResource {
  return new Resource(r.mode, r.type, r.name).absolute(resourceModule(r));
}

export function addrKey(k: StateKey | undefined): InstanceKey {
  if (k === undefined) return NoKey;
  return typeof k === "number" ? intKey(k) : stringKey(k);
}

export function stateKey(k: InstanceKey): StateKey | undefined {
  return k.kind === "none" ? undefined : k.value;
}

export function instanceAddr(r: ResourceState, i: InstanceState): AbsResourceInstance {
  return resourceAddr(r).instance(addrKey(i.index_key));
}

export function findResource(state: StateFile, addr: AbsResource): ResourceState | undefined {
  const key = addr.key();
  return state.resources.find((r) => resourceAddr(r).key() === key);
}

/** The current (not deposed) object of an instance. */
export function findInstance(state: StateFile, addr: AbsResourceInstance): { resource: ResourceState; instance: InstanceState } | undefined {
  const resource = findResource(state, addr.containingResource());
  if (resource === undefined) return undefined;
  const want = addr.resource.instanceKey;
  const instance = resource.instances.find((i) => i.deposed === undefined && sameKey(addrKey(i.index_key), want));
  return instance === undefined ? undefined : { resource, instance };
}

/** True when the instance exists in state at all (current or deposed objects), as Terraform's ResourceInstance. */
export function hasInstance(state: StateFile, addr: AbsResourceInstance): boolean {
  const resource = findResource(state, addr.containingResource());
  return resource?.instances.some((i) => sameKey(addrKey(i.index_key), addr.resource.instanceKey)) ?? false;
}

function sameKey(a: InstanceKey, b: InstanceKey): boolean {
  return a.kind === b.kind && (a.kind === "none" || a.value === (b as { value: unknown }).value);
}

/** Every instance address in the state (one per key, deposed objects included in their instance), sorted. */
export function allInstanceAddrs(state: StateFile): AbsResourceInstance[] {
  const seen = new Map<string, AbsResourceInstance>();
  for (const r of state.resources) {
    for (const i of r.instances) {
      const a = instanceAddr(r, i);
      seen.set(a.key(), a);
    }
  }
  return [...seen.values()].sort(compareInstanceAddrs);
}

export function compareInstanceAddrs(a: AbsResourceInstance, b: AbsResourceInstance): number {
  return compareModules(a.module, b.module) || compareResourceParts(a.resource.resource, b.resource.resource) || compareKeys(a.resource.instanceKey, b.resource.instanceKey);
}

export function compareModules(a: ModuleInstance, b: ModuleInstance): number {
  if (a.steps.length !== b.steps.length) return a.steps.length - b.steps.length;
  for (let i = 0; i < a.steps.length; i++) {
    const x = a.steps[i]!;
    const y = b.steps[i]!;
    const c = compareGoStrings(x.name, y.name) || compareKeys(x.instanceKey, y.instanceKey);
    if (c !== 0) return c;
  }
  return 0;
}

function compareResourceParts(a: Resource, b: Resource): number {
  if (a.mode !== b.mode) return a.mode === "data" ? -1 : 1;
  return compareGoStrings(a.type, b.type) || compareGoStrings(a.name, b.name);
}

function compareKeys(a: InstanceKey, b: InstanceKey): number {
  const rank = (k: InstanceKey) => (k.kind === "none" ? 0 : k.kind === "int" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.kind === "int" && b.kind === "int") return a.value - b.value;
  if (a.kind === "string" && b.kind === "string") return compareGoStrings(a.value, b.value);
  return 0;
}

/** True when `inner` is `outer` or lies under it (module.a contains module.a.module.b and module.a[0]). */
export function moduleContains(outer: ModuleInstance, inner: ModuleInstance): boolean {
  if (inner.steps.length < outer.steps.length) return false;
  return outer.steps.every((s, i) => {
    const t = inner.steps[i]!;
    // An unkeyed step in a filter matches every instance of that module call, as Terraform's TargetContains.
    return s.name === t.name && (s.instanceKey.kind === "none" || sameKey(s.instanceKey, t.instanceKey));
  });
}

export function parseTargetArg(arg: string): { subject?: Targetable; diags: Diagnostic[] } {
  const parsed = parseTargetStr(arg);
  if (hasErrors(parsed.diags) || parsed.target === undefined) return { diags: parsed.diags };
  return { subject: parsed.target.subject, diags: parsed.diags };
}

/**
 * Terraform's lookupResourceInstanceAddr: the instances an address names. allowMissing (state rm) turns
 * "Unknown ..." errors into an empty result.
 */
export function lookupInstanceAddrs(state: StateFile, arg: string, allowMissing: boolean): { addrs: AbsResourceInstance[]; diags: Diagnostic[] } {
  const { subject, diags } = parseTargetArg(arg);
  if (subject === undefined) return { addrs: [], diags };
  const all = allInstanceAddrs(state);
  let addrs: AbsResourceInstance[] = [];
  if (subject instanceof ModuleInstance) {
    addrs = all.filter((a) => moduleContains(subject, a.module));
    const known = state.resources.some((r) => moduleContains(subject, resourceModule(r)));
    if (!known && !allowMissing) {
      diags.push(
        sourceless(
          "Unknown module",
          `The current state contains no module at ${subject.toString()}. If you've just added this module to the configuration, you must run "cairn apply" first to create the module's entry in the state.`,
        ),
      );
    }
  } else if (subject instanceof AbsResource) {
    const r = findResource(state, subject);
    if (r === undefined) {
      if (!allowMissing)
        diags.push(
          sourceless(
            "Unknown resource",
            `The current state contains no resource ${subject.toString()}. If you've just added this resource to the configuration, you must run "cairn apply" first to create the resource's entry in the state.`,
          ),
        );
    } else addrs = all.filter((a) => a.containingResource().equals(subject));
  } else {
    if (!hasInstance(state, subject)) {
      if (!allowMissing)
        diags.push(
          sourceless(
            "Unknown resource instance",
            `The current state contains no resource instance ${subject.toString()}. If you've just added its resource to the configuration or have changed the count or for_each arguments, you must run "cairn apply" first to update the resource's entry in the state.`,
          ),
        );
    } else addrs = [subject];
  }
  return { addrs: addrs.sort(compareInstanceAddrs), diags };
}

/** Terraform's LegacyInstanceObjectID: the "id" attribute as a string, for `state list -id`. */
export function legacyObjectId(i: InstanceState | undefined): string {
  if (i === undefined) return "<not created>";
  const id = i.attributes.id;
  if (typeof id === "string") return id;
  return id === undefined || id === null ? "" : "<none>";
}
