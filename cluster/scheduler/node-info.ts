// A node as the scheduler sees it: allocatable resources and the running sum of what its pods request,
// updated incrementally as pods are added and removed (never recomputed per scheduling attempt).
import type { Node, Taint } from "../objects/types.js";
import { parseMilli, parseQuantity } from "../objects/quantity.js";
import type { PodInfo } from "./pod-info.js";

export const DEFAULT_MAX_PODS = 110;

export class NodeInfo {
  readonly name: string;
  node: Node;
  labels: Record<string, string> = {};
  taints: readonly Taint[] = [];
  unschedulable = false;
  allocMilliCpu = 0;
  allocMemory = 0;
  allocEphemeral = 0;
  allocPods = DEFAULT_MAX_PODS;
  reqMilliCpu = 0;
  reqMemory = 0;
  reqEphemeral = 0;
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();

  constructor(node: Node) {
    this.name = node.metadata.name;
    this.node = node;
    this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = { "kubernetes.io/hostname": node.metadata.name, ...(node.metadata.labels ?? {}) };
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    const a = node.status?.allocatable ?? node.status?.capacity ?? {};
    this.allocMilliCpu = a.cpu !== undefined ? parseMilli(a.cpu) : 0;
    this.allocMemory = a.memory !== undefined ? parseQuantity(a.memory) : 0;
    this.allocEphemeral = a["ephemeral-storage"] !== undefined ? parseQuantity(a["ephemeral-storage"]) : 0;
    this.allocPods = a.pods !== undefined ? parseQuantity(a.pods) : DEFAULT_MAX_PODS;
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    this.reqMilliCpu += p.requests.milliCpu;
    this.reqMemory += p.requests.memory;
    this.reqEphemeral += p.requests.ephemeralStorage;
    this.nonZeroMilliCpu += p.nonZero.milliCpu;
    this.nonZeroMemory += p.nonZero.memory;
  }

  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (!p) return undefined;
    this.pods.delete(key);
    this.reqMilliCpu -= p.requests.milliCpu;
    this.reqMemory -= p.requests.memory;
    this.reqEphemeral -= p.requests.ephemeralStorage;
    this.nonZeroMilliCpu -= p.nonZero.milliCpu;
    this.nonZeroMemory -= p.nonZero.memory;
    return p;
  }
}
