// The dependency graph container. Nodes are keyed by a string id (an address's `key()`), carry a payload, and
// edges always point from a dependent to the thing it depends on ("a depends on b" is the edge a -> b), the
// same direction as Terraform's `terraform graph` output. Maps and sets hold the data (a provider that 20,000
// resources depend on made graphlib's per-edge bookkeeping a tenth of a no-op plan); every algorithm that
// walks the graph lives in this folder and is iterative, so a 100,000-node chain cannot overflow the stack.
// Every order the container gives (nodes, a node's neighbours, edges) is insertion order, so walks are
// deterministic.

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

const noIds: ReadonlySet<string> = new Set();

export class Graph<N> {
  private readonly payloads = new Map<string, N>();
  private readonly dependencies = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();
  /** Every edge, in the order it was added, keyed by edgeKey. */
  private readonly edgeOrder = new Map<string, DependencyEdge>();
  private readonly describer: NodeDescriber<N>;

  constructor(options: GraphOptions<N> = {}) {
    this.describer = options.describe ?? ((id) => ({ name: id }));
  }

  /** Adds a node, or replaces the payload of an existing one (its edges stay). */
  addNode(id: string, payload: N): void {
    // A node's edge sets are made with its first edge: most of 20,000 resources have one edge and no dependent.
    this.payloads.set(id, payload);
  }

  hasNode(id: string): boolean {
    return this.payloads.has(id);
  }

  /** The payload of a node; throws for an unknown id because asking for one is a bug in a transformer. */
  node(id: string): N {
    const payload = this.payloads.get(id);
    if (payload === undefined && !this.payloads.has(id)) throw new Error(`graph: no node ${JSON.stringify(id)}`);
    return payload!;
  }

  /** Removes a node and every edge touching it. */
  removeNode(id: string): void {
    if (!this.payloads.has(id)) return;
    for (const dependency of this.dependencies.get(id) ?? []) this.removeDependency(id, dependency);
    for (const dependent of this.dependents.get(id) ?? []) this.removeDependency(dependent, id);
    this.payloads.delete(id);
    this.dependencies.delete(id);
    this.dependents.delete(id);
  }

  /** Node ids in the container's (deterministic) order. Sort them where users see the order. */
  nodeIds(): string[] {
    return [...this.payloads.keys()];
  }

  nodeCount(): number {
    return this.payloads.size;
  }

  edgeCount(): number {
    return this.edgeOrder.size;
  }

  /** Records that `dependent` must wait for `dependency`. Both nodes must exist; a node may depend on itself
   * (that is a cycle, reported by validation). Adding an edge twice is harmless. */
  addDependency(dependent: string, dependency: string): void {
    if (!this.payloads.has(dependent)) throw new Error(`graph: edge from unknown node ${JSON.stringify(dependent)}`);
    if (!this.payloads.has(dependency)) throw new Error(`graph: edge to unknown node ${JSON.stringify(dependency)}`);
    let out = this.dependencies.get(dependent);
    if (out === undefined) this.dependencies.set(dependent, (out = new Set()));
    else if (out.has(dependency)) return;
    let into = this.dependents.get(dependency);
    if (into === undefined) this.dependents.set(dependency, (into = new Set()));
    out.add(dependency);
    into.add(dependent);
    this.edgeOrder.set(edgeKey(dependent, dependency), { dependent, dependency });
  }

  removeDependency(dependent: string, dependency: string): void {
    if (this.dependencies.get(dependent)?.delete(dependency) !== true) return;
    this.dependents.get(dependency)!.delete(dependent);
    this.edgeOrder.delete(edgeKey(dependent, dependency));
  }

  hasDependency(dependent: string, dependency: string): boolean {
    return this.dependencies.get(dependent)?.has(dependency) === true;
  }

  /** Direct dependencies of a node, not copied: to read while the graph does not change. */
  directDependencies(id: string): ReadonlySet<string> {
    return this.dependencies.get(id) ?? noIds;
  }

  /** Direct dependencies of a node (what it waits for). */
  dependenciesOf(id: string): string[] {
    const out = this.dependencies.get(id);
    return out === undefined ? [] : [...out];
  }

  /** Direct dependents of a node (what waits for it). */
  dependentsOf(id: string): string[] {
    const into = this.dependents.get(id);
    return into === undefined ? [] : [...into];
  }

  edges(): DependencyEdge[] {
    return [...this.edgeOrder.values()];
  }

  describe(id: string): NodeDescription {
    return this.describer(id, this.node(id));
  }

  /** A new graph with the same nodes, payloads (shared, not cloned) and edges. */
  clone(): Graph<N> {
    const copy = new Graph<N>({ describe: this.describer });
    for (const [id, payload] of this.payloads) copy.addNode(id, payload);
    for (const e of this.edgeOrder.values()) copy.addDependency(e.dependent, e.dependency);
    return copy;
  }

  /** A subgraph holding only the given nodes and the edges between them (used by -target). */
  subgraph(keep: ReadonlySet<string>): Graph<N> {
    const sub = new Graph<N>({ describe: this.describer });
    for (const [id, payload] of this.payloads) if (keep.has(id)) sub.addNode(id, payload);
    for (const e of this.edgeOrder.values()) if (keep.has(e.dependent) && keep.has(e.dependency)) sub.addDependency(e.dependent, e.dependency);
    return sub;
  }
}

/** Node ids are addresses, which never hold a NUL. */
function edgeKey(dependent: string, dependency: string): string {
  return dependent + "\u0000" + dependency;
}
