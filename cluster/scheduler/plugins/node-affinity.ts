// NodeAffinity: the pod's nodeSelector and required node affinity terms must match the node's labels.
import type { FilterPlugin } from "../framework.js";
import { nodeMatchesSelectorAndAffinity } from "../match.js";

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
