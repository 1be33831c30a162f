// Kubernetes REST paths <-> (kind, namespace, name, subresource), for both the server and the HTTP client.
import { byResource, kindInfo, type ApiGroup, type KindInfo } from "../objects/kinds.js";

export type Subresource = "status" | "scale" | "eviction";

export interface ResourcePath {
  info: KindInfo;
  namespace?: string;
  name?: string;
  subresource?: Subresource;
}

/** Kinds with a /scale subresource (autoscaling/v1 Scale). */
export const SCALABLE = new Set(["Deployment", "StatefulSet", "ReplicaSet"]);

/** Groups served without stored kinds: the review APIs (`auth whoami`, `auth can-i`). */
export const REVIEW_GROUPS = { "authentication.k8s.io": "selfsubjectreviews", "authorization.k8s.io": "selfsubjectaccessreviews" } as const;
export type ReviewGroup = keyof typeof REVIEW_GROUPS;

export type ParsedPath =
  | { type: "resource"; path: ResourcePath }
  | { type: "discovery"; doc: "api" | "apis" | "version" | "healthz" }
  | { type: "group"; group: ApiGroup | ReviewGroup }
  | { type: "review"; group: ReviewGroup }
  | { type: "unknown" };

const STORED_GROUPS = new Set<string>(["apps", "policy"]);

export function parsePath(pathname: string): ParsedPath {
  const segs = pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
  if (segs.length === 1 && segs[0] === "api") return { type: "discovery", doc: "api" };
  if (segs.length === 1 && segs[0] === "apis") return { type: "discovery", doc: "apis" };
  if (segs.length === 1 && segs[0] === "version") return { type: "discovery", doc: "version" };
  if (segs.length === 1 && (segs[0] === "healthz" || segs[0] === "readyz" || segs[0] === "livez")) return { type: "discovery", doc: "healthz" };
  let group: ApiGroup;
  let rest: string[];
  if (segs[0] === "api" && segs[1] === "v1") {
    group = "";
    rest = segs.slice(2);
  } else if (segs[0] === "apis" && segs[2] === "v1" && segs[1]! in REVIEW_GROUPS) {
    const g = segs[1] as ReviewGroup;
    if (segs.length === 3) return { type: "group", group: g };
    return segs.length === 4 && segs[3] === REVIEW_GROUPS[g] ? { type: "review", group: g } : { type: "unknown" };
  } else if (segs[0] === "apis" && STORED_GROUPS.has(segs[1]!) && segs[2] === "v1") {
    group = segs[1] as ApiGroup;
    rest = segs.slice(3);
  } else return { type: "unknown" };
  if (rest.length === 0) return { type: "group", group };
  let namespace: string | undefined;
  // /namespaces/{ns}/{plural}/... is namespaced; /namespaces and /namespaces/{name}[/status] are Namespace objects.
  if (rest[0] === "namespaces" && rest.length >= 3 && rest[2] !== "status") {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const info = byResource(group, rest[0]!);
  if (!info || rest.length > 3) return { type: "unknown" };
  if (namespace !== undefined && !info.namespaced) return { type: "unknown" };
  const path: ResourcePath = { info, namespace, name: rest[1] };
  if (rest.length === 3) {
    const sub = rest[2];
    if (sub === "status" || (sub === "scale" && SCALABLE.has(info.kind)) || (sub === "eviction" && info.kind === "Pod")) path.subresource = sub;
    else return { type: "unknown" };
  }
  return { type: "resource", path };
}

export function buildPath(kind: string, namespace?: string, name?: string, subresource?: string): string {
  const info = kindInfo(kind);
  if (!info) throw new Error(`unknown kind ${kind}`);
  let p = info.group === "" ? "/api/v1" : `/apis/${info.group}/v1`;
  if (info.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${info.plural}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}
