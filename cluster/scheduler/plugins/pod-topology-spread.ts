// PodTopologySpread: DoNotSchedule constraints filter nodes whose domain would exceed maxSkew over the least
// loaded eligible domain; ScheduleAnyway constraints score nodes by how few matching pods their domain holds.
import { matches } from "../../objects/labels.js";
import type { CycleState, FilterPlugin, ScorePlugin } from "../framework.js";
import { MAX_NODE_SCORE } from "../framework.js";
import { nodeMatchesSelectorAndAffinity } from "../match.js";
import type { NodeInfo } from "../node-info.js";
import type { SpreadConstraint } from "../pod-info.js";
import type { TopologyCounter } from "../topology.js";

export const REASON_SPREAD = "node(s) didn't match pod topology spread constraints";
export const REASON_SPREAD_MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";
const REJECT = [REASON_SPREAD] as const;
const REJECT_MISSING = [REASON_SPREAD_MISSING_LABEL] as const;

interface HardState {
  c: SpreadConstraint;
  counter: TopologyCounter;
  min: number;
  selfMatch: number;
}

/** Domains of the nodes the pod's node affinity allows (Kubernetes' nodeAffinityPolicy: Honor). */
function eligibleDomains(state: CycleState, topologyKey: string): readonly string[] {
  const p = state.pod;
  return state.cache.memoize(`spread-domains|${topologyKey}|${p.nodeAffinityKey}`, () => {
    const set = new Set<string>();
    for (const n of state.cache.nodeList()) {
      const d = n.labels[topologyKey];
      if (d !== undefined && nodeMatchesSelectorAndAffinity(n, p.nodeSelector, p.requiredTerms)) set.add(d);
    }
    return [...set];
  });
}

function minMatch(state: CycleState, c: SpreadConstraint, counter: TopologyCounter): number {
  if (state.pod.nodeAffinityKey === "") return counter.min();
  let min = Number.POSITIVE_INFINITY;
  for (const d of eligibleDomains(state, c.topologyKey)) min = Math.min(min, counter.count(d));
  return Number.isFinite(min) ? min : 0;
}

export const podTopologySpreadFilter: FilterPlugin = {
  name: "PodTopologySpread",
  preFilter(state) {
    const p = state.pod;
    const hard: HardState[] = [];
    for (const c of p.spread) {
      if (!c.hard) continue;
      const counter = state.cache.counter([p.namespace], c.selector, c.topologyKey);
      hard.push({ c, counter, min: minMatch(state, c, counter), selfMatch: matches(c.selector, p.labels) ? 1 : 0 });
    }
    if (hard.length > 0) state.write("PodTopologySpread", hard);
    return undefined;
  },
  filter(state, node) {
    const hard = state.read<HardState[]>("PodTopologySpread");
    if (!hard) return undefined;
    for (const h of hard) if (node.labels[h.c.topologyKey] === undefined) return REJECT_MISSING;
    for (const h of hard) {
      const d = node.labels[h.c.topologyKey]!;
      if (h.counter.count(d) + h.selfMatch - h.min > h.c.maxSkew) return REJECT;
    }
    return undefined;
  },
};

interface SoftState {
  items: { c: SpreadConstraint; counter: TopologyCounter; weight: number }[];
  ignored: Set<string>;
}

export const podTopologySpreadScore: ScorePlugin = {
  name: "PodTopologySpread",
  weight: 2,
  preScore(state, nodes: readonly NodeInfo[]) {
    const p = state.pod;
    const soft = p.spread.filter((c) => !c.hard);
    if (soft.length === 0) return false;
    const items = soft.map((c) => {
      const domains = new Set<string>();
      for (const n of nodes) {
        const d = n.labels[c.topologyKey];
        if (d !== undefined) domains.add(d);
      }
      return { c, counter: state.cache.counter([p.namespace], c.selector, c.topologyKey), weight: Math.log(domains.size + 2) };
    });
    state.write<SoftState>("PodTopologySpread/score", { items, ignored: new Set() });
    return true;
  },
  score(state, node) {
    const s = state.read<SoftState>("PodTopologySpread/score")!;
    let total = 0;
    for (const it of s.items) {
      const d = node.labels[it.c.topologyKey];
      if (d === undefined) {
        s.ignored.add(node.name);
        return 0;
      }
      total += it.counter.count(d) * it.weight + (it.c.maxSkew - 1);
    }
    return Math.round(total);
  },
  normalize(state, scores, nodes) {
    const s = state.read<SoftState>("PodTopologySpread/score")!;
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (s.ignored.has(nodes[i]!.name)) continue;
      min = Math.min(min, scores[i]!);
      max = Math.max(max, scores[i]!);
    }
    for (let i = 0; i < scores.length; i++) {
      if (s.ignored.has(nodes[i]!.name)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
    }
  },
};
