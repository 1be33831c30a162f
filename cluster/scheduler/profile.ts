// The default profile: Kubernetes' default Filter order and Score weights for the plugins Cairn implements
// (TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, NodeResourcesFit 1,
// NodeResourcesBalancedAllocation 1; ImageLocality has nothing to score here, as no image is ever pulled).
import type { FilterPlugin, ScorePlugin, VolumeLister } from "./framework.js";
import { nodeUnschedulable } from "./plugins/node-unschedulable.js";
import { taintTolerationFilter, taintTolerationScore } from "./plugins/taint-toleration.js";
import { nodeAffinity, nodeAffinityScore } from "./plugins/node-affinity.js";
import { nodeResourcesFitFilter, nodeResourcesFitScore, balancedAllocationScore } from "./plugins/node-resources-fit.js";
import { volumeBinding } from "./plugins/volume-binding.js";
import { podTopologySpreadFilter, podTopologySpreadScore } from "./plugins/pod-topology-spread.js";
import { interPodAffinity, interPodAffinityScore } from "./plugins/inter-pod-affinity.js";

export interface Profile {
  filters: FilterPlugin[];
  scores: ScorePlugin[];
}

export function defaultProfile(volumes: VolumeLister): Profile {
  return {
    filters: [
      nodeUnschedulable,
      taintTolerationFilter,
      nodeAffinity,
      nodeResourcesFitFilter,
      volumeBinding(volumes),
      podTopologySpreadFilter,
      interPodAffinity,
    ],
    scores: [
      taintTolerationScore,
      nodeAffinityScore,
      nodeResourcesFitScore,
      podTopologySpreadScore,
      interPodAffinityScore,
      balancedAllocationScore,
    ],
  };
}
