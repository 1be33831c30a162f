// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods tolerating its unschedulable taint.
import type { FilterPlugin } from "../framework.js";
import { toleratesAny } from "../match.js";

export const REASON_UNSCHEDULABLE = "node(s) were unschedulable";
const REJECT = [REASON_UNSCHEDULABLE] as const;
const UNSCHEDULABLE_TAINT = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" } as const;

export const nodeUnschedulable: FilterPlugin = {
  name: "NodeUnschedulable",
  filter(state, node) {
    if (!node.unschedulable) return undefined;
    return toleratesAny(state.pod.tolerations, UNSCHEDULABLE_TAINT) ? undefined : REJECT;
  },
};
