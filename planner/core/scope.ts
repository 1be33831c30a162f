// The named values expressions see during a walk (OpenTofu's evaluator): input variables, locals, resources
// (their planned or applied values), `path.*` and `terraform.workspace`. Walk nodes write their results here
// when they finish; dependents read them through context(). The root variable map is rebuilt only after a
// change (a version counter), so 20,000 evaluations after one change cost one rebuild, not 20,000.

import { resolve } from "node:path";
import { type InstanceKey } from "../addrs/instance-key.js";
import type { Resource } from "../addrs/resource.js";
import { childContext, type EvalContext } from "../lang/eval/context.js";
import type { FunctionTable } from "../lang/funcs/function.js";
import { DynamicVal, objectVal, stringVal, tupleVal, type Value } from "../lang/values/value.js";

export type Repetition = "none" | "list" | "map";

interface ResourceEntry {
  readonly addr: Resource;
  value: Value;
}

export class Scope {
  private readonly vars = new Map<string, Value>();
  private readonly locals = new Map<string, Value>();
  private readonly resources = new Map<string, ResourceEntry>();
  private cached?: EvalContext;
  private readonly fixed: Map<string, Value>;

  constructor(
    readonly functions: FunctionTable,
    cwd: string,
    workspace: string,
  ) {
    this.fixed = new Map([
      ["path", objectVal({ module: stringVal("."), root: stringVal("."), cwd: stringVal(resolve(cwd)) })],
      ["terraform", objectVal({ workspace: stringVal(workspace) })],
    ]);
  }

  setVariable(name: string, v: Value): void {
    this.vars.set(name, v);
    this.cached = undefined;
  }

  setLocal(name: string, v: Value): void {
    this.locals.set(name, v);
    this.cached = undefined;
  }

  /** A resource whose value is not known yet (declared, not planned, or its expansion unknown). */
  declareResource(addr: Resource): void {
    if (!this.resources.has(addr.toString())) this.resources.set(addr.toString(), { addr, value: DynamicVal });
    this.cached = undefined;
  }

  /** The resource's instances as expressions see them: an object, a tuple (count) or an object by key (for_each). */
  setResource(addr: Resource, repetition: Repetition, instances: readonly (readonly [InstanceKey, Value])[]): void {
    let value: Value;
    if (repetition === "none") value = instances[0]?.[1] ?? DynamicVal;
    else if (repetition === "list") {
      const sorted = [...instances].sort((a, b) => keyNum(a[0]) - keyNum(b[0]));
      value = tupleVal(sorted.map((i) => i[1]));
    } else {
      const m = new Map<string, Value>();
      for (const [k, v] of instances) m.set(k.kind === "string" ? k.value : String(k.kind === "int" ? k.value : ""), v);
      value = objectVal(m);
    }
    this.resources.set(addr.toString(), { addr, value });
    this.cached = undefined;
  }

  resourceValue(addr: Resource): Value {
    return this.resources.get(addr.toString())?.value ?? DynamicVal;
  }

  variable(name: string): Value | undefined {
    return this.vars.get(name);
  }

  /** The module's root scope. */
  context(): EvalContext {
    if (this.cached) return this.cached;
    const variables = new Map(this.fixed);
    variables.set("var", objectVal(this.vars));
    variables.set("local", objectVal(this.locals));
    const byType = new Map<string, Map<string, Value>>();
    const data = new Map<string, Map<string, Value>>();
    for (const { addr, value } of this.resources.values()) {
      const target = addr.mode === "data" ? data : byType;
      let names = target.get(addr.type);
      if (names === undefined) target.set(addr.type, (names = new Map()));
      names.set(addr.name, value);
    }
    for (const [type, names] of byType) if (!variables.has(type)) variables.set(type, objectVal(names));
    if (data.size > 0) variables.set("data", objectVal(new Map([...data].map(([t, n]) => [t, objectVal(n)]))));
    this.cached = { variables, functions: this.functions };
    return this.cached;
  }

  /** The scope of one resource instance: `count.index`, `each.key`/`each.value` and `self` where given. */
  instanceContext(extra: { count?: Value; each?: { key: Value; value: Value }; self?: Value }): EvalContext {
    const vars = new Map<string, Value>();
    if (extra.count !== undefined) vars.set("count", objectVal({ index: extra.count }));
    if (extra.each !== undefined) vars.set("each", objectVal({ key: extra.each.key, value: extra.each.value }));
    if (extra.self !== undefined) vars.set("self", extra.self);
    return vars.size === 0 ? this.context() : childContext(this.context(), vars);
  }
}

function keyNum(k: InstanceKey): number {
  return k.kind === "int" ? k.value : 0;
}
