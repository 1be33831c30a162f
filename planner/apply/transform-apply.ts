// The apply graph's transformers (OpenTofu's ApplyGraphBuilder steps, at resource granularity), each doing
// one thing to the configuration graph copied into the apply graph.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import { findCycles } from "../graph/cycles.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { GraphNode } from "../eval/nodes.js";
import type { ApplyChanges } from "./apply-changes.js";

export type ApplyNode = GraphNode | { readonly kind: "destroy"; readonly resourceId: string };

const destroyId = (resourceId: string) => `${resourceId} (destroy)`;

/** Every node and edge of the configuration graph (the plan walk's), as the apply graph's start. */
export class ConfigGraphTransformer implements GraphTransformer<ApplyNode> {
  readonly name = "ConfigGraphTransformer";
  constructor(private readonly config: Graph<GraphNode>) {}
  transform(g: Graph<ApplyNode>): Diagnostic[] {
    for (const id of this.config.nodeIds()) g.addNode(id, this.config.node(id));
    for (const e of this.config.edges()) g.addDependency(e.dependent, e.dependency);
    return [];
  }
}

/**
 * A "(destroy)" node for every resource with objects to delete, after that resource's providers; a
 * delete-then-create replacement creates after it destroyed, create_before_destroy destroys after it created.
 */
export class DestroyNodesTransformer implements GraphTransformer<ApplyNode> {
  readonly name = "DestroyNodesTransformer";
  constructor(private readonly changes: ApplyChanges) {}
  transform(g: Graph<ApplyNode>): Diagnostic[] {
    const { deletes, dtc, cbd } = this.changes;
    for (const rid of deletes) {
      const did = destroyId(rid);
      g.addNode(did, { kind: "destroy", resourceId: rid });
      if (!g.hasNode(rid)) continue;
      for (const p of g.dependenciesOf(rid)) if (g.node(p).kind === "provider") g.addDependency(did, p);
      if (dtc.has(rid)) g.addDependency(rid, did);
      if (cbd.has(rid)) g.addDependency(did, rid);
    }
    return [];
  }
}

/** Destroys run the other way round (DestroyEdgeTransformer): an object goes only after its dependents went. */
export class DestroyEdgeTransformer implements GraphTransformer<ApplyNode> {
  readonly name = "DestroyEdgeTransformer";
  constructor(private readonly changes: ApplyChanges) {}
  transform(g: Graph<ApplyNode>): Diagnostic[] {
    const { deletes, dependencies } = this.changes;
    for (const [dependent, set] of dependencies) {
      if (!deletes.has(dependent)) continue;
      for (const dependency of set) if (deletes.has(dependency)) g.addDependency(destroyId(dependency), destroyId(dependent));
    }
    return [];
  }
}

/**
 * An object outlives the updates of objects that still refer to it while they change, and a
 * create_before_destroy replacement's old object outlives its dependents' updates (CBDEdgeTransformer).
 * These edges are kept only where they make no cycle.
 */
export class OutliveUpdatesTransformer implements GraphTransformer<ApplyNode> {
  readonly name = "OutliveUpdatesTransformer";
  constructor(private readonly changes: ApplyChanges) {}
  transform(g: Graph<ApplyNode>): Diagnostic[] {
    const { deletes, dtc, cbd, updates, dependencies } = this.changes;
    for (const [dependent, set] of dependencies) {
      for (const dependency of set) {
        if (!deletes.has(dependency) || !g.hasNode(dependent)) continue;
        if (!(updates.has(dependent) || cbd.has(dependency)) || dtc.has(dependency)) continue;
        g.addDependency(destroyId(dependency), dependent);
        if (findCycles(g).length > 0) g.removeDependency(destroyId(dependency), dependent);
      }
    }
    return [];
  }
}
