// Explicit `depends_on` of resources, data sources and outputs become edges (OpenTofu attaches them in the
// ReferenceTransformer; a separate step keeps each transformer to one idea). Naming a whole module call
// (`depends_on = [module.db]`) waits for everything inside it, nested modules included, as Terraform does.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Traversal } from "../../lang/syntax/ast.js";
import type { Graph } from "../graph/graph.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { Module } from "../../addrs/module.js";
import { nodeModule, type GraphNode } from "../eval/nodes.js";
import { evalModule, referencedModulePath, referencedNodeId } from "../eval/node-refs.js";
import { pushTo } from "../eval/multimap.js";

export function dependsOnOf(n: GraphNode): readonly Traversal[] {
  if (n.kind === "resource") return n.config?.dependsOn ?? [];
  if (n.kind === "output") return n.config.dependsOn;
  return [];
}

/** The node ids one `depends_on` entry names, evaluated in `module`. */
export class DependsOnTargets {
  private inside?: Map<string, string[]>;
  constructor(private readonly g: Graph<GraphNode>) {}

  of(t: Traversal, module: Module): string[] {
    const id = referencedNodeId(t, module);
    if (id !== undefined) return this.g.hasNode(id) ? [id] : [];
    const path = referencedModulePath(t, module);
    return path === undefined ? [] : (this.insideModules().get(path.toString()) ?? []);
  }

  /** Resources and outputs by every module path that contains them (built once). */
  private insideModules(): Map<string, string[]> {
    if (this.inside !== undefined) return this.inside;
    const inside = new Map<string, string[]>();
    for (const id of this.g.nodeIds()) {
      const n = this.g.node(id);
      if (n.kind !== "resource" && n.kind !== "output") continue;
      for (let m = nodeModule(n); !m.isRoot(); m = m.parent()) pushTo(inside, m.toString(), id);
    }
    return (this.inside = inside);
  }
}

export class DependsOnTransformer implements GraphTransformer<GraphNode> {
  readonly name = "DependsOnTransformer";

  transform(g: Graph<GraphNode>): Diagnostic[] {
    const targets = new DependsOnTargets(g);
    for (const id of g.nodeIds()) {
      for (const t of dependsOnOf(g.node(id))) {
        for (const target of targets.of(t, evalModule(g.node(id)))) g.addDependency(id, target);
      }
    }
    return [];
  }
}
