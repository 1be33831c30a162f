// Module paths. A Module is a static path of module call names (`module.a.module.b`), the same for every
// instance; a ModuleInstance adds each step's instance key (`module.a["x"].module.b[0]`). The root module is
// the empty path and prints as "".

import { type InstanceKey, NoKey, instanceKeyEquals, instanceKeyString } from "./instance-key.js";

export class ModuleInstanceStep {
  constructor(
    readonly name: string,
    readonly instanceKey: InstanceKey = NoKey,
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return `module.${this.name}${instanceKeyString(this.instanceKey)}`;
  }
  equals(o: ModuleInstanceStep): boolean {
    return this.name === o.name && instanceKeyEquals(this.instanceKey, o.instanceKey);
  }
}

export class Module {
  static readonly root = new Module([]);
  readonly names: readonly string[];
  /** Computed once: module paths are map keys on every walk step. */
  private readonly str: string;
  constructor(names: readonly string[]) {
    this.names = Object.freeze([...names]);
    this.str = this.names.map((n) => `module.${n}`).join(".");
    Object.freeze(this);
  }
  isRoot(): boolean {
    return this.names.length === 0;
  }
  child(name: string): Module {
    return new Module([...this.names, name]);
  }
  parent(): Module {
    return this.names.length === 0 ? this : new Module(this.names.slice(0, -1));
  }
  /** The same path with no instance keys, as used before expansion. */
  unkeyedInstance(): ModuleInstance {
    if (this.names.length === 0) return ModuleInstance.root;
    return new ModuleInstance(this.names.map((n) => new ModuleInstanceStep(n)));
  }
  toString(): string {
    return this.str;
  }
  key(): string {
    return `Module:${this.toString()}`;
  }
  equals(o: Module): boolean {
    return this.names.length === o.names.length && this.names.every((n, i) => n === o.names[i]);
  }
}

export class ModuleInstance {
  static readonly root = new ModuleInstance([]);
  readonly steps: readonly ModuleInstanceStep[];
  private str: string | undefined;
  constructor(steps: readonly ModuleInstanceStep[]) {
    this.steps = Object.freeze([...steps]);
  }
  isRoot(): boolean {
    return this.steps.length === 0;
  }
  child(name: string, key: InstanceKey = NoKey): ModuleInstance {
    return new ModuleInstance([...this.steps, new ModuleInstanceStep(name, key)]);
  }
  parent(): ModuleInstance {
    return this.steps.length === 0 ? this : new ModuleInstance(this.steps.slice(0, -1));
  }
  /** `other` (a path relative to this instance) placed below this instance. */
  concat(other: ModuleInstance): ModuleInstance {
    return other.isRoot() ? this : this.isRoot() ? other : new ModuleInstance([...this.steps, ...other.steps]);
  }
  /** The static module path this instance belongs to (keys dropped). */
  module(): Module {
    // The root's path is asked for once per resource of a large configuration: the one root, not a new one.
    return this.steps.length === 0 ? Module.root : new Module(this.steps.map((s) => s.name));
  }
  toString(): string {
    this.str ??= this.steps.map((s) => s.toString()).join(".");
    return this.str;
  }
  key(): string {
    return `ModuleInstance:${this.toString()}`;
  }
  equals(o: ModuleInstance): boolean {
    return this.steps.length === o.steps.length && this.steps.every((s, i) => s.equals(o.steps[i]!));
  }
}

/** A `module "name"` block, relative to the module that contains it. */
export class ModuleCall {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
  instance(key: InstanceKey = NoKey): ModuleCallInstance {
    return new ModuleCallInstance(this, key);
  }
  toString(): string {
    return `module.${this.name}`;
  }
  key(): string {
    return `ModuleCall:${this.toString()}`;
  }
  equals(o: ModuleCall): boolean {
    return this.name === o.name;
  }
}

export class ModuleCallInstance {
  constructor(
    readonly call: ModuleCall,
    readonly instanceKey: InstanceKey,
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return `${this.call.toString()}${instanceKeyString(this.instanceKey)}`;
  }
  key(): string {
    return `ModuleCallInstance:${this.toString()}`;
  }
  equals(o: ModuleCallInstance): boolean {
    return this.call.equals(o.call) && instanceKeyEquals(this.instanceKey, o.instanceKey);
  }
}

/** `module.x.out` or `module.x[0].out`: an output value of a child module instance, seen from its caller. */
export class ModuleCallInstanceOutput {
  constructor(
    readonly call: ModuleCallInstance,
    readonly name: string,
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return `${this.call.toString()}.${this.name}`;
  }
  key(): string {
    return `ModuleCallInstanceOutput:${this.toString()}`;
  }
  equals(o: ModuleCallInstanceOutput): boolean {
    return this.call.equals(o.call) && this.name === o.name;
  }
}

/** A module call inside a particular module instance. */
export class AbsModuleCall {
  constructor(
    readonly module: ModuleInstance,
    readonly call: ModuleCall,
  ) {
    Object.freeze(this);
  }
  instance(key: InstanceKey): ModuleInstance {
    return this.module.child(this.call.name, key);
  }
  toString(): string {
    return this.module.isRoot() ? this.call.toString() : `${this.module.toString()}.${this.call.toString()}`;
  }
  key(): string {
    return `AbsModuleCall:${this.toString()}`;
  }
  equals(o: AbsModuleCall): boolean {
    return this.module.equals(o.module) && this.call.equals(o.call);
  }
}
