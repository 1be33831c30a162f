// Everything the plugins need from a pod, computed once per pod rather than once per node.
import type { Pod, Toleration, NodeSelectorTerm, TopologySpreadConstraint } from "../objects/types.js";
import { compileLabelSelector, matches, selectorKey, type Selector } from "../objects/labels.js";
import { parseMilli, parseQuantity } from "../objects/quantity.js";

/** Kubernetes' defaults for pods that request nothing, used only for scoring (not for fit). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface Requests {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
}

export interface AntiAffinityTerm {
  selector: Selector;
  /** Namespaces the term applies to (the holder's own namespace when the term names none). */
  namespaces: readonly string[];
  topologyKey: string;
  key: string;
}

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  hard: boolean;
  selector: Selector;
  key: string;
}

export interface PodInfo {
  pod: Pod;
  key: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  requests: Requests;
  nonZero: { milliCpu: number; memory: number };
  tolerations: readonly Toleration[];
  nodeSelector: Record<string, string> | undefined;
  requiredTerms: readonly NodeSelectorTerm[] | undefined;
  /** A stable string for the node-affinity part (nodeSelector + required terms), "" when the pod has none. */
  nodeAffinityKey: string;
  antiAffinity: readonly AntiAffinityTerm[];
  spread: readonly SpreadConstraint[];
  claimNames: readonly string[];
}

export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function podRequests(pod: Pod): Requests {
  let milliCpu = 0;
  let memory = 0;
  let ephemeralStorage = 0;
  for (const c of pod.spec.containers ?? []) {
    const r = c.resources?.requests;
    if (!r) continue;
    if (r.cpu !== undefined) milliCpu += parseMilli(r.cpu);
    if (r.memory !== undefined) memory += parseQuantity(r.memory);
    if (r["ephemeral-storage"] !== undefined) ephemeralStorage += parseQuantity(r["ephemeral-storage"]);
  }
  return { milliCpu, memory, ephemeralStorage };
}

function nonZeroRequests(pod: Pod): { milliCpu: number; memory: number } {
  let milliCpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers ?? []) {
    const r = c.resources?.requests;
    milliCpu += r?.cpu !== undefined ? parseMilli(r.cpu) : DEFAULT_MILLI_CPU_REQUEST;
    memory += r?.memory !== undefined ? parseQuantity(r.memory) : DEFAULT_MEMORY_REQUEST;
  }
  return { milliCpu, memory };
}

function compileSpread(c: TopologySpreadConstraint): SpreadConstraint {
  const selector = compileLabelSelector(c.labelSelector) ?? [];
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    hard: c.whenUnsatisfiable === "DoNotSchedule",
    selector,
    key: `${c.topologyKey}|${selectorKey(selector)}`,
  };
}

export function makePodInfo(pod: Pod): PodInfo {
  const namespace = pod.metadata.namespace ?? "default";
  const spec = pod.spec;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const anti = (spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => {
    // A term without a label selector matches no pods, as in Kubernetes.
    const selector = compileLabelSelector(t.labelSelector);
    const namespaces = t.namespaces?.length ? [...t.namespaces].sort() : [namespace];
    const sel = selector ?? [{ key: "\u0000never", op: "Exists" as const, values: [] }];
    return { selector: sel, namespaces, topologyKey: t.topologyKey, key: `${namespaces.join(",")}|${t.topologyKey}|${selectorKey(sel)}` };
  });
  const nodeAffinityKey =
    spec.nodeSelector || terms ? JSON.stringify([spec.nodeSelector ?? null, terms ?? null]) : "";
  return {
    pod,
    key: podKey(namespace, pod.metadata.name),
    namespace,
    name: pod.metadata.name,
    labels: pod.metadata.labels ?? {},
    requests: podRequests(pod),
    nonZero: nonZeroRequests(pod),
    tolerations: spec.tolerations ?? [],
    nodeSelector: spec.nodeSelector,
    requiredTerms: terms,
    nodeAffinityKey,
    antiAffinity: anti,
    spread: (spec.topologySpreadConstraints ?? []).map(compileSpread),
    claimNames: (spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [])),
  };
}

export function podMatchesTerm(term: { selector: Selector; namespaces: readonly string[] }, p: PodInfo): boolean {
  return term.namespaces.includes(p.namespace) && matches(term.selector, p.labels);
}
