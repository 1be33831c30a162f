// InterPodAffinity (required anti-affinity): a node is rejected when its topology domain already holds a pod
// the incoming pod must avoid, or a pod whose own anti-affinity term matches the incoming pod.
import type { FilterPlugin } from "../framework.js";
import { podMatchesTerm } from "../pod-info.js";
import type { TopologyCounter } from "../topology.js";

export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const REJECT_OWN = [REASON_ANTI_AFFINITY] as const;
const REJECT_EXISTING = [REASON_EXISTING_ANTI_AFFINITY] as const;

interface AntiState {
  existing: TopologyCounter[];
  own: TopologyCounter[];
}

export const interPodAffinity: FilterPlugin = {
  name: "InterPodAffinity",
  preFilter(state) {
    const p = state.pod;
    const existing: TopologyCounter[] = [];
    for (const h of state.cache.antiAffinityHolders()) if (podMatchesTerm(h.term, p)) existing.push(h.counter);
    const own = p.antiAffinity.map((t) => state.cache.counter(t.namespaces, t.selector, t.topologyKey));
    if (existing.length > 0 || own.length > 0) state.write<AntiState>("InterPodAffinity", { existing, own });
    return undefined;
  },
  filter(state, node) {
    const s = state.read<AntiState>("InterPodAffinity");
    if (!s) return undefined;
    // Kubernetes checks the incoming pod's own terms before the existing pods' terms.
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
