// NodeResourcesFit: Filter checks pods/cpu/memory/ephemeral-storage requests against what is left of the
// node's allocatable; Score (LeastAllocated) prefers nodes with more left, cpu and memory weighted equally.
import type { FilterPlugin, ScorePlugin } from "../framework.js";
import { MAX_NODE_SCORE } from "../framework.js";
import type { NodeInfo } from "../node-info.js";

export const REASON_TOO_MANY_PODS = "Too many pods";
export const insufficient = (resource: string): string => `Insufficient ${resource}`;

export const nodeResourcesFitFilter: FilterPlugin = {
  name: "NodeResourcesFit",
  filter(state, node) {
    const r = state.pod.requests;
    let reasons: string[] | undefined;
    if (node.pods.size + 1 > node.allocPods) (reasons ??= []).push(REASON_TOO_MANY_PODS);
    if (r.milliCpu > 0 && r.milliCpu > node.allocMilliCpu - node.reqMilliCpu) (reasons ??= []).push("Insufficient cpu");
    if (r.memory > 0 && r.memory > node.allocMemory - node.reqMemory) (reasons ??= []).push("Insufficient memory");
    if (r.ephemeralStorage > 0 && r.ephemeralStorage > node.allocEphemeral - node.reqEphemeral)
      (reasons ??= []).push("Insufficient ephemeral-storage");
    return reasons;
  },
};

function leastAllocated(requested: number, allocatable: number): number {
  if (allocatable === 0 || requested > allocatable) return 0;
  return Math.trunc(((allocatable - requested) * MAX_NODE_SCORE) / allocatable);
}

export const nodeResourcesFitScore: ScorePlugin = {
  name: "NodeResourcesFit",
  weight: 1,
  score(state, node: NodeInfo) {
    const p = state.pod.nonZero;
    const cpu = leastAllocated(node.nonZeroMilliCpu + p.milliCpu, node.allocMilliCpu);
    const mem = leastAllocated(node.nonZeroMemory + p.memory, node.allocMemory);
    return Math.trunc((cpu + mem) / 2);
  },
};

/** NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory fractions stay close (1 - std dev). */
export const balancedAllocationScore: ScorePlugin = {
  name: "NodeResourcesBalancedAllocation",
  weight: 1,
  score(state, node) {
    const r = state.pod.requests;
    const fc = node.allocMilliCpu > 0 ? Math.min(1, (node.reqMilliCpu + r.milliCpu) / node.allocMilliCpu) : 0;
    const fm = node.allocMemory > 0 ? Math.min(1, (node.reqMemory + r.memory) / node.allocMemory) : 0;
    // Standard deviation of two values is half their distance.
    const std = Math.abs(fc - fm) / 2;
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
