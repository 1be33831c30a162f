// What one graph node's expressions refer to, by root name: the input variables, locals, resources and data
// sources it reads. A walk node evaluates in a scope holding only these (OpenTofu's evaluator builds its
// EvalContext from an expression's references the same way), so that a configuration of 20,000 resources
// does not rebuild a 20,000-entry object after every resource. Computed once per configuration object.

import type { Expression, Traversal } from "../../lang/syntax/ast.js";
import { expressionReferences } from "../../lang/eval/references.js";
import type { GraphNode } from "./nodes.js";
import type { ProviderSet } from "./providers.js";
import { referenceFromTraversal } from "../../addrs/reference.js";
import { InputVariable, LocalValue } from "../../addrs/named-values.js";
import { Resource, ResourceInstance } from "../../addrs/resource.js";
import { Module, ModuleCall, ModuleCallInstance, ModuleCallInstanceOutput } from "../../addrs/module.js";
import { namedValueId, nodeModule } from "./nodes.js";
import { bodyExpressions } from "./decode-body.js";

export interface ScopeRefs {
  readonly vars: ReadonlySet<string>;
  readonly locals: ReadonlySet<string>;
  /** Managed resources: type -> names. */
  readonly managed: ReadonlyMap<string, ReadonlySet<string>>;
  /** Data sources: type -> names. */
  readonly data: ReadonlyMap<string, ReadonlySet<string>>;
  /** A reference this analysis cannot narrow (e.g. `var["x"]`): the node needs the whole scope. */
  readonly whole: boolean;
}

/** Names every scope provides itself (instance-local or fixed), never looked up among resources. */
const builtinRoots = new Set(["count", "each", "self", "path", "terraform"]);

const expressionsCache = new WeakMap<object, Expression[]>();
const refsCache = new WeakMap<object, ScopeRefs>();

/**
 * A child module's variable declaration is shared by every call of that module (one parsed directory), but
 * each call passes its own argument: the argument is the key there.
 */
function cacheKey(n: GraphNode): object | undefined {
  return n.kind === "variable" && n.module !== undefined && !n.module.isRoot() ? n.arg : n.config;
}

/** nodeExpressions, remembered per configuration object (the plan and the apply graph share them). */
export function cachedNodeExpressions(n: GraphNode, providers: ProviderSet): Expression[] {
  const key = cacheKey(n);
  if (key === undefined) return nodeExpressions(n, providers);
  let exprs = expressionsCache.get(key);
  // Kept for the run: a copy of exactly its length (an array that grew by push keeps room for 17 or more,
  // once per node of the configuration).
  if (exprs === undefined) expressionsCache.set(key, (exprs = nodeExpressions(n, providers).slice()));
  return exprs;
}

export function nodeScopeRefs(n: GraphNode, providers: ProviderSet): ScopeRefs {
  const key = cacheKey(n);
  if (key !== undefined) {
    const hit = refsCache.get(key);
    if (hit !== undefined) return hit;
  }
  const refs = scopeRefsOf(cachedNodeExpressions(n, providers));
  if (key !== undefined) refsCache.set(key, refs);
  return refs;
}

export function scopeRefsOf(exprs: readonly Expression[]): ScopeRefs {
  // Made with the first reference: most nodes of a large configuration refer to nothing and share noRefs.
  let refs: { vars: Set<string>; locals: Set<string>; managed: Map<string, Set<string>>; data: Map<string, Set<string>>; whole: boolean } | undefined;
  const made = () => (refs ??= { vars: new Set(), locals: new Set(), managed: new Map(), data: new Map(), whole: false });
  const add = (m: Map<string, Set<string>>, type: string, name: string) => {
    let s = m.get(type);
    if (s === undefined) m.set(type, (s = new Set()));
    s.add(name);
  };
  for (let i = 0; i < exprs.length; i++) {
    const ts = expressionReferences(exprs[i]!);
    for (let j = 0; j < ts.length; j++) {
      const t = ts[j]!;
      const root = t[0];
      if (root?.kind !== "root" || builtinRoots.has(root.name)) continue;
      const r = made();
      const a = attrName(t, 1);
      if (root.name === "var" || root.name === "local") {
        if (a === undefined) r.whole = true;
        else (root.name === "var" ? r.vars : r.locals).add(a);
      } else if (root.name === "data") {
        const b = attrName(t, 2);
        if (a === undefined || b === undefined) r.whole = true;
        else add(r.data, a, b);
      } else if (root.name === "module") {
        r.whole = true;
      } else if (a === undefined) {
        r.whole = true;
      } else add(r.managed, root.name, a);
    }
  }
  return refs ?? noRefs;
}

