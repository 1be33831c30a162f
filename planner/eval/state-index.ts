// A state being planned against, indexed by resource address so each resource node finds its objects in
// O(1). Each resource node only touches its own entry, so concurrent nodes never share an entry.

import { intKey, NoKey, stringKey, type InstanceKey } from "../../addrs/instance-key.js";
import { Module } from "../../addrs/module.js";
import { Resource, type AbsResource, type AbsResourceInstance, type ConfigResource } from "../../addrs/resource.js";
import { ModuleInstance } from "../../addrs/module.js";
import { sortState, type InstanceState, type OutputState, type ResourceState, type StateFile } from "../../state/model.js";
import type { InstanceRef } from "../../state/instance-ref.js";

export function keyToIndex(k: InstanceKey): number | string | undefined {
  return k.kind === "none" ? undefined : k.value;
}

export function indexToKey(i: number | string | undefined): InstanceKey {
  return i === undefined ? NoKey : typeof i === "number" ? intKey(i) : stringKey(i);
}

export function resourceIdOf(r: ResourceState): string {
  // Resource.toString's text, without making the address (once per resource of a state being loaded).
  const res = r.mode === "data" ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
  return r.module ? `${r.module}.${res}` : res;
}

/** The static address of a state resource (module instance keys dropped): its graph node's address. */
export function configResourceOf(r: ResourceState, mi: ModuleInstance = moduleInstanceOf(r.module)): ConfigResource {
  return new Resource(r.mode, r.type, r.name).inModule(mi.module());
}

export function configResourceIdOf(r: ResourceState): string {
  return configResourceOf(r).toString();
}

export function instanceRefOf(addr: AbsResourceInstance, deposed?: string): InstanceRef {
  const r = addr.resource.resource;
  const module = addr.module.isRoot() ? undefined : addr.module.toString();
  return { ...(module ? { module } : {}), mode: r.mode, type: r.type, name: r.name, index_key: keyToIndex(addr.resource.instanceKey), ...(deposed ? { deposed } : {}) };
}

export function instanceAddrOf(r: ResourceState, i: InstanceState): AbsResourceInstance {
  return new Resource(r.mode, r.type, r.name).absolute(moduleInstanceOf(r.module)).instance(indexToKey(i.index_key));
}

/** The module instance a state resource's `module` string names (`module.a["x"].module.b`); root when absent. */
export function moduleInstanceOf(module: string | undefined): ModuleInstance {
  if (module === undefined || module === "") return ModuleInstance.root;
  let m = ModuleInstance.root;
  for (const step of module.matchAll(/module\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(\d+|"(?:[^"\\]|\\.)*")\])?/g)) {
    const k = step[2];
    m = m.child(step[1]!, k === undefined ? NoKey : k.startsWith('"') ? stringKey(JSON.parse(k) as string) : intKey(Number(k)));
  }
  return m;
}

/** A resource's address in one module instance, or (for single-instance modules) its static address. */
export type ResourceAt = ConfigResource | AbsResource;

export class StateIndex {
  private readonly state: StateFile;
  private readonly byId = new Map<string, ResourceState>();
  /**
   * The module instances holding each static resource of a child module (`module.web.x` → `module.web["a"]`,
   * ...). A root module resource has one instance, the root, and is not recorded here (most of a large
   * state's resources: a map each was most of what indexing them cost).
   */
  private readonly instancesByConfig = new Map<string, Map<string, ModuleInstance>>();

  constructor(base: StateFile) {
    // The containers this index changes are copied; the instance objects are shared, because nothing changes
    // one in place (a change replaces it), and sharing lets each prior object be decoded once per plan
    // (instanceToValue remembers by object) instead of a deep copy of every attribute.
    this.state = {
      ...base,
      outputs: { ...base.outputs },
      resources: base.resources.map((r) => ({ ...r, instances: [...r.instances] })),
    };
    for (const r of this.state.resources) this.index(r);
  }

  private index(r: ResourceState): void {
    const id = resourceIdOf(r);
    this.byId.set(id, r);
    const mi = moduleInstanceOf(r.module);
    if (mi.isRoot()) return;
    const staticId = configResourceOf(r, mi).toString();
    let m = this.instancesByConfig.get(staticId);
    if (m === undefined) this.instancesByConfig.set(staticId, (m = new Map()));
    m.set(mi.toString(), mi);
  }

  resource(addr: ResourceAt | string): ResourceState | undefined {
    return this.byId.get(typeof addr === "string" ? addr : addr.toString());
  }

