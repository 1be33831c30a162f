// Field selectors (`?fieldSelector=metadata.name=web,spec.nodeName!=n1`): the fields Kubernetes supports for
// the kinds served here, equality and inequality only, as the API server allows.
import type { KubeObject } from "../objects/meta.js";
import { Errors } from "./status.js";

export interface FieldRequirement {
  field: string;
  equal: boolean;
  value: string;
}

const COMMON = ["metadata.name", "metadata.namespace"];
const SUPPORTED: Record<string, string[]> = {
  Pod: [...COMMON, "spec.nodeName", "spec.schedulerName", "status.phase", "status.podIP"],
  Node: [...COMMON, "spec.unschedulable"],
  PersistentVolume: [...COMMON, "status.phase"],
  PersistentVolumeClaim: [...COMMON, "status.phase"],
  Namespace: [...COMMON, "status.phase"],
  Secret: [...COMMON, "type"],
  Event: [...COMMON, ...["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"].map((f) => `involvedObject.${f}`), "reason", "reportingComponent", "source", "type"],
};

export function parseFieldSelector(kind: string, text: string | undefined): FieldRequirement[] | undefined {
  if (!text) return undefined;
  const allowed = SUPPORTED[kind] ?? COMMON;
  const out: FieldRequirement[] = [];
  for (const part of text.split(",")) {
    const s = part.trim();
    if (!s) continue;
    const m = /^([A-Za-z.]+)\s*(==|!=|=)\s*(.*)$/.exec(s);
    if (!m) throw Errors.badRequest(`invalid field selector: "${s}"`);
    if (!allowed.includes(m[1]!)) throw Errors.badRequest(`field label not supported: ${m[1]}`);
    out.push({ field: m[1]!, equal: m[2] !== "!=", value: m[3]! });
  }
  return out;
}

function fieldValue(o: KubeObject, path: string): string {
  let cur: unknown = o;
  for (const p of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return "";
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur === undefined || cur === null ? "" : String(cur);
}

export function matchesFields(reqs: readonly FieldRequirement[] | undefined, o: KubeObject): boolean {
  if (!reqs) return true;
  for (const r of reqs) if ((fieldValue(o, r.field) === r.value) !== r.equal) return false;
  return true;
}
