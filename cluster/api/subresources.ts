// The API's non-CRUD endpoints kubectl's everyday commands use: `/scale` (autoscaling/v1 Scale: `kubectl
// scale`), `pods/{name}/eviction` (policy/v1 Eviction honouring PodDisruptionBudgets: `kubectl drain`), and
// the review APIs (`kubectl auth whoami`, `kubectl auth can-i`). One bearer token grants full control, so
// every access review is allowed and the user is the cluster's administrator.
import type { KubeObject } from "../objects/meta.js";
import type { Pod } from "../objects/types.js";
import type { LabelSelector } from "../objects/meta.js";
import { matchLabelSelector } from "../objects/labels.js";
import { invalid } from "../objects/field-errors.js";
import { mergePatch } from "./merge-patch.js";
import type { Registry } from "./registry.js";
import type { KindInfo } from "../objects/kinds.js";
import type { ReviewGroup } from "./paths.js";
import { ApiError, Errors } from "./status.js";

export const ADMIN_USER = { username: "cairn-admin", groups: ["system:masters", "system:authenticated"] };

function record(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function review(group: ReviewGroup, body: unknown): object {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  if (group === "authentication.k8s.io")
    return { kind: "SelfSubjectReview", apiVersion: "authentication.k8s.io/v1", metadata: { creationTimestamp: now }, status: { userInfo: ADMIN_USER } };
  const b = record(body);
  return {
    kind: "SelfSubjectAccessReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: now },
    spec: record(b.spec),
    status: { allowed: true, reason: "the bearer token of a served cluster core grants full control" },
  };
}

function selectorString(sel: LabelSelector | undefined): string {
  return Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
}

export function scaleOf(o: KubeObject): object {
  const spec = record(o.spec);
  const status = record(o.status);
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: typeof spec.replicas === "number" ? spec.replicas : 1 },
    status: { replicas: typeof status.replicas === "number" ? status.replicas : 0, selector: selectorString(spec.selector as LabelSelector | undefined) },
  };
}

/** GET/PUT/PATCH on /scale: only spec.replicas of the owner changes; a Scale's resourceVersion is a precondition. */
export function scale(registry: Registry, method: string, kind: string, namespace: string | undefined, name: string, body: unknown, dryRun: boolean, fieldManager?: string): object {
  const cur = registry.get(kind, namespace, name);
  if (method === "GET") return scaleOf(cur);
  const next = record(method === "PATCH" ? mergePatch(scaleOf(cur), body) : body);
  const replicas = record(next.spec).replicas;
  const info = registry.info(kind);
  if (typeof replicas !== "number" || !Number.isInteger(replicas))
    throw Errors.badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  if (replicas < 0) throw Errors.invalid({ ...info, kind: "Scale", group: "autoscaling" as KindInfo["group"] }, name, [invalid("spec.replicas", replicas, "must be greater than or equal to 0")]);
  const rv = record(next.metadata).resourceVersion;
  const patch: Record<string, unknown> = { spec: { replicas } };
  if (typeof rv === "string" && rv !== "") patch.metadata = { resourceVersion: rv };
  return scaleOf(registry.patch(kind, namespace, name, patch, { dryRun, fieldManager, managerSubresource: "scale" }));
}

/** How many of a budget's pods may be disrupted now: healthy (Ready) matching pods above what it requires. */
export function disruptionsAllowed(pdb: KubeObject, pods: readonly Pod[]): { allowed: number; healthy: number; desired: number; expected: number } {
  const spec = record(pdb.spec);
  const matching = pods.filter((p) => matchLabelSelector(spec.selector as LabelSelector | undefined, p.metadata.labels) && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  const expected = matching.length;
  const healthy = matching.filter((p) => p.status?.phase === "Running" && p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
  const count = (v: unknown, roundUp: boolean): number => {
    if (typeof v === "number") return v;
    if (typeof v === "string" && /^\d+%$/.test(v)) {
      const x = (Number(v.slice(0, -1)) * expected) / 100;
      return roundUp ? Math.ceil(x) : Math.floor(x);
    }
    return 0;
  };
  let desired: number;
  if (spec.maxUnavailable !== undefined) desired = Math.max(0, expected - count(spec.maxUnavailable, true));
  else desired = count(spec.minAvailable ?? 1, true);
  return { allowed: Math.max(0, healthy - desired), healthy, desired, expected };
}

/** The budget's status as the disruption controller would write it, computed when it is read. */
export function withBudgetStatus(registry: Registry, pdb: KubeObject): KubeObject {
  const pods = registry.list("Pod", pdb.metadata.namespace).items as Pod[];
  const d = disruptionsAllowed(pdb, pods);
  return { ...pdb, status: { observedGeneration: pdb.metadata.generation ?? 1, disruptionsAllowed: d.allowed, currentHealthy: d.healthy, desiredHealthy: d.desired, expectedPods: d.expected } };
}

/** POST pods/{name}/eviction: deletes the pod unless a budget covering it has no disruption to spare (429). */
export function evict(registry: Registry, namespace: string | undefined, name: string, dryRun: boolean): object {
  const pod = registry.get("Pod", namespace, name) as Pod;
  const ns = pod.metadata.namespace ?? "default";
  const pods = registry.list("Pod", ns).items as Pod[];
  // A pod that is not Running (pending, finished) counts toward no budget: evicting it disrupts nothing.
  const running = pod.status?.phase === "Running";
  for (const pdb of registry.list("PodDisruptionBudget", ns).items) {
    if (!running || !matchLabelSelector(record(pdb.spec).selector as LabelSelector | undefined, pod.metadata.labels)) continue;
    const d = disruptionsAllowed(pdb, pods);
    if (d.allowed < 1) {
      throw new ApiError({
        kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", code: 429, reason: "TooManyRequests",
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        details: { causes: [{ reason: "DisruptionBudget", message: `The disruption budget ${pdb.metadata.name} needs ${d.desired} healthy pods and has ${d.healthy} currently` }] },
      });
    }
  }
  registry.delete("Pod", ns, name, undefined, { dryRun });
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}
