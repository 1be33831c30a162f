// InterPodAffinity, as kube-scheduler's plugin of that name.
// Filter: the incoming pod's required affinity (a pod matching all its terms must already run in the node's
// domain, unless no pod anywhere does and the pod matches its own terms), its required anti-affinity, and the
// required anti-affinity of placed pods that match it. Score: the incoming pod's preferred terms weighted by
// matching pods per domain, plus placed pods' preferred terms and required affinity terms (hardPodAffinityWeight)
// that match it; normalised min-max to 0..100.
// Everything per domain comes from counters the cache keeps current, so a pod without terms pays one loop over
// the (usually empty) groups of placed pods' terms, never a walk over pods.
import type { CycleState, FilterPlugin, ScorePlugin } from "../framework.js";
import { MAX_NODE_SCORE } from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import { podMatchesTerm, type AffinityTerm, type PodInfo } from "../pod-info.js";
import type { TopologyCounter } from "../topology.js";

export const REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const REJECT_AFFINITY = [REASON_AFFINITY] as const;
const REJECT_OWN = [REASON_ANTI_AFFINITY] as const;
const REJECT_EXISTING = [REASON_EXISTING_ANTI_AFFINITY] as const;

/** Pods matching all of the incoming pod's required affinity terms, per (topology key, value). */
interface AffinityCounts {
  count(topologyKey: string, value: string): number;
  /** No placed pod matches all terms on a node carrying the term's topology key (Kubernetes' empty map). */
  empty: boolean;
}

interface FilterState {
  affinity: readonly AffinityTerm[];
  affinityCounts: AffinityCounts | undefined;
  selfMatchesAffinity: boolean;
  own: TopologyCounter[];
  existing: TopologyCounter[];
}

function matchesAllTerms(terms: readonly AffinityTerm[], p: PodInfo): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!podMatchesTerm(t, p)) return false;
  return true;
}

function affinityCounts(state: CycleState, terms: readonly AffinityTerm[]): AffinityCounts {
  if (terms.length === 1) {
    // One term: the cache's counter for (namespaces, selector, topologyKey) is exactly this map.
    const t = terms[0]!;
    const c = state.cache.counter(t.namespaces, t.selector, t.topologyKey);
    let total = 0;
    for (const n of c.byDomain.values()) total += n;
    return { count: (key, value) => (key === t.topologyKey ? c.count(value) : 0), empty: total === 0 };
  }
  // Several terms: a pod counts only when it matches all of them; counted once per term's topology pair.
  const pairs = new Map<string, number>();
  for (const { pod, node } of state.cache.placedPods()) {
    if (!matchesAllTerms(terms, pod)) continue;
    for (const t of terms) {
      const v = node.labels[t.topologyKey];
      if (v === undefined) continue;
      const k = `${t.topologyKey}\u0000${v}`;
      pairs.set(k, (pairs.get(k) ?? 0) + 1);
    }
  }
  return { count: (key, value) => pairs.get(`${key}\u0000${value}`) ?? 0, empty: pairs.size === 0 };
}

export const interPodAffinity: FilterPlugin = {
  name: "InterPodAffinity",
  preFilter(state) {
    const p = state.pod;
    const existing: TopologyCounter[] = [];
    for (const h of state.cache.antiAffinityHolders()) if (podMatchesTerm(h.term, p)) existing.push(h.counter);
    const own = p.antiAffinity.map((t) => state.cache.counter(t.namespaces, t.selector, t.topologyKey));
    if (existing.length === 0 && own.length === 0 && p.affinity.length === 0) return undefined;
    state.write<FilterState>("InterPodAffinity", {
      affinity: p.affinity,
      affinityCounts: p.affinity.length > 0 ? affinityCounts(state, p.affinity) : undefined,
      selfMatchesAffinity: matchesAllTerms(p.affinity, p),
      own,
      existing,
    });
    return undefined;
  },
  filter(state, node) {
    const s = state.read<FilterState>("InterPodAffinity");
    if (!s) return undefined;
    if (s.affinityCounts && !satisfiesAffinity(s, s.affinityCounts, node)) return REJECT_AFFINITY;
    for (const c of s.own) {
      const d = node.labels[c.topologyKey];
      if (d !== undefined && c.count(d) > 0) return REJECT_OWN;
    }
    for (const c of s.existing) {
      const d = node.labels[c.topologyKey];
      if (d !== undefined && c.count(d) > 0) return REJECT_EXISTING;
    }
    return undefined;
  },
};

function satisfiesAffinity(s: FilterState, counts: AffinityCounts, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.affinity) {
    const v = node.labels[t.topologyKey];
    // Every term's topology label must be on the node.
    if (v === undefined) return false;
    if (counts.count(t.topologyKey, v) <= 0) podsExist = false;
  }
  // The first pod of a group with affinity to itself may go anywhere its topology labels exist.
  return podsExist || (counts.empty && s.selfMatchesAffinity);
}

interface Contribution {
  topologyKey: string;
  counter: TopologyCounter;
  weight: number;
}

export const interPodAffinityScore: ScorePlugin = {
  name: "InterPodAffinity",
  weight: 2,
  preScore(state) {
    const p = state.pod;
    const items: Contribution[] = [];
    for (const { term, weight } of p.preferredPodTerms) {
      items.push({ topologyKey: term.topologyKey, counter: state.cache.counter(term.namespaces, term.selector, term.topologyKey), weight });
    }
    for (const h of state.cache.scoringTermHolders()) {
      if (podMatchesTerm(h.term, p)) items.push({ topologyKey: h.term.topologyKey, counter: h.counter, weight: h.weight });
    }
    if (items.length === 0) return false;
    state.write<Contribution[]>("InterPodAffinity/score", items);
    return true;
  },
  score(state, node) {
    let total = 0;
    for (const it of state.read<Contribution[]>("InterPodAffinity/score")!) {
      const d = node.labels[it.topologyKey];
      if (d !== undefined) total += it.weight * it.counter.count(d);
    }
    return total;
  },
  normalize(_state, scores) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const s of scores) {
      if (s < min) min = s;
      if (s > max) max = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i]! - min)) / diff) : 0;
  },
};
