// The dependency graph container. Nodes are keyed by a string id (an address's `key()`), carry a payload, and
// edges always point from a dependent to the thing it depends on ("a depends on b" is the edge a -> b), the
// same direction as Terraform's `terraform graph` output. @dagrejs/graphlib holds the data; every algorithm
// that walks the graph lives in this folder and is iterative, because graphlib's own algorithms recurse and
// overflow the stack on a 5,000-node chain.

import { Graph as GraphlibGraph } from "@dagrejs/graphlib";
import type { Range } from "../../lang/pos.js";

/** How a node presents itself in diagnostics and DOT output. */
export interface NodeDescription {
  /** What users read, e.g. "aws_instance.web" or "var.region". */
  readonly name: string;
  /** Where the object is declared, so a "Cycle" diagnostic can point at every member. */
  readonly range?: Range;
}

export type NodeDescriber<N> = (id: string, node: N) => NodeDescription;

export interface GraphOptions<N> {
  /** Defaults to naming a node by its id and giving no range. */
  readonly describe?: NodeDescriber<N>;
}

export interface DependencyEdge {
  /** The node that needs the other one first. */
  readonly dependent: string;
  readonly dependency: string;
}

export class Graph<N> {
  // Edge labels are unused; graphlib stores `undefined` for them.
  private readonly g = new GraphlibGraph<unknown, N, undefined>({ directed: true, multigraph: false, compound: false });
  private readonly describer: NodeDescriber<N>;

  constructor(options: GraphOptions<N> = {}) {
    this.describer = options.describe ?? ((id) => ({ name: id }));
  }

  /** Adds a node, or replaces the payload of an existing one (its edges stay). */
  addNode(id: string, payload: N): void {
    this.g.setNode(id, payload);
  }

  hasNode(id: string): boolean {
    return this.g.hasNode(id);
  }

  /** The payload of a node; throws for an unknown id because asking for one is a bug in a transformer. */
  node(id: string): N {
    if (!this.g.hasNode(id)) throw new Error(`graph: no node ${JSON.stringify(id)}`);
    return this.g.node(id);
  }

  /** Removes a node and every edge touching it. */
  removeNode(id: string): void {
    this.g.removeNode(id);
  }

  /** Node ids in the container's (deterministic) order. Sort them where users see the order. */
  nodeIds(): string[] {
    return this.g.nodes();
  }

  nodeCount(): number {
    return this.g.nodeCount();
  }

  edgeCount(): number {
    return this.g.edgeCount();
  }

  /** Records that `dependent` must wait for `dependency`. Both nodes must exist; a node may depend on itself
   * (that is a cycle, reported by validation). Adding an edge twice is harmless. */
  addDependency(dependent: string, dependency: string): void {
    if (!this.g.hasNode(dependent)) throw new Error(`graph: edge from unknown node ${JSON.stringify(dependent)}`);
    if (!this.g.hasNode(dependency)) throw new Error(`graph: edge to unknown node ${JSON.stringify(dependency)}`);
    this.g.setEdge(dependent, dependency);
  }

  removeDependency(dependent: string, dependency: string): void {
    this.g.removeEdge(dependent, dependency);
  }

  hasDependency(dependent: string, dependency: string): boolean {
    return this.g.hasEdge(dependent, dependency);
  }

  /** Direct dependencies of a node (what it waits for). */
  dependenciesOf(id: string): string[] {
    return this.g.successors(id) ?? [];
  }

  /** Direct dependents of a node (what waits for it). */
  dependentsOf(id: string): string[] {
    return this.g.predecessors(id) ?? [];
  }

  edges(): DependencyEdge[] {
    return this.g.edges().map((e) => ({ dependent: e.v, dependency: e.w }));
  }

  describe(id: string): NodeDescription {
    return this.describer(id, this.node(id));
  }

  /** A new graph with the same nodes, payloads (shared, not cloned) and edges. */
  clone(): Graph<N> {
    const copy = new Graph<N>({ describe: this.describer });
    for (const id of this.g.nodes()) copy.addNode(id, this.g.node(id));
    for (const e of this.g.edges()) copy.addDependency(e.v, e.w);
    return copy;
  }

  /** A subgraph holding only the given nodes and the edges between them (used by -target). */
  subgraph(keep: ReadonlySet<string>): Graph<N> {
    const sub = new Graph<N>({ describe: this.describer });
    for (const id of this.g.nodes()) if (keep.has(id)) sub.addNode(id, this.g.node(id));
    for (const e of this.g.edges()) if (keep.has(e.v) && keep.has(e.w)) sub.addDependency(e.v, e.w);
    return sub;
  }
}
