// Everything the plugins need from a pod, computed once per pod rather than once per node.
import type {
  Container, NodeSelectorTerm, Pod, PodAffinityTerm, Toleration, TopologySpreadConstraint, WeightedPodAffinityTerm,
} from "../objects/types.js";
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

/** A pod (anti-)affinity term compiled once: which pods it selects and over which topology key. */
export interface AffinityTerm {
  selector: Selector;
  /** Namespaces the term applies to (the holder's own namespace when the term names none). */
  namespaces: readonly string[];
  topologyKey: string;
  key: string;
}

/** A term with the weight it adds to (or, negative, takes from) a node's InterPodAffinity score. */
export interface WeightedTerm {
  term: AffinityTerm;
  weight: number;
}

export interface PreferredNodeTerm {
  weight: number;
  term: NodeSelectorTerm;
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
  /** Required pod anti-affinity terms. */
  antiAffinity: readonly AffinityTerm[];
  /** Required pod affinity terms (an existing pod must match all of them). */
  affinity: readonly AffinityTerm[];
  /** Preferred pod affinity (positive weight) and anti-affinity (negative weight) terms. */
  preferredPodTerms: readonly WeightedTerm[];
  /**
   * What this pod, once placed, adds to the InterPodAffinity score of pods its terms match: its preferred terms
   * and its required affinity terms at Kubernetes' hardPodAffinityWeight (1).
   */
  scoringTerms: readonly WeightedTerm[];
  preferredNodeTerms: readonly PreferredNodeTerm[];
  spread: readonly SpreadConstraint[];
  claimNames: readonly string[];
}

export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** A container's effective requests: Kubernetes defaults each missing request to the container's limit. */
function containerRequest(c: Container, resource: "cpu" | "memory" | "ephemeral-storage"): string | undefined {
  return c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
}

export function podRequests(pod: Pod): Requests {
  let milliCpu = 0;
  let memory = 0;
  let ephemeralStorage = 0;
  for (const c of pod.spec.containers ?? []) {
    const cpu = containerRequest(c, "cpu");
    const mem = containerRequest(c, "memory");
    const eph = containerRequest(c, "ephemeral-storage");
    if (cpu !== undefined) milliCpu += parseMilli(cpu);
    if (mem !== undefined) memory += parseQuantity(mem);
    if (eph !== undefined) ephemeralStorage += parseQuantity(eph);
  }
  return { milliCpu, memory, ephemeralStorage };
}

function nonZeroRequests(pod: Pod): { milliCpu: number; memory: number } {
  let milliCpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers ?? []) {
    const cpu = containerRequest(c, "cpu");
    const mem = containerRequest(c, "memory");
    milliCpu += cpu !== undefined ? parseMilli(cpu) : DEFAULT_MILLI_CPU_REQUEST;
    memory += mem !== undefined ? parseQuantity(mem) : DEFAULT_MEMORY_REQUEST;
  }
  return { milliCpu, memory };
}

const MATCH_NOTHING: Selector = [{ key: "\u0000never", op: "Exists", values: [] }];

function compileTerm(t: PodAffinityTerm, ownNamespace: string): AffinityTerm {
  // A term without a label selector matches no pods, as in Kubernetes.
  const selector = compileLabelSelector(t.labelSelector) ?? MATCH_NOTHING;
  const namespaces = t.namespaces?.length ? [...t.namespaces].sort() : [ownNamespace];
  return { selector, namespaces, topologyKey: t.topologyKey, key: `${namespaces.join(",")}|${t.topologyKey}|${selectorKey(selector)}` };
}

/** Kubernetes' default weight for an existing pod's required affinity term in the incoming pod's score. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

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
  const na = spec.affinity?.nodeAffinity;
  const terms = na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const compile = (list: readonly PodAffinityTerm[] | undefined) => (list ?? []).map((t) => compileTerm(t, namespace));
  const weighted = (list: readonly WeightedPodAffinityTerm[] | undefined, sign: 1 | -1): WeightedTerm[] =>
    (list ?? []).filter((w) => w.weight !== 0).map((w) => ({ term: compileTerm(w.podAffinityTerm, namespace), weight: sign * w.weight }));
  const affinity = compile(spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  const preferredPodTerms = [
    ...weighted(spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1),
    ...weighted(spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1),
  ];
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
    antiAffinity: compile(spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    affinity,
    preferredPodTerms,
    scoringTerms: preferredPodTerms.length === 0 && affinity.length === 0
      ? []
      : [...affinity.map((term) => ({ term, weight: HARD_POD_AFFINITY_WEIGHT })), ...preferredPodTerms],
    preferredNodeTerms: (na?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      .filter((p) => p.weight !== 0 && p.preference)
      .map((p) => ({ weight: p.weight, term: p.preference })),
    spread: (spec.topologySpreadConstraints ?? []).map(compileSpread),
    claimNames: (spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [])),
  };
}

export function podMatchesTerm(term: { selector: Selector; namespaces: readonly string[] }, p: PodInfo): boolean {
  return term.namespaces.includes(p.namespace) && matches(term.selector, p.labels);
}
