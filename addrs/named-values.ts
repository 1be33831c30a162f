// Addresses of the named values a module declares or exposes to its expressions: input variables, local
// values, output values, and the special symbols `count`, `each`, `path`, `terraform` and `self`.

import type { ModuleInstance } from "./module.js";

export class InputVariable {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
  absolute(module: ModuleInstance): AbsInputVariable {
    return new AbsInputVariable(module, this);
  }
  toString(): string {
    return `var.${this.name}`;
  }
  key(): string {
    return `InputVariable:${this.name}`;
  }
  equals(o: InputVariable): boolean {
    return this.name === o.name;
  }
}

export class AbsInputVariable {
  constructor(
    readonly module: ModuleInstance,
    readonly variable: InputVariable,
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return this.module.isRoot() ? this.variable.toString() : `${this.module.toString()}.${this.variable.toString()}`;
  }
  key(): string {
    return `AbsInputVariable:${this.toString()}`;
  }
  equals(o: AbsInputVariable): boolean {
    return this.module.equals(o.module) && this.variable.equals(o.variable);
  }
}

export class LocalValue {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
  toString(): string {
    return `local.${this.name}`;
  }
  key(): string {
    return `LocalValue:${this.name}`;
  }
  equals(o: LocalValue): boolean {
    return this.name === o.name;
  }
}

export class OutputValue {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
  absolute(module: ModuleInstance): AbsOutputValue {
    return new AbsOutputValue(module, this);
  }
  toString(): string {
    return `output.${this.name}`;
  }
  key(): string {
    return `OutputValue:${this.name}`;
  }
  equals(o: OutputValue): boolean {
    return this.name === o.name;
  }
}

export class AbsOutputValue {
  constructor(
    readonly module: ModuleInstance,
    readonly output: OutputValue,
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return this.module.isRoot() ? this.output.toString() : `${this.module.toString()}.${this.output.toString()}`;
  }
  key(): string {
    return `AbsOutputValue:${this.toString()}`;
  }
  equals(o: AbsOutputValue): boolean {
    return this.module.equals(o.module) && this.output.equals(o.output);
  }
}

/** `count.index` (the name is kept as written so that evaluation can reject other attributes). */
export class CountAttr {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
  toString(): string {
    return `count.${this.name}`;
  }
  key(): string {
    return `CountAttr:${this.name}`;
  }
  equals(o: CountAttr): boolean {
    return this.name === o.name;
  }
}

/** `each.key` and `each.value`. */
export class ForEachAttr {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
  toString(): string {
    return `each.${this.name}`;
  }
  key(): string {
    return `ForEachAttr:${this.name}`;
  }
  equals(o: ForEachAttr): boolean {
    return this.name === o.name;
  }
}

/** `path.module`, `path.root`, `path.cwd`. */
export class PathAttr {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
  toString(): string {
    return `path.${this.name}`;
  }
  key(): string {
    return `PathAttr:${this.name}`;
  }
  equals(o: PathAttr): boolean {
    return this.name === o.name;
  }
}

/** `terraform.workspace`. */
export class TerraformAttr {
  constructor(readonly name: string) {
    Object.freeze(this);
  }
  toString(): string {
    return `terraform.${this.name}`;
  }
  key(): string {
    return `TerraformAttr:${this.name}`;
  }
  equals(o: TerraformAttr): boolean {
    return this.name === o.name;
  }
}

/** `self`, which stands for the containing resource inside postconditions (and provisioners). */
export class SelfRef {
  static readonly instance = new SelfRef();
  private constructor() {
    Object.freeze(this);
  }
  toString(): string {
    return "self";
  }
  key(): string {
    return "Self";
  }
  equals(o: SelfRef): boolean {
    return o instanceof SelfRef;
  }
}
