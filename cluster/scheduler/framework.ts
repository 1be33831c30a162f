// The scheduling framework's extension points, after Kubernetes' scheduler framework: PreFilter/Filter plugins
// reject nodes with a reason, PreScore/Score/NormalizeScore plugins rank the feasible ones 0..100.
import type { PersistentVolume, PersistentVolumeClaim } from "../objects/types.js";
import type { SchedulerCache } from "./cache.js";
import type { NodeInfo } from "./node-info.js";
import type { PodInfo } from "./pod-info.js";

export const MAX_NODE_SCORE = 100;

/** Per-attempt scratch space shared by the plugins (Kubernetes' CycleState). */
export class CycleState {
  private readonly values = new Map<string, unknown>();
  constructor(
    readonly pod: PodInfo,
    readonly cache: SchedulerCache,
  ) {}
  write<T>(key: string, v: T): void {
    this.values.set(key, v);
  }
  read<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
}

export interface FilterPlugin {
  readonly name: string;
  /** A message when no node can ever fit this pod as things stand (Kubernetes' UnschedulableAndUnresolvable). */
  preFilter?(state: CycleState): string | undefined;
  /** Reasons the node is rejected, or undefined when it passes. */
  filter(state: CycleState, node: NodeInfo): readonly string[] | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** Returns false when the plugin has nothing to say about this pod (it is then skipped). */
  preScore?(state: CycleState, nodes: readonly NodeInfo[]): boolean;
  /** A raw score; plugins without normalize must return 0..MAX_NODE_SCORE. */
  score(state: CycleState, node: NodeInfo): number;
  normalize?(state: CycleState, scores: number[], nodes: readonly NodeInfo[]): void;
}

/** Read access to claims and volumes for VolumeBinding (the store in the core, plain lists in a simulation). */
export interface VolumeLister {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
}

export const NO_VOLUMES: VolumeLister = { claim: () => undefined, volume: () => undefined };

/** Kubernetes' DefaultNormalizeScore: scale to 0..100 by the maximum, optionally reversed. */
export function defaultNormalize(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]!) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
