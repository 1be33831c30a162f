// Discovery documents (/api, /apis, /api/v1, /apis/apps/v1) in Kubernetes' shapes, so standard clients
// (kubectl, client-go) find the resources.
import { KINDS } from "../objects/kinds.js";

export function apiVersions(): object {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }] };
}

export function apiGroupList(): object {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [
      {
        name: "apps",
        versions: [{ groupVersion: "apps/v1", version: "v1" }],
        preferredVersion: { groupVersion: "apps/v1", version: "v1" },
      },
    ],
  };
}

export function apiResourceList(group: "" | "apps"): object {
  const resources = [];
  for (const k of KINDS.filter((i) => i.group === group)) {
    resources.push({ name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: k.verbs, shortNames: k.shortNames.length ? k.shortNames : undefined });
    if (!["ConfigMap", "Secret", "Endpoints", "Event"].includes(k.kind)) {
      resources.push({ name: `${k.plural}/status`, singularName: "", namespaced: k.namespaced, kind: k.kind, verbs: ["get", "patch", "update"] });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/v1` : "v1", resources };
}
