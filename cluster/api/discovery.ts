// Discovery documents (/api, /apis, /api/v1, /apis/apps/v1) in Kubernetes' shapes, so standard clients
// (kubectl, client-go) find the resources.
import { KINDS, type ApiGroup } from "../objects/kinds.js";
import { REVIEW_GROUPS, SCALABLE, type ReviewGroup } from "./paths.js";

export function apiVersions(): object {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }] };
}

export function apiGroupList(): object {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: ["apps", "policy", ...Object.keys(REVIEW_GROUPS)].map((name) => ({
      name,
      versions: [{ groupVersion: `${name}/v1`, version: "v1" }],
      preferredVersion: { groupVersion: `${name}/v1`, version: "v1" },
    })),
  };
}

export function apiResourceList(group: ApiGroup | ReviewGroup): object {
  if (group in REVIEW_GROUPS) {
    const g = group as ReviewGroup;
    const kind = g === "authentication.k8s.io" ? "SelfSubjectReview" : "SelfSubjectAccessReview";
    return { kind: "APIResourceList", apiVersion: "v1", groupVersion: `${g}/v1`, resources: [{ name: REVIEW_GROUPS[g], singularName: kind.toLowerCase(), namespaced: false, kind, verbs: ["create"] }] };
  }
  const resources = [];
  for (const k of KINDS.filter((i) => i.group === group)) {
    resources.push({ name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: k.verbs, shortNames: k.shortNames.length ? k.shortNames : undefined });
    if (!["ConfigMap", "Secret", "Endpoints", "Event", "LimitRange"].includes(k.kind)) {
      resources.push({ name: `${k.plural}/status`, singularName: "", namespaced: k.namespaced, kind: k.kind, verbs: ["get", "patch", "update"] });
    }
    if (SCALABLE.has(k.kind)) resources.push({ name: `${k.plural}/scale`, singularName: "", namespaced: true, group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] });
    if (k.kind === "Pod") resources.push({ name: "pods/eviction", singularName: "", namespaced: true, group: "policy", version: "v1", kind: "Eviction", verbs: ["create"] });
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/v1` : "v1", resources };
}
