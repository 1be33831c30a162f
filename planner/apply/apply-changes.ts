// What the apply graph's transformers need to know of a plan, worked out once: which resources (by static id,
// `module.web.x` for every instance of module.web) delete, replace either way or update, and which resources
// each depends on (from the configuration, and from state for resources no longer configured).

import type { Graph } from "../graph/graph.js";
import type { GraphNode } from "../eval/nodes.js";
import { configResourceIdOf } from "../eval/state-index.js";
import type { Plan } from "../plan/model.js";

export interface ApplyChanges {
  readonly deletes: ReadonlySet<string>;
  /** delete-then-create replacements. */
  readonly dtc: ReadonlySet<string>;
  /** create-then-delete (create_before_destroy) replacements. */
  readonly cbd: ReadonlySet<string>;
  readonly updates: ReadonlySet<string>;
  /** Resource id -> the resource ids it depends on, directly or through others. */
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
}

export function applyChangesOf(config: Graph<GraphNode>, plan: Plan): ApplyChanges {
  const deletes = new Set<string>();
  const dtc = new Set<string>();
  const cbd = new Set<string>();
  const updates = new Set<string>();
  for (const c of plan.resourceChanges) {
    const rid = c.addr.containingResource().config().toString();
    if (c.action === "delete" || c.action === "delete-then-create" || c.action === "create-then-delete") deletes.add(rid);
    if (c.action === "delete-then-create") dtc.add(rid);
    if (c.action === "create-then-delete") cbd.add(rid);
    if (c.action === "update") updates.add(rid);
  }
  const dependencies = resourceDependencies(config);
  // Dependencies recorded in state cover resources no longer in the configuration.
  for (const r of plan.priorState.resources) {
    const rid = configResourceIdOf(r);
    let set = dependencies.get(rid);
    if (set === undefined) dependencies.set(rid, (set = new Set()));
    for (const i of r.instances) for (const d of i.dependencies ?? []) set.add(d);
  }
  return { deletes, dtc, cbd, updates, dependencies };
}

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
