// The apply graph (OpenTofu's ApplyGraphBuilder, at resource granularity): the configuration graph, plus a
// "(destroy)" node for every resource with objects to delete, ordered the other way round: an object is
// destroyed only after everything that depends on it was destroyed (DestroyEdgeTransformer); a
// delete-then-create replacement creates after it destroyed; create_before_destroy destroys the old object
// after the new one exists and its dependents were updated (CBDEdgeTransformer).

import type { Diagnostic } from "../../lang/diagnostics.js";
import { Graph } from "../graph/graph.js";
import { findCycles } from "../graph/cycles.js";
import { validateGraph } from "../graph/transform.js";
import { describeNode, type GraphNode } from "../eval/nodes.js";
import type { Plan } from "../plan/model.js";
import { configResourceIdOf } from "../eval/state-index.js";

export type ApplyNode = GraphNode | { readonly kind: "destroy"; readonly resourceId: string };

export const destroyId = (resourceId: string) => `${resourceId} (destroy)`;

/**
 * Resource ids each resource depends on, directly or transitively (through other resources too, as
 * Terraform records `dependencies` in state), looking through variables, locals and providers.
 */
export function resourceDependencies(g: Graph<GraphNode>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const id of g.nodeIds()) {
    if (g.node(id).kind !== "resource") continue;
    const found = new Set<string>();
    const seen = new Set<string>([id]);
    const stack = [...g.dependenciesOf(id)];
    while (stack.length > 0) {
      const d = stack.pop()!;
      if (seen.has(d)) continue;
      seen.add(d);
      if (g.node(d).kind === "resource") found.add(d);
      stack.push(...g.dependenciesOf(d));
    }
    out.set(id, found);
  }
  return out;
}

export function buildApplyGraph(config: Graph<GraphNode>, plan: Plan): { graph: Graph<ApplyNode>; diags: Diagnostic[] } {
  const g = new Graph<ApplyNode>({ describe: (id, n) => (n.kind === "destroy" ? { name: id } : describeNode(id, n)) });
  for (const id of config.nodeIds()) g.addNode(id, config.node(id));
  for (const e of config.edges()) g.addDependency(e.dependent, e.dependency);

  const deletes = new Set<string>();
  const dtc = new Set<string>();
  const cbd = new Set<string>();
  const updates = new Set<string>();
  // Ids are static (`module.web.x` for every instance of module.web), as the configuration graph's nodes.
  for (const c of plan.resourceChanges) {
    const rid = c.addr.containingResource().config().toString();
    if (c.action === "delete" || c.action === "delete-then-create" || c.action === "create-then-delete") deletes.add(rid);
    if (c.action === "delete-then-create") dtc.add(rid);
    if (c.action === "create-then-delete") cbd.add(rid);
    if (c.action === "update") updates.add(rid);
  }
  const deps = resourceDependencies(config);
  // Dependencies recorded in state cover resources no longer in the configuration.
  for (const r of plan.priorState.resources) {
    const rid = configResourceIdOf(r);
    let set = deps.get(rid);
    if (set === undefined) deps.set(rid, (set = new Set()));
    for (const i of r.instances) for (const d of i.dependencies ?? []) set.add(d);
  }
  for (const rid of deletes) {
    const did = destroyId(rid);
    g.addNode(did, { kind: "destroy", resourceId: rid });
    if (g.hasNode(rid)) {
      for (const p of g.dependenciesOf(rid)) if (g.node(p).kind === "provider") g.addDependency(did, p);
      if (dtc.has(rid)) g.addDependency(rid, did);
      if (cbd.has(rid)) g.addDependency(did, rid);
    }
  }
  const optional: [string, string][] = [];
  for (const [dependent, set] of deps) {
    for (const dependency of set) {
      if (!deletes.has(dependency)) continue;
      // Destroy dependents before their dependencies.
      if (deletes.has(dependent)) g.addDependency(destroyId(dependency), destroyId(dependent));
      // An object must outlive updates of objects that still refer to it while they change.
      if (g.hasNode(dependent) && (updates.has(dependent) || cbd.has(dependency)) && !dtc.has(dependency)) optional.push([destroyId(dependency), dependent]);
    }
  }
  for (const [a, b] of optional) {
    g.addDependency(a, b);
    if (findCycles(g).length > 0) g.removeDependency(a, b);
  }
  return { graph: g, diags: validateGraph(g) };
}
