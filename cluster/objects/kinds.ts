// The registry of served kinds: group/version, plural resource name, scope. Drives REST paths and discovery.

/** The stored kinds' API groups ("" is core). */
export type ApiGroup = "" | "apps" | "policy";

export interface KindInfo {
  kind: string;
  group: ApiGroup;
  version: "v1";
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
}

const VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"];

function k(kind: string, group: ApiGroup, plural: string, namespaced: boolean, shortNames: string[]): KindInfo {
  return { kind, group, version: "v1", plural, singular: kind.toLowerCase(), namespaced, shortNames, verbs: VERBS };
}

export const KINDS: readonly KindInfo[] = [
  k("Namespace", "", "namespaces", false, ["ns"]),
  k("Node", "", "nodes", false, ["no"]),
  k("PersistentVolume", "", "persistentvolumes", false, ["pv"]),
  k("PersistentVolumeClaim", "", "persistentvolumeclaims", true, ["pvc"]),
  k("Pod", "", "pods", true, ["po"]),
  k("ConfigMap", "", "configmaps", true, ["cm"]),
  k("Secret", "", "secrets", true, []),
  k("Service", "", "services", true, ["svc"]),
  k("Endpoints", "", "endpoints", true, ["ep"]),
  k("Event", "", "events", true, ["ev"]),
  k("ResourceQuota", "", "resourcequotas", true, ["quota"]),
  k("LimitRange", "", "limitranges", true, ["limits"]),
  k("Deployment", "apps", "deployments", true, ["deploy"]),
  k("ReplicaSet", "apps", "replicasets", true, ["rs"]),
  k("StatefulSet", "apps", "statefulsets", true, ["sts"]),
  k("DaemonSet", "apps", "daemonsets", true, ["ds"]),
  k("PodDisruptionBudget", "policy", "poddisruptionbudgets", true, ["pdb"]),
];

const BY_KIND = new Map(KINDS.map((i) => [i.kind, i]));
const BY_NAME = new Map<string, KindInfo>();
for (const i of KINDS) {
  for (const n of [i.plural, i.singular, i.kind.toLowerCase(), ...i.shortNames]) BY_NAME.set(n, i);
}

export function kindInfo(kind: string): KindInfo | undefined {
  return BY_KIND.get(kind);
}

/** Resolves what a user types after `get` (pods, pod, po, Pod) as kubectl does. */
export function resolveKindName(name: string): KindInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function apiVersionOf(info: KindInfo): string {
  return info.group === "" ? info.version : `${info.group}/${info.version}`;
}

export function byResource(group: string, plural: string): KindInfo | undefined {
  return KINDS.find((i) => i.group === group && i.plural === plural);
}
