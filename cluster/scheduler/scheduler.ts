// One scheduling attempt: PreFilter, Filter over nodes from a rotating start until enough feasible nodes are
// found (Kubernetes' percentageOfNodesToScore), Score + normalise + weight, pick the best.
import type { Pod } from "../objects/types.js";
import type { SchedulerCache } from "./cache.js";
import { CycleState, type VolumeLister, NO_VOLUMES } from "./framework.js";
import type { NodeInfo } from "./node-info.js";
import { makePodInfo, type PodInfo } from "./pod-info.js";
import { defaultProfile, type Profile } from "./profile.js";
import { fitErrorMessage, NO_NODES_MESSAGE } from "./messages.js";

export interface ScheduleResult {
  pod: PodInfo;
  /** The chosen node, when the pod fits. */
  node?: string;
  /** Kubernetes' aggregated unschedulable message, when it does not. */
  message?: string;
  /** Reason -> number of nodes rejected for it (empty on success or a PreFilter failure). */
  reasons: Map<string, number>;
  /** Final weighted score per evaluated feasible node (for diagnostics and tests). */
  scores?: Map<string, number>;
}

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/** Kubernetes' adaptive default: all nodes below 100, else 50% - nodes/125 (at least 5%, at least 100 nodes). */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = 50 - Math.trunc(numAllNodes / 125);
  if (pct < MIN_FEASIBLE_NODES_PERCENTAGE) pct = MIN_FEASIBLE_NODES_PERCENTAGE;
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export class Scheduler {
  private nextStart = 0;
  readonly profile: Profile;

  constructor(
    readonly cache: SchedulerCache,
    volumes: VolumeLister = NO_VOLUMES,
    profile?: Profile,
  ) {
    this.profile = profile ?? defaultProfile(volumes);
  }

  /** Finds a node for the pod without changing the cache (call cache.addPod to assume the placement). */
  schedule(input: Pod | PodInfo, options: { keepScores?: boolean } = {}): ScheduleResult {
    const pod = "pod" in input && "key" in input ? input : makePodInfo(input as Pod);
    const reasons = new Map<string, number>();
    const nodes = this.cache.nodeList();
    const total = nodes.length;
    if (total === 0) return { pod, message: NO_NODES_MESSAGE, reasons };
    const state = new CycleState(pod, this.cache);
    for (const f of this.profile.filters) {
      const msg = f.preFilter?.(state);
      if (msg !== undefined) return { pod, message: fitErrorMessage(total, reasons, msg), reasons };
    }
    const want = numFeasibleNodesToFind(total);
    const feasible: NodeInfo[] = [];
    const filters = this.profile.filters;
    let processed = 0;
    for (let i = 0; i < total && feasible.length < want; i++) {
      const node = nodes[(this.nextStart + i) % total]!;
      processed++;
      let rejected: readonly string[] | undefined;
      for (let f = 0; f < filters.length; f++) {
        rejected = filters[f]!.filter(state, node);
        if (rejected) break;
      }
      if (rejected) for (const r of rejected) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      else feasible.push(node);
    }
    this.nextStart = (this.nextStart + processed) % total;
    if (feasible.length === 0) return { pod, message: fitErrorMessage(total, reasons), reasons };
    if (feasible.length === 1 && !options.keepScores) return { pod, node: feasible[0]!.name, reasons };
    const totals = new Float64Array(feasible.length);
    const scores = new Array<number>(feasible.length);
    for (const sp of this.profile.scores) {
      if (sp.preScore && !sp.preScore(state, feasible)) continue;
      for (let i = 0; i < feasible.length; i++) scores[i] = sp.score(state, feasible[i]!);
      sp.normalize?.(state, scores, feasible);
      for (let i = 0; i < feasible.length; i++) totals[i]! += scores[i]! * sp.weight;
    }
    let best = 0;
    for (let i = 1; i < feasible.length; i++) if (totals[i]! > totals[best]!) best = i;
    const result: ScheduleResult = { pod, node: feasible[best]!.name, reasons };
    if (options.keepScores) result.scores = new Map(feasible.map((n, i) => [n.name, totals[i]!]));
    return result;
  }
}
