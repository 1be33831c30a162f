// A state being changed one instance at a time (journal replay, a running apply). Resources and instances
// are held in maps, so 20,000 changes cost O(20,000), not a scan of the state per change; toState() gives
// back a sorted StateFile.

import { resourceKeyOf, instanceKeyOf, type InstanceRef } from "./instance-ref.js";
import { cloneCheckResults, cloneInstance, cloneState, sortState, type CheckResultState, type InstanceState, type OutputState, type ResourceState, type StateFile } from "./model.js";

interface ResourceEntry {
  /** The resource's fields without instances. */
  readonly header: Omit<ResourceState, "instances">;
  readonly instances: Map<string, InstanceState>;
}

export interface ResourceInfo {
  /** e.g. provider["registry.terraform.io/hashicorp/terraform"] */
  readonly provider: string;
  readonly each?: "list" | "map";
}

export class MutableState {
  private readonly resources = new Map<string, ResourceEntry>();
  private readonly outputs: Map<string, OutputState>;
  private readonly meta: Pick<StateFile, "terraform_version" | "serial" | "lineage">;
  private checkResults: CheckResultState[] | null;

  /** `owned`: the caller hands `base` over (a copy nobody else holds), so it is not copied again. */
  constructor(base: StateFile, owned = false) {
    const copy = owned ? base : cloneState(base);
    this.meta = { terraform_version: copy.terraform_version, serial: copy.serial, lineage: copy.lineage };
    this.outputs = new Map(Object.entries(copy.outputs));
    this.checkResults = copy.check_results ?? null;
    for (const r of copy.resources) {
      const { instances, ...header } = r;
      const entry: ResourceEntry = { header, instances: new Map() };
      for (const i of instances) entry.instances.set(instanceKeyOf(i), i);
      this.resources.set(resourceKeyOf(r), entry);
    }
  }

  get lineage(): string {
    return this.meta.lineage;
  }

  get serial(): number {
    return this.meta.serial;
  }

  set serial(n: number) {
    this.meta.serial = n;
  }

  /** Creates or replaces the object at `ref` (the instance's own index_key/deposed are taken from `ref`). */
  setInstance(ref: InstanceRef, info: ResourceInfo, instance: InstanceState): void {
    const key = resourceKeyOf(ref);
    let entry = this.resources.get(key);
    const header: Omit<ResourceState, "instances"> = {
      ...(ref.module ? { module: ref.module } : {}),
      mode: ref.mode,
      type: ref.type,
      name: ref.name,
      provider: info.provider,
    };
    if (!entry) {
      entry = { header, instances: new Map() };
      this.resources.set(key, entry);
    } else {
      entry = { header, instances: entry.instances };
      this.resources.set(key, entry);
    }
    const copy = cloneInstance(instance);
    delete copy.index_key;
    delete copy.deposed;
    if (ref.index_key !== undefined) copy.index_key = ref.index_key;
    if (ref.deposed) copy.deposed = ref.deposed;
    entry.instances.set(instanceKeyOf(ref), copy);
  }

  /** Removes the object at `ref`, and the resource once it has no objects left (Terraform prunes them). */
  removeInstance(ref: InstanceRef): void {
    const key = resourceKeyOf(ref);
    const entry = this.resources.get(key);
    if (!entry) return;
    entry.instances.delete(instanceKeyOf(ref));
    if (entry.instances.size === 0) this.resources.delete(key);
  }

  getInstance(ref: InstanceRef): InstanceState | undefined {
    const i = this.resources.get(resourceKeyOf(ref))?.instances.get(instanceKeyOf(ref));
    return i ? cloneInstance(i) : undefined;
  }

  setOutput(name: string, output: OutputState | null): void {
    if (output === null) this.outputs.delete(name);
    else this.outputs.set(name, { ...output });
  }

  /** Replaces the check results (an apply records the checks it ran, all at once). */
  setCheckResults(results: readonly CheckResultState[] | null): void {
    this.checkResults = cloneCheckResults(results as CheckResultState[] | null);
  }

  /**
   * A sorted state that shares its instance, output and value objects with this one (only the containers are
   * new): for handing to a store that keeps it without copying (StateStore.writeShared). Safe because this
   * class never changes such an object in place, it replaces it; the receiver must not change them either.
   */
  snapshot(): StateFile {
    const state: StateFile = {
      version: 4,
      ...this.meta,
      outputs: Object.fromEntries(this.outputs),
      resources: [...this.resources.values()].map((e) => ({ ...e.header, instances: [...e.instances.values()] })),
      check_results: this.checkResults,
    };
    sortState(state);
    return state;
  }

  /** A sorted deep copy. */
  toState(): StateFile {
    const state: StateFile = {
      version: 4,
      ...this.meta,
      outputs: Object.fromEntries(this.outputs),
      resources: [...this.resources.values()].map((e) => ({ ...e.header, instances: [...e.instances.values()] })),
      check_results: this.checkResults,
    };
    const copy = cloneState(state);
    sortState(copy);
    return copy;
  }
}
