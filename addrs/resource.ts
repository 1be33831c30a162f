// Resource addresses: `cluster_workload.app` (managed) and `data.x.y` (data source), their instances
// (`cluster_workload.app[0]`), and the same placed in a module instance (`module.a.cluster_workload.app`)
// or in a static module path (ConfigResource, before expansion).

import { type InstanceKey, NoKey, instanceKeyEquals, instanceKeyString } from "./instance-key.js";
import type { Module, ModuleInstance } from "./module.js";

export type ResourceMode = "managed" | "data";

export class Resource {
  private readonly str: string;
  // Made once: a resource's key is looked up in maps many times per plan.
  private readonly k: string;
  constructor(
    readonly mode: ResourceMode,
    readonly type: string,
    readonly name: string,
  ) {
    this.str = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
    this.k = `Resource:${this.str}`;
    Object.freeze(this);
  }
  instance(key: InstanceKey = NoKey): ResourceInstance {
    return new ResourceInstance(this, key);
  }
  absolute(module: ModuleInstance): AbsResource {
    return new AbsResource(module, this);
  }
  inModule(module: Module): ConfigResource {
    return new ConfigResource(module, this);
  }
  toString(): string {
    return this.str;
  }
  key(): string {
    return this.k;
  }
  equals(o: Resource): boolean {
    return this.mode === o.mode && this.type === o.type && this.name === o.name;
  }
}

export class ResourceInstance {
  // Addresses are immutable and their strings are map keys read many times per instance in a plan.
  #str: string | undefined;
  constructor(
    readonly resource: Resource,
    readonly instanceKey: InstanceKey = NoKey,
  ) {
    Object.freeze(this);
  }
  absolute(module: ModuleInstance): AbsResourceInstance {
    return new AbsResourceInstance(module, this);
  }
  toString(): string {
    return (this.#str ??= `${this.resource.toString()}${instanceKeyString(this.instanceKey)}`);
  }
  key(): string {
    return `ResourceInstance:${this.toString()}`;
  }
  equals(o: ResourceInstance): boolean {
    return this.resource.equals(o.resource) && instanceKeyEquals(this.instanceKey, o.instanceKey);
  }
}

function prefixed(module: { isRoot(): boolean; toString(): string }, rest: string): string {
  return module.isRoot() ? rest : `${module.toString()}.${rest}`;
}

export class AbsResource {
  #str: string | undefined;
  constructor(
    readonly module: ModuleInstance,
    readonly resource: Resource,
  ) {
    Object.freeze(this);
  }
  instance(key: InstanceKey = NoKey): AbsResourceInstance {
    return new AbsResourceInstance(this.module, new ResourceInstance(this.resource, key));
  }
  config(): ConfigResource {
    return new ConfigResource(this.module.module(), this.resource);
  }
  toString(): string {
    return (this.#str ??= prefixed(this.module, this.resource.toString()));
  }
  key(): string {
    return `AbsResource:${this.toString()}`;
  }
  equals(o: AbsResource): boolean {
    return this.module.equals(o.module) && this.resource.equals(o.resource);
  }
}

export class AbsResourceInstance {
  #str: string | undefined;
  #key: string | undefined;
  // Asked for several times per instance in a plan; addresses are immutable.
  #containing: AbsResource | undefined;
  constructor(
    readonly module: ModuleInstance,
    readonly resource: ResourceInstance,
  ) {}
  containingResource(): AbsResource {
    return (this.#containing ??= new AbsResource(this.module, this.resource.resource));
  }
  toString(): string {
    return (this.#str ??= prefixed(this.module, this.resource.toString()));
  }
  key(): string {
    return (this.#key ??= `AbsResourceInstance:${this.toString()}`);
  }
  equals(o: AbsResourceInstance): boolean {
    return this.module.equals(o.module) && this.resource.equals(o.resource);
  }
}

/** A resource in a static module path: one per resource block, whatever the module's instances. */
export class ConfigResource {
  #str: string | undefined;
  constructor(
    readonly module: Module,
    readonly resource: Resource,
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return (this.#str ??= prefixed(this.module, this.resource.toString()));
  }
  key(): string {
    return `ConfigResource:${this.toString()}`;
  }
  equals(o: ConfigResource): boolean {
    return this.module.equals(o.module) && this.resource.equals(o.resource);
  }
}
