// The named values expressions see during a walk (OpenTofu's evaluator): input variables, locals, resources
// (their planned or applied values), `path.*` and `terraform.workspace`. Walk nodes write their results here
// when they finish; dependents read them through context(). The root variable map is rebuilt only after a
// change (a version counter), so 20,000 evaluations after one change cost one rebuild, not 20,000.

import { resolve } from "node:path";
import { instanceKeyString, type InstanceKey } from "../../addrs/instance-key.js";
import type { Resource } from "../../addrs/resource.js";
import { childContext, type EvalContext } from "../../lang/eval/context.js";
import type { FunctionTable } from "../../lang/funcs/function.js";
import type { ScopeRefs } from "./node-refs.js";
import { DynamicVal, objectVal, stringVal, tupleVal, type Value } from "../../lang/values/value.js";

export type Repetition = "none" | "list" | "map";

/** What walk nodes read and write: the whole Scope, or a node's view of it (forRefs). */
export interface ScopeView {
  setLocal(name: string, v: Value): void;
  declareResource(addr: Resource): void;
  setResource(addr: Resource, repetition: Repetition, instances: readonly (readonly [InstanceKey, Value])[]): void;
  resourceValue(addr: Resource): Value;
  variable(name: string): Value | undefined;
  context(): EvalContext;
  instanceContext(extra: InstanceExtra): EvalContext;
  forRefs(refs: ScopeRefs): ScopeView;
}

export interface InstanceExtra {
  count?: Value;
  each?: { key: Value; value: Value };
  self?: Value;
}

interface ModuleCallEntry {
  readonly outputs: string[];
  /** Unset until the call's expansion node ran. */
  repetition?: Repetition;
  readonly instances: Map<string, { readonly key: InstanceKey; readonly outputs: Map<string, Value> }>;
}

/** `module.web` as expressions see it: an object of outputs, a tuple of them (count), or an object by key. */
function moduleCallValue(e: ModuleCallEntry): Value {
  if (e.repetition === undefined) return DynamicVal;
  const insts = [...e.instances.values()];
  if (e.repetition === "none") return insts[0] ? objectVal(insts[0].outputs) : DynamicVal;
  if (e.repetition === "list") return tupleVal(insts.sort((a, b) => keyNum(a.key) - keyNum(b.key)).map((i) => objectVal(i.outputs)));
  return objectVal(new Map(insts.map((i) => [i.key.kind === "string" ? i.key.value : String(keyNum(i.key)), objectVal(i.outputs)])));
}

interface ResourceEntry {
  readonly addr: Resource;
  /** Undefined for an entry seeded from state until its first read (the walk usually sets it before). */
  value: Value | undefined;
  readonly seed?: () => Value;
}

const entryValue = (e: ResourceEntry): Value => (e.value ??= e.seed!());

/** The resource's instances as expressions see them: an object, a tuple (count) or an object by key (for_each). */
export function resourceValueOf(repetition: Repetition, instances: readonly (readonly [InstanceKey, Value])[]): Value {
  if (repetition === "none") return instances[0]?.[1] ?? DynamicVal;
  if (repetition === "list") return tupleVal([...instances].sort((a, b) => keyNum(a[0]) - keyNum(b[0])).map((i) => i[1]));
  const m = new Map<string, Value>();
  for (const [k, v] of instances) m.set(k.kind === "string" ? k.value : String(k.kind === "int" ? k.value : ""), v);
  return objectVal(m);
}

export class Scope implements ScopeView {
  private readonly vars = new Map<string, Value>();
  private readonly locals = new Map<string, Value>();
  private readonly resources = new Map<string, ResourceEntry>();
  /** Child module calls: their shape and each instance's outputs (`module.web.x`, `module.web["a"].x`). */
  private readonly moduleCalls = new Map<string, ModuleCallEntry>();
  private cached?: EvalContext;
  private readonly fixed: Map<string, Value>;
  private noRefsContext: EvalContext | undefined;

