// Connects every node to the nodes its expressions refer to (OpenTofu's ReferenceTransformer): `var.x`,
// `local.x`, resources and data sources. Resource bodies are read through the provider's schema so that
// JSON-syntax bodies and dynamic blocks are covered too.

import { referenceFromTraversal } from "../../addrs/reference.js";
import { InputVariable, LocalValue } from "../../addrs/named-values.js";
import { Resource, ResourceInstance } from "../../addrs/resource.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { expressionReferences } from "../../lang/eval/references.js";
import type { Expression, Traversal } from "../../lang/syntax/ast.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import { namedValueId, nodeModule, type GraphNode } from "./nodes.js";
import { Module, ModuleCall, ModuleCallInstance, ModuleCallInstanceOutput } from "../../addrs/module.js";
import type { ProviderSet } from "./providers.js";
import { bodyExpressions } from "./decode-body.js";
import { cachedNodeExpressions } from "./node-refs.js";

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

export class ReferenceTransformer implements GraphTransformer<GraphNode> {
  readonly name = "ReferenceTransformer";
  constructor(private readonly providers: ProviderSet) {}

  transform(g: Graph<GraphNode>): Diagnostic[] {
    const ids = g.nodeIds();
    for (const id of ids) {
      const n = g.node(id);
      const module = evalModule(n);
      for (const expr of cachedNodeExpressions(n, this.providers)) {
        for (const t of expressionReferences(expr)) {
          const target = referencedNodeId(t, module);
          // No edge to itself, as in Terraform: self-references get their own diagnostics (self-reference.ts).
          if (target !== undefined && target !== id && g.hasNode(target)) g.addDependency(id, target);
          const outputs = target === undefined ? referencedModuleOutputsPrefix(t, module) : undefined;
          if (outputs !== undefined) for (const o of ids) if (o.startsWith(outputs)) g.addDependency(id, o);
        }
      }
    }
    return [];
  }
}
