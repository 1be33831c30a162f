// Placed pods' own pod (anti-)affinity terms, grouped by term (and weight), each group counting its holders per
// topology domain. The incoming pod then asks "which placed pods' terms match me, and where are they?" once per
// group instead of once per placed pod (Kubernetes walks every pod with affinity in PreFilter/PreScore).
import type { NodeInfo } from "./node-info.js";
import type { AffinityTerm, PodInfo, WeightedTerm } from "./pod-info.js";
import { TopologyCounter } from "./topology.js";

export interface TermHolders {
  term: AffinityTerm;
  /** The term's weight (0 for a required anti-affinity term, which only filters). */
  weight: number;
  /** Pods carrying this term, per domain of their node. */
  counter: TopologyCounter;
}

export class TermIndex {
  private readonly groups = new Map<string, TermHolders>();
  private valid = false;

  constructor(private readonly termsOf: (p: PodInfo) => readonly WeightedTerm[]) {}

  /** The groups, rebuilt from every placed pod when invalidated (after node or label changes). */
  holders(nodes: () => Iterable<NodeInfo>): Iterable<TermHolders> {
    if (!this.valid) {
      this.groups.clear();
      for (const n of nodes()) for (const p of n.pods.values()) this.change(p, n, 1, nodes);
      this.valid = true;
    }
    return this.groups.values();
  }

  /** Keeps a valid index current as a pod is placed (+1) or removed (-1); an invalid one waits for a rebuild. */
  change(p: PodInfo, n: NodeInfo, delta: 1 | -1, nodes: () => Iterable<NodeInfo>): void {
    const terms = this.termsOf(p);
    if (terms.length === 0) return;
    for (const { term, weight } of terms) {
      const key = `${weight}|${term.key}`;
      let h = this.groups.get(key);
      if (!h) {
        // The counter counts pods *carrying* the term; its own selector is never used.
        h = { term, weight, counter: new TopologyCounter([], [], term.topologyKey) };
        for (const node of nodes()) {
          const d = node.labels[term.topologyKey];
          if (d !== undefined) h.counter.addDomain(d);
        }
        this.groups.set(key, h);
      }
      const d = n.labels[term.topologyKey];
      if (d !== undefined) h.counter.change(d, delta);
    }
  }

  isValid(): boolean {
    return this.valid;
  }

  invalidate(): void {
    this.valid = false;
    this.groups.clear();
  }
}
