// TaintToleration: Filter rejects a node with a NoSchedule/NoExecute taint the pod does not tolerate;
// Score counts untolerated PreferNoSchedule taints (fewer is better, reversed on normalisation).
import type { FilterPlugin, ScorePlugin } from "../framework.js";
import { defaultNormalize } from "../framework.js";
import { toleratesAny } from "../match.js";

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ""}}`;
}

export const taintTolerationFilter: FilterPlugin = {
  name: "TaintToleration",
  filter(state, node) {
    for (const t of node.taints) {
      if (t.effect === "PreferNoSchedule") continue;
      if (!toleratesAny(state.pod.tolerations, t)) return [untoleratedTaintReason(t.key, t.value)];
    }
    return undefined;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: "TaintToleration",
  weight: 3,
  score(state, node) {
    let n = 0;
    const tols = state.pod.tolerations.filter((t) => !t.effect || t.effect === "PreferNoSchedule");
    for (const t of node.taints) if (t.effect === "PreferNoSchedule" && !toleratesAny(tols, t)) n++;
    return n;
  },
  normalize(_state, scores) {
    defaultNormalize(scores, true);
  },
};
