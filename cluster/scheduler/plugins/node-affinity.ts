// NodeAffinity: Filter requires the pod's nodeSelector and required node affinity terms to match the node's
// labels; Score sums the weights of the preferred terms the node matches (normalised by the maximum).
import type { FilterPlugin, ScorePlugin } from "../framework.js";
import { defaultNormalize } from "../framework.js";
import { nodeMatchesSelectorAndAffinity, nodeMatchesTerms } from "../match.js";

export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
const REJECT = [REASON_NODE_AFFINITY] as const;

export const nodeAffinity: FilterPlugin = {
  name: "NodeAffinity",
  filter(state, node) {
    const p = state.pod;
    if (p.nodeAffinityKey === "") return undefined;
    return nodeMatchesSelectorAndAffinity(node, p.nodeSelector, p.requiredTerms) ? undefined : REJECT;
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: "NodeAffinity",
  weight: 2,
  preScore(state) {
    return state.pod.preferredNodeTerms.length > 0;
  },
  score(state, node) {
    let total = 0;
    for (const t of state.pod.preferredNodeTerms) if (nodeMatchesTerms([t.term], node.labels, node.name)) total += t.weight;
    return total;
  },
  normalize(_state, scores) {
    defaultNormalize(scores, false);
  },
};
