// The resources a resource depends on, directly or through locals, outputs, modules and other resources:
// what state records as an object's `dependencies` (sorted). Computed on demand per resource and remembered
// per graph, so a plan that needs a few pays for those only.

import type { Graph } from "../graph/graph.js";
import type { GraphNode } from "./nodes.js";
import { compareGoStrings } from "../../lang/values/json-exact.js";

const memo = new WeakMap<object, Map<string, string[]>>();

/** The answer for a resource that depends on nothing (most of a large configuration): shared, never changed. */
const none: string[] = [];

export function configuredDependencies(g: Graph<GraphNode>, resourceId: string): string[] {
  const direct = g.directDependencies(resourceId);
  if (dependsOnLeavesOnly(g, direct)) return none;
  let m = memo.get(g);
  if (m === undefined) memo.set(g, (m = new Map()));
  const hit = m.get(resourceId);
  if (hit !== undefined) return hit;
  // No copies of the graph's sets: this runs once per resource of the plan, mostly before V8 has optimised it.
  let found: Set<string> | undefined;
  const seen = new Set<string>([resourceId]);
  const stack: string[] = [];
  for (const d of direct) stack.push(d);
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    if (g.node(d).kind === "resource") (found ??= new Set()).add(d);
    for (const dd of g.directDependencies(d)) stack.push(dd);
  }
  const out = found === undefined ? [] : [...found].sort(compareGoStrings);
  m.set(resourceId, out);
  return out;
}

/**
 * No resource among `ids` and nothing behind them: a resource whose only dependency is its provider (without
 * references of its own). Answered without the search's sets and without remembering it.
 */
function dependsOnLeavesOnly(g: Graph<GraphNode>, ids: ReadonlySet<string>): boolean {
  for (const d of ids) if (g.node(d).kind === "resource" || g.directDependencies(d).size > 0) return false;
  return true;
}