  /** The module instances whose state holds objects of the static resource `addr`. */
  moduleInstancesOf(addr: ConfigResource): ModuleInstance[] {
    if (addr.module.isRoot()) return (this.byId.get(addr.toString())?.instances.length ?? 0) > 0 ? [ModuleInstance.root] : [];
    const m = this.instancesByConfig.get(addr.toString());
    if (m === undefined) return [];
    return [...m.values()].filter((mi) => (this.byId.get(addr.resource.absolute(mi).toString())?.instances.length ?? 0) > 0);
  }

  /** The module instances of static path `path` that hold any object. */
  moduleInstancesIn(path: Module): ModuleInstance[] {
    const out = new Map<string, ModuleInstance>();
    for (const r of this.state.resources) {
      if (r.instances.length === 0) continue;
      const mi = moduleInstanceOf(r.module);
      if (mi.steps.length >= path.names.length && path.names.every((n, i) => mi.steps[i]!.name === n)) {
        const at = new ModuleInstance(mi.steps.slice(0, path.names.length));
        out.set(at.toString(), at);
      }
    }
    return [...out.values()];
  }

  /** Every current object at or below module instance `mi` (exact keys: `module.a` is the unkeyed instance). */
  instancesUnder(mi: ModuleInstance): AbsResourceInstance[] {
    const out: AbsResourceInstance[] = [];
    for (const r of this.state.resources) {
      const m = moduleInstanceOf(r.module);
      if (m.steps.length < mi.steps.length || !mi.steps.every((s, i) => s.equals(m.steps[i]!))) continue;
      for (const i of r.instances) if (i.deposed === undefined) out.push(instanceAddrOf(r, i));
    }
    return out;
  }

  current(addr: ResourceAt, key: InstanceKey): InstanceState | undefined {
    const idx = keyToIndex(key);
    return this.resource(addr)?.instances.find((i) => i.deposed === undefined && i.index_key === idx);
  }

  /** Sets (or with null removes) the current object of an instance. */
  setCurrent(addr: ResourceAt, provider: string, key: InstanceKey, inst: InstanceState | null): void {
    const id = addr.toString();
    let r = this.byId.get(id);
    const idx = keyToIndex(key);
    if (r === undefined) {
      if (inst === null) return;
      const res = addr.resource;
      r = { mode: res.mode, type: res.type, name: res.name, provider, instances: [] };
      if (!addr.module.isRoot()) r.module = addr.module.toString();
      this.index(r);
      this.state.resources.push(r);
    }
    r.instances = r.instances.filter((i) => !(i.deposed === undefined && i.index_key === idx));
    if (inst !== null) {
      const copy = { ...inst };
      delete copy.index_key;
      if (idx !== undefined) copy.index_key = idx;
      r.instances.push(copy);
    }
    if (idx === undefined) delete r.each;
    else r.each = typeof idx === "number" ? "list" : "map";
  }

  /** Removes a whole resource (data sources no longer configured). */
  removeResource(id: string): void {
    const r = this.byId.get(id);
    if (r) r.instances = [];
  }

  /** Moves a resource's objects to another address (moved blocks). */
  renameInstance(from: AbsResourceInstance, to: AbsResourceInstance): boolean {
    const fromRes = this.resource(from.containingResource());
    if (fromRes === undefined) return false;
    const fromIdx = keyToIndex(from.resource.instanceKey);
    const inst = fromRes.instances.find((i) => i.deposed === undefined && i.index_key === fromIdx);
    if (inst === undefined) return false;
    if (this.current(to.containingResource(), to.resource.instanceKey)) return false;
    fromRes.instances = fromRes.instances.filter((i) => i !== inst);
    this.setCurrent(to.containingResource(), fromRes.provider, to.resource.instanceKey, inst);
    return true;
  }

  /** Records a root output value (null removes it): the plan's re-evaluated outputs in the prior state. */
  setOutput(name: string, output: OutputState | null): void {
    if (output === null) delete this.state.outputs[name];
    else this.state.outputs[name] = output;
  }

  /**
   * The state as a StateFile, sorted unless `sorted` is false (a reader that only groups it). Instance objects
   * are shared with this index (and with the state it was made from): nothing changes an instance object in
   * place, a change replaces it.
   */
  toState(sorted = true): StateFile {
    const copy: StateFile = {
      ...this.state,
      outputs: { ...this.state.outputs },
      resources: this.state.resources.filter((r) => r.instances.length > 0).map((r) => ({ ...r, instances: [...r.instances] })),
    };
    if (sorted) sortState(copy);
    return copy;
  }
}

export { Module };
