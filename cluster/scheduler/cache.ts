// The scheduler cache: nodes with their incremental allocations, where each pod is placed, and the topology
// counters derived from that. Controllers and the simulator feed it; plugins only read it.
import type { Node } from "../objects/types.js";
import type { Selector } from "../objects/labels.js";
import { selectorKey } from "../objects/labels.js";
import { NodeInfo } from "./node-info.js";
import type { PodInfo, WeightedTerm } from "./pod-info.js";
import { TermIndex, type TermHolders } from "./term-index.js";
import { TopologyCounter } from "./topology.js";

const NO_TERMS: readonly WeightedTerm[] = [];

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private sortedNodes: NodeInfo[] | undefined;
  private readonly podNode = new Map<string, string>();
  private readonly counters = new Map<string, TopologyCounter>();
  private readonly antiIndex = new TermIndex((p) =>
    p.antiAffinity.length === 0 ? NO_TERMS : p.antiAffinity.map((term) => ({ term, weight: 0 })),
  );
  private readonly scoringIndex = new TermIndex((p) => p.scoringTerms);
  private readonly memo = new Map<string, unknown>();
  private readonly allNodes = (): Iterable<NodeInfo> => this.nodes.values();
  /** Bumped on every node or pod change: a pod that failed at version v is worth retrying only after it moves. */
  version = 0;

  nodeCount(): number {
    return this.nodes.size;
  }

  /** Nodes in name order (the order the scheduler walks them in, from a rotating start). */
  nodeList(): readonly NodeInfo[] {
    if (!this.sortedNodes) this.sortedNodes = [...this.nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sortedNodes;
  }

  node(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  setNode(node: Node): void {
    this.version++;
    const cur = this.nodes.get(node.metadata.name);
    if (!cur) {
      this.nodes.set(node.metadata.name, new NodeInfo(node));
      this.sortedNodes = undefined;
      this.invalidateTopology();
      return;
    }
    const before = JSON.stringify(cur.labels);
    cur.setNode(node);
    if (JSON.stringify(cur.labels) !== before) this.invalidateTopology();
    else this.memo.clear();
  }

  /** Removes a node and forgets the pods placed on it; returns those pods' keys. */
  removeNode(name: string): string[] {
    const n = this.nodes.get(name);
    if (!n) return [];
    this.version++;
    const keys = [...n.pods.keys()];
    for (const k of keys) this.podNode.delete(k);
    this.nodes.delete(name);
    this.sortedNodes = undefined;
    this.invalidateTopology();
    return keys;
  }

  hasPod(key: string): boolean {
    return this.podNode.has(key);
  }

  nodeOfPod(key: string): string | undefined {
    return this.podNode.get(key);
  }

  /** Places (or assumes) a pod on a node; a pod already placed elsewhere is moved. */
  addPod(p: PodInfo, nodeName: string): void {
    const n = this.nodes.get(nodeName);
    if (!n) return;
    if (this.podNode.has(p.key)) this.removePod(p.key);
    this.version++;
    n.addPod(p);
    this.podNode.set(p.key, nodeName);
    this.account(p, n, 1);
  }

  removePod(key: string): void {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return;
    this.version++;
    this.podNode.delete(key);
    const n = this.nodes.get(nodeName);
    const p = n?.removePod(key);
    if (n && p) this.account(p, n, -1);
  }

  /** The counter of pods matching (namespaces, selector) per value of topologyKey, built on first use. */
  counter(namespaces: readonly string[], selector: Selector, topologyKey: string): TopologyCounter {
    const key = `${namespaces.join(",")}|${topologyKey}|${selectorKey(selector)}`;
    let c = this.counters.get(key);
    if (c) return c;
    c = new TopologyCounter(namespaces, selector, topologyKey);
    for (const n of this.nodes.values()) {
      const d = n.labels[topologyKey];
      if (d === undefined) continue;
      c.addDomain(d);
      for (const p of n.pods.values()) if (c.matchesPod(p)) c.change(d, 1);
    }
    this.counters.set(key, c);
    return c;
  }

  /** Required anti-affinity terms of placed pods, grouped by term. */
  antiAffinityHolders(): Iterable<TermHolders> {
    return this.antiIndex.holders(this.allNodes);
  }

  /** Placed pods' required affinity and preferred (anti-)affinity terms, grouped by term and weight. */
  scoringTermHolders(): Iterable<TermHolders> {
    return this.scoringIndex.holders(this.allNodes);
  }

  /** Every placed pod (for the rare checks that must look at each, such as multi-term required affinity). */
  *placedPods(): Iterable<{ pod: PodInfo; node: NodeInfo }> {
    for (const n of this.nodes.values()) for (const p of n.pods.values()) yield { pod: p, node: n };
  }

  /** A per-cache memo cleared whenever nodes change (for values derived from the node set only). */
  memoize<T>(key: string, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = make();
    this.memo.set(key, v);
    return v;
  }

  private account(p: PodInfo, n: NodeInfo, delta: 1 | -1): void {
    for (const c of this.counters.values()) {
      const d = n.labels[c.topologyKey];
      if (d !== undefined && c.matchesPod(p)) c.change(d, delta);
    }
    if (p.antiAffinity.length > 0 && this.antiIndex.isValid()) this.antiIndex.change(p, n, delta, this.allNodes);
    if (p.scoringTerms.length > 0 && this.scoringIndex.isValid()) this.scoringIndex.change(p, n, delta, this.allNodes);
  }

  private invalidateTopology(): void {
    this.counters.clear();
    this.antiIndex.invalidate();
    this.scoringIndex.invalidate();
    this.memo.clear();
  }
}
