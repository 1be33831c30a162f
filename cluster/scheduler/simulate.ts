// Plan-time placement check: schedules new pods against a given cluster picture without writing anything.
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from "../objects/types.js";
import { SchedulerCache } from "./cache.js";
import type { VolumeLister } from "./framework.js";
import { makePodInfo } from "./pod-info.js";
import { Scheduler } from "./scheduler.js";

export interface Placement {
  namespace: string;
  name: string;
  /** Where the pod would land; absent when it fits nowhere. */
  node?: string;
  /** The scheduler's message when it fits nowhere. */
  reason?: string;
}

export interface SimulationResult {
  placements: Placement[];
  unschedulable: Placement[];
}

export interface SimulationVolumes {
  claims?: readonly PersistentVolumeClaim[];
  volumes?: readonly PersistentVolume[];
}

/**
 * Places `newPods` one after another (each placement is assumed for the next, as the real scheduler does)
 * on `nodes` already holding `existingPods` (those with a nodeName; others are ignored). An existing pod whose
 * node is not in `nodes` (a node the plan destroys) is ignored too: pass it in `newPods` to re-place it.
 */
export function simulate(
  nodes: readonly Node[],
  existingPods: readonly Pod[],
  newPods: readonly Pod[],
  volumes: SimulationVolumes = {},
): SimulationResult {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.setNode(n);
  for (const p of existingPods) {
    if (!p.spec.nodeName) continue;
    if (p.status?.phase === "Succeeded" || p.status?.phase === "Failed") continue;
    cache.addPod(makePodInfo(p), p.spec.nodeName);
  }
  const claims = new Map((volumes.claims ?? []).map((c) => [`${c.metadata.namespace ?? "default"}/${c.metadata.name}`, c]));
  const pvs = new Map((volumes.volumes ?? []).map((v) => [v.metadata.name, v]));
  const lister: VolumeLister = {
    claim: (ns, name) => claims.get(`${ns}/${name}`),
    volume: (name) => pvs.get(name),
  };
  const scheduler = new Scheduler(cache, lister);
  const placements: Placement[] = [];
  const unschedulable: Placement[] = [];
  for (const pod of newPods) {
    const info = makePodInfo(pod);
    const r = scheduler.schedule(info);
    const pl: Placement = { namespace: info.namespace, name: info.name };
    if (r.node) {
      pl.node = r.node;
      cache.addPod(info, r.node);
    } else {
      pl.reason = r.message;
      unschedulable.push(pl);
    }
    placements.push(pl);
  }
  return { placements, unschedulable };
}
