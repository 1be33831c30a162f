// Connects every node to the nodes its expressions refer to (OpenTofu's ReferenceTransformer): `var.x`,
// `local.x`, resources and data sources. Resource bodies are read through the provider's schema so that
// JSON-syntax bodies and dynamic blocks are covered too.

import { referenceFromTraversal } from "../addrs/reference.js";
import { InputVariable, LocalValue } from "../addrs/named-values.js";
import { Resource, ResourceInstance } from "../addrs/resource.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import { expressionReferences } from "../lang/eval/references.js";
import type { Expression, Traversal } from "../lang/syntax/ast.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { GraphNode } from "./nodes.js";
import type { ProviderSet } from "./providers.js";
import { bodyExpressions } from "./decode-body.js";
import { cachedNodeExpressions } from "./node-refs.js";

/** The node id a traversal refers to, if it names a variable, local or resource. */
export function referencedNodeId(t: Traversal): string | undefined {
  if (t[0]?.kind !== "root") return undefined;
  const ref = referenceFromTraversal(t).ref;
  if (ref === undefined) return undefined;
  const s = ref.subject;
  if (s instanceof InputVariable) return s.toString();
  if (s instanceof LocalValue) return s.toString();
  if (s instanceof Resource) return s.toString();
  if (s instanceof ResourceInstance) return s.resource.toString();
  return undefined;
}

/** Every expression a node evaluates. */
export function nodeExpressions(n: GraphNode, providers: ProviderSet): Expression[] {
  switch (n.kind) {
    case "variable":
      return [];
    case "local":
      return [n.config.expr];
    case "output":
      return [...(n.config.expr ? [n.config.expr] : []), ...n.config.preconditions.flatMap((c) => [c.condition, c.errorMessage])];
    case "check":
      return n.config.asserts.flatMap((c) => [c.condition, c.errorMessage]);
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
    for (const id of g.nodeIds()) {
      const n = g.node(id);
      for (const expr of cachedNodeExpressions(n, this.providers)) {
        for (const t of expressionReferences(expr)) {
          const target = referencedNodeId(t);
          if (target !== undefined && g.hasNode(target)) g.addDependency(id, target);
        }
      }
    }
    return [];
  }
}