  constructor(
    readonly functions: FunctionTable,
    cwd: string,
    workspace: string,
    moduleDir = ".",
  ) {
    this.fixed = new Map([
      ["path", objectVal({ module: stringVal(moduleDir), root: stringVal("."), cwd: stringVal(resolve(cwd)) })],
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

  /** A child module call and its output names; its value stays unknown until the call is expanded. */
  declareModuleCall(call: string, outputs: Iterable<string>): void {
    if (!this.moduleCalls.has(call)) this.moduleCalls.set(call, { outputs: [...outputs], instances: new Map() });
    this.cached = undefined;
  }

  /** The call's instances (from its count/for_each), each with every output unknown until set. */
  expandModuleCall(call: string, repetition: Repetition, keys: readonly InstanceKey[]): void {
    const entry: ModuleCallEntry = this.moduleCalls.get(call) ?? { outputs: [], instances: new Map() };
    entry.repetition = repetition;
    for (const key of keys) {
      const ks = instanceKeyString(key);
      if (!entry.instances.has(ks)) entry.instances.set(ks, { key, outputs: new Map(entry.outputs.map((o) => [o, DynamicVal])) });
    }
    this.moduleCalls.set(call, entry);
    this.cached = undefined;
  }

  setModuleOutput(call: string, key: InstanceKey, name: string, v: Value): void {
    this.moduleCalls.get(call)?.instances.get(instanceKeyString(key))?.outputs.set(name, v);
    this.cached = undefined;
  }

  /** A resource whose value is not known yet (declared, not planned, or its expansion unknown). */
  declareResource(addr: Resource): void {
    if (!this.resources.has(addr.toString())) this.resources.set(addr.toString(), { addr, value: DynamicVal });
    this.cached = undefined;
  }

  /** The resource's instances as expressions see them: an object, a tuple (count) or an object by key (for_each). */
  setResource(addr: Resource, repetition: Repetition, instances: readonly (readonly [InstanceKey, Value])[]): void {
    this.resources.set(addr.toString(), { addr, value: resourceValueOf(repetition, instances) });
    this.cached = undefined;
  }

  /**
   * The resource's value from the prior state, computed on first read: the walk sets nearly every resource
   * before anything reads it, so converting each one's state up front was work thrown away.
   */
  seedResource(addr: Resource, seed: () => Value): void {
    this.resources.set(addr.toString(), { addr, value: undefined, seed });
    this.cached = undefined;
  }

  resourceValue(addr: Resource): Value {
    const e = this.resources.get(addr.toString());
    return e === undefined ? DynamicVal : entryValue(e);
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
    if (this.moduleCalls.size > 0) variables.set("module", objectVal(new Map([...this.moduleCalls].map(([c, e]) => [c, moduleCallValue(e)]))));
    const byType = new Map<string, Map<string, Value>>();
    const data = new Map<string, Map<string, Value>>();
    for (const e of this.resources.values()) {
      const target = e.addr.mode === "data" ? data : byType;
      let names = target.get(e.addr.type);
      if (names === undefined) target.set(e.addr.type, (names = new Map()));
      names.set(e.addr.name, entryValue(e));
    }
    for (const [type, names] of byType) if (!variables.has(type)) variables.set(type, objectVal(names));
    if (data.size > 0) variables.set("data", objectVal(new Map([...data].map(([t, n]) => [t, objectVal(n)]))));
    this.cached = { variables, functions: this.functions };
    return this.cached;
  }

  /** The scope of one resource instance: `count.index`, `each.key`/`each.value` and `self` where given. */
  instanceContext(extra: InstanceExtra): EvalContext {
    return withInstance(this.context(), extra);
  }

  /**
   * A view holding only the named values `refs` lists: O(references) to build instead of O(resources), and
   * built once per node, since everything a node refers to is finished before the node starts.
   */
  forRefs(refs: ScopeRefs): ScopeView {
    return refs.whole ? this : new NodeScope(this, refs);
  }

  /** The narrowed root context for `refs` (see forRefs). */
  narrowContext(refs: ScopeRefs): EvalContext {
    // A node that refers to nothing (most resources of a large configuration) sees only the fixed names,
    // which never change: one context serves them all.
    const empty = !refs.whole && refs.vars.size === 0 && refs.locals.size === 0 && refs.managed.size === 0 && refs.data.size === 0;
    if (empty && this.noRefsContext !== undefined) return this.noRefsContext;
    const variables = new Map(this.fixed);
    variables.set("var", objectVal(pick(this.vars, refs.vars)));
    variables.set("local", objectVal(pick(this.locals, refs.locals)));
    for (const [type, names] of refs.managed) {
      if (variables.has(type)) continue;
      const m = this.pickResources("managed", type, names);
      if (m.size > 0) variables.set(type, objectVal(m));
    }
    if (refs.data.size > 0) {
      const byType = new Map<string, Value>();
      for (const [type, names] of refs.data) {
        const m = this.pickResources("data", type, names);
        if (m.size > 0) byType.set(type, objectVal(m));
      }
      variables.set("data", objectVal(byType));
    }
    const ctx: EvalContext = { variables, functions: this.functions };
    if (empty) this.noRefsContext = ctx;
    return ctx;
  }

  private pickResources(mode: "managed" | "data", type: string, names: ReadonlySet<string>): Map<string, Value> {
    const m = new Map<string, Value>();
    for (const name of names) {
      const e = this.resources.get(mode === "data" ? `data.${type}.${name}` : `${type}.${name}`);
      if (e !== undefined) m.set(name, entryValue(e));
    }
    return m;
  }
}

/** A node's view of the scope: reads see only what the node refers to; writes go to the whole scope. */
class NodeScope implements ScopeView {
  private cached?: EvalContext;
  constructor(
    private readonly whole: Scope,
    private readonly refs: ScopeRefs,
  ) {}
  setLocal(name: string, v: Value): void {
    this.whole.setLocal(name, v);
  }
  declareResource(addr: Resource): void {
    this.whole.declareResource(addr);
  }
  setResource(addr: Resource, repetition: Repetition, instances: readonly (readonly [InstanceKey, Value])[]): void {
    this.whole.setResource(addr, repetition, instances);
    this.cached = undefined;
  }
  resourceValue(addr: Resource): Value {
    return this.whole.resourceValue(addr);
  }
  variable(name: string): Value | undefined {
    return this.whole.variable(name);
  }
  context(): EvalContext {
    return (this.cached ??= this.whole.narrowContext(this.refs));
  }
  instanceContext(extra: InstanceExtra): EvalContext {
    return withInstance(this.context(), extra);
  }
  forRefs(refs: ScopeRefs): ScopeView {
    return this.whole.forRefs(refs);
  }
}

function withInstance(root: EvalContext, extra: InstanceExtra): EvalContext {
  const vars = new Map<string, Value>();
  if (extra.count !== undefined) vars.set("count", objectVal({ index: extra.count }));
  if (extra.each !== undefined) vars.set("each", objectVal({ key: extra.each.key, value: extra.each.value }));
  if (extra.self !== undefined) vars.set("self", extra.self);
  return vars.size === 0 ? root : childContext(root, vars);
}

function pick(from: ReadonlyMap<string, Value>, names: ReadonlySet<string>): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const n of names) {
    const v = from.get(n);
    if (v !== undefined) out.set(n, v);
  }
  return out;
}

function keyNum(k: InstanceKey): number {
  return k.kind === "int" ? k.value : 0;
}
