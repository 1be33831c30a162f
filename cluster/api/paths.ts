// Kubernetes REST paths <-> (kind, namespace, name, subresource), for both the server and the HTTP client.
import { byResource, kindInfo, type KindInfo } from "../objects/kinds.js";

export interface ResourcePath {
  info: KindInfo;
  namespace?: string;
  name?: string;
  subresource?: "status";
}

export type ParsedPath =
  | { type: "resource"; path: ResourcePath }
  | { type: "discovery"; doc: "api" | "apis" | "core" | "apps" | "version" | "healthz" }
  | { type: "unknown" };

export function parsePath(pathname: string): ParsedPath {
  const segs = pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
  if (segs.length === 1 && segs[0] === "api") return { type: "discovery", doc: "api" };
  if (segs.length === 1 && segs[0] === "apis") return { type: "discovery", doc: "apis" };
  if (segs.length === 1 && segs[0] === "version") return { type: "discovery", doc: "version" };
  if (segs.length === 1 && (segs[0] === "healthz" || segs[0] === "readyz" || segs[0] === "livez")) return { type: "discovery", doc: "healthz" };
  let group: "" | "apps";
  let rest: string[];
  if (segs[0] === "api" && segs[1] === "v1") {
    group = "";
    rest = segs.slice(2);
  } else if (segs[0] === "apis" && segs[1] === "apps" && segs[2] === "v1") {
    group = "apps";
    rest = segs.slice(3);
  } else return { type: "unknown" };
  if (rest.length === 0) return { type: "discovery", doc: group === "" ? "core" : "apps" };
  let namespace: string | undefined;
  // /namespaces/{ns}/{plural}/... is namespaced; /namespaces and /namespaces/{name}[/status] are Namespace objects.
  if (rest[0] === "namespaces" && rest.length >= 3 && rest[2] !== "status") {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const info = byResource(group, rest[0]!);
  if (!info || rest.length > 3) return { type: "unknown" };
  if (namespace !== undefined && !info.namespaced) return { type: "unknown" };
  if (rest.length === 3 && rest[2] !== "status") return { type: "unknown" };
  const path: ResourcePath = { info, namespace, name: rest[1] };
  if (rest.length === 3) path.subresource = "status";
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