/** What a node that refers to nothing needs (most resources of a large configuration): one shared answer. */
const noRefs: ScopeRefs = { vars: new Set(), locals: new Set(), managed: new Map(), data: new Map(), whole: false };

function attrName(t: Traversal, i: number): string | undefined {
  const s = t[i];
  return s?.kind === "attr" ? s.name : undefined;
}

/**
 * The node id a traversal (evaluated in `module`) refers to, if it names a variable, local, resource or a
 * child module's output (`module.web.x` is the node `module.web.output.x`).
 */
export function referencedNodeId(t: Traversal, module: Module = Module.root): string | undefined {
  if (t[0]?.kind !== "root") return undefined;
  const ref = referenceFromTraversal(t).ref;
  if (ref === undefined) return undefined;
  const s = ref.subject;
  const prefix = (id: string) => (module.isRoot() ? id : `${module.toString()}.${id}`);
  if (s instanceof InputVariable) return prefix(s.toString());
  if (s instanceof LocalValue) return prefix(s.toString());
  if (s instanceof Resource) return prefix(s.toString());
  if (s instanceof ResourceInstance) return prefix(s.resource.toString());
  if (s instanceof ModuleCallInstanceOutput) return namedValueId(module.child(s.call.call.name), "output", s.name);
  return undefined;
}

/** For a reference to a whole module call (`module.web`, `module.web[0]`), the called module's static path. */
export function referencedModulePath(t: Traversal, module: Module = Module.root): Module | undefined {
  if (t[0]?.kind !== "root" || t[0].name !== "module") return undefined;
  const ref = referenceFromTraversal(t).ref;
  const s = ref?.subject;
  if (s instanceof ModuleCall) return module.child(s.name);
  if (s instanceof ModuleCallInstance) return module.child(s.call.name);
  return undefined;
}

/** For a reference to a whole module call (`module.web`), the id prefix of that child's output nodes. */
export function referencedModuleOutputsPrefix(t: Traversal, module: Module = Module.root): string | undefined {
  const path = referencedModulePath(t, module);
  return path === undefined ? undefined : `${path.toString()}.output.`;
}

/**
 * The module whose scope a node's expressions are evaluated in: a child's input variable reads its caller's,
 * and so does a module call's count/for_each (nodeModule of a call is its caller).
 */
export function evalModule(n: GraphNode): Module {
  if (n.kind === "variable" && n.call !== undefined && n.module !== undefined) return n.module.parent();
  return nodeModule(n);
}

/** Every expression a node evaluates. */
export function nodeExpressions(n: GraphNode, providers: ProviderSet): Expression[] {
  switch (n.kind) {
    case "variable":
      return n.arg !== undefined ? [n.arg] : [];
    case "local":
      return [n.config.expr];
    case "output":
      return [...(n.config.expr ? [n.config.expr] : []), ...n.config.preconditions.flatMap((c) => [c.condition, c.errorMessage])];
    case "check":
      return n.config.asserts.flatMap((c) => [c.condition, c.errorMessage]);
    case "module":
      return [...(n.config.count ? [n.config.count] : []), ...(n.config.forEach ? [n.config.forEach] : [])];
    case "provider": {
      if (n.config === undefined) return [];
      const schema = providers.providerSchema(n.addr.provider);
      return schema ? bodyExpressions(n.config.config, schema.block) : [];
    }
    case "resource": {
      const r = n.config;
      if (r === undefined) return [];
      const out: Expression[] = [];
      if (r.count) out.push(r.count);
      if (r.forEach) out.push(r.forEach);
      const schema = providers.resourceSchema(r.provider, r.mode, r.type);
      if (schema) out.push(...bodyExpressions(r.config, schema.block));
      for (const c of [...r.preconditions, ...r.postconditions]) out.push(c.condition, c.errorMessage);
      if (r.managed) out.push(...r.managed.replaceTriggeredBy);
      return out;
    }
  }
}
