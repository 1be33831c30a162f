// `cairn graph` as DOT: the dependency graph with each module's nodes in a `subgraph cluster_module_<name>`
// (Graphviz draws a box around a "cluster_" subgraph), and with `-plan=FILE` each node filled by the action
// the saved plan takes on it. Output is stable (sorted), so the same graph always prints the same text.

import type { Graph } from "../../../planner/graph/graph.js";
import type { Action, Plan } from "../../../planner/plan/model.js";

export interface GraphDotOptions {
  /** Colour nodes by what this plan does to the resources they stand for. */
  readonly plan?: Plan;
}

/** Fill colours by action; a legend of the same colours is added when a plan is given. */
export const actionColors: Readonly<Record<Action, string>> = {
  create: "#b7e4c7",
  update: "#ffe8a3",
  "delete-then-create": "#f4b6c2",
  "create-then-delete": "#f4b6c2",
  delete: "#f08080",
  read: "#a9d6f5",
  "no-op": "#ffffff",
  forget: "#d9d9d9",
};

const actionLabels: ReadonlyArray<readonly [Action, string]> = [
  ["create", "create"],
  ["update", "update in-place"],
  ["delete-then-create", "replace"],
  ["delete", "destroy"],
  ["read", "read"],
];

export function graphToDot<N>(g: Graph<N>, opts: GraphDotOptions = {}): string {
  const actions = opts.plan !== undefined ? actionsByAddress(opts.plan) : undefined;
  const clusters = new Map<string, string[]>();
  for (const id of g.nodeIds().sort(compare)) {
    const module = modulePrefix(g.describe(id).name);
    if (!clusters.has(module)) clusters.set(module, []);
    clusters.get(module)!.push(id);
  }
  const lines = ["digraph {", '\tcompound = "true"', '\tnewrank = "true"', '\tsubgraph "root" {'];
  const nodeLine = (id: string, indent: string): string => {
    const name = g.describe(id).name;
    const action = actions !== undefined ? actionFor(name, actions) : undefined;
    const fill = action !== undefined && action !== "no-op" ? `, style = "filled", fillcolor = ${quote(actionColors[action])}` : "";
    return `${indent}${quote(id)} [label = ${quote(name)}, shape = "box"${fill}]`;
  };
  for (const id of clusters.get("") ?? []) lines.push(nodeLine(id, "\t\t"));
  for (const module of [...clusters.keys()].filter((m) => m !== "").sort(compare)) {
    lines.push(`\t\tsubgraph ${quote(clusterName(module))} {`, `\t\t\tlabel = ${quote(module)}`);
    for (const id of clusters.get(module)!) lines.push(nodeLine(id, "\t\t\t"));
    lines.push("\t\t}");
  }
  const edges = g.edges().sort((a, b) => compare(a.dependent, b.dependent) || compare(a.dependency, b.dependency));
  for (const e of edges) lines.push(`\t\t${quote(e.dependent)} -> ${quote(e.dependency)}`);
  lines.push("\t}");
  if (actions !== undefined) {
    lines.push('\tsubgraph "cluster_legend" {', '\t\tlabel = "plan actions"');
    for (const [a, label] of actionLabels) lines.push(`\t\t${quote(`legend ${label}`)} [label = ${quote(label)}, shape = "box", style = "filled", fillcolor = ${quote(actionColors[a])}]`);
    lines.push("\t}");
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** "module.net.module.sub" for a node named "module.net.module.sub.test_thing.a (expand)", "" at the root. */
export function modulePrefix(nodeName: string): string {
  const m = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)+)/.exec(nodeName);
  return m === null ? "" : m[1]!.slice(0, -1);
}

/** `cluster_module_net` / `cluster_module_net_module_sub`: the module path with dots and keys flattened. */
export function clusterName(module: string): string {
  return "cluster_" + module.replace(/[^A-Za-z0-9_]+/g, "_").replace(/_+$/, "");
}

/** Each planned action under the instance address and under its resource address (all instances). */
function actionsByAddress(plan: Plan): Map<string, Action> {
  const out = new Map<string, Action>();
  const merge = (key: string, a: Action): void => {
    const prev = out.get(key);
    out.set(key, prev === undefined || prev === a ? a : strongest(prev, a));
  };
  for (const rc of plan.resourceChanges) {
    merge(rc.addr.toString(), rc.action);
    merge(rc.addr.containingResource().toString(), rc.action);
  }
  return out;
}

/** Several instances of one resource with different actions: the node shows the most destructive. */
function strongest(a: Action, b: Action): Action {
  const rank: Action[] = ["no-op", "read", "create", "update", "create-then-delete", "delete-then-create", "delete"];
  return rank.indexOf(a) >= rank.indexOf(b) ? a : b;
}

/** The action for a node: its name up to the first space ("test_thing.a (expand)" -> "test_thing.a"). */
function actionFor(nodeName: string, actions: ReadonlyMap<string, Action>): Action | undefined {
  const addr = nodeName.split(" ")[0]!.replace(/\[\*\]$/, "");
  return actions.get(addr);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function quote(s: string): string {
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
}
