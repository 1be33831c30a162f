// The LimitRanger admission plugin: a namespace's LimitRanges default a new pod's container requests and limits
// (recording what was set in the `kubernetes.io/limit-ranger` annotation) and then bound them: min, max and
// maxLimitRequestRatio per Container or per Pod, min and max storage per PersistentVolumeClaim. A refusal is
// a 403 in Kubernetes' words (`minimum cpu usage per Container is 100m, but request is 50m`); with several,
// they are bracketed as apimachinery's aggregate error prints them.
import type { KubeObject } from "../objects/meta.js";
import type { Container, Pod, PersistentVolumeClaim } from "../objects/types.js";
import type { LimitRange, LimitRangeItem, QuotaList } from "../objects/policy.js";
import { canonicalQuantity, isValidQuantity, parseQuantity } from "../objects/quantity.js";

export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

/** Defaults and checks `obj` (mutated: defaults are set in place) against the namespace's LimitRanges. */
export function admitLimits(obj: KubeObject, ranges: readonly LimitRange[]): string[] {
  if (ranges.length === 0) return [];
  if (obj.kind === "Pod") {
    const pod = obj as Pod;
    if (!pod.spec) return [];
    defaultPodResources(pod, ranges);
    return ranges.flatMap((r) => (r.spec?.limits ?? []).flatMap((item) => validatePod(pod, item)));
  }
  if (obj.kind === "PersistentVolumeClaim") {
    const claim = obj as PersistentVolumeClaim;
    return ranges.flatMap((r) => (r.spec?.limits ?? []).flatMap((item) => (item.type === "PersistentVolumeClaim" ? validateClaim(claim, item) : [])));
  }
  return [];
}

/** apimachinery's aggregate error text: one error as it is, several in brackets. */
export function aggregateMessage(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(", ")}]`;
}

function defaultPodResources(pod: Pod, ranges: readonly LimitRange[]): void {
  const limits: QuotaList = {};
  const requests: QuotaList = {};
  for (const r of ranges) {
    for (const item of r.spec?.limits ?? []) {
      if (item.type !== "Container") continue;
      Object.assign(limits, item.default ?? {});
      Object.assign(requests, item.defaultRequest ?? {});
    }
  }
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) return;
  const notes: string[] = [];
  const merge = (c: Container, what: string) => {
    c.resources ??= {};
    const setLimits: string[] = [];
    const setRequests: string[] = [];
    const cl = (c.resources.limits ??= {}) as QuotaList;
    const cr = (c.resources.requests ??= {}) as QuotaList;
    for (const [k, v] of Object.entries(limits)) if (cl[k] === undefined) (cl[k] = v), setLimits.push(k);
    for (const [k, v] of Object.entries(requests)) if (cr[k] === undefined) (cr[k] = v), setRequests.push(k);
    if (Object.keys(cl).length === 0) delete c.resources.limits;
    if (Object.keys(cr).length === 0) delete c.resources.requests;
    if (setRequests.length > 0) notes.push(`${setRequests.sort().join(", ")} request for ${what} ${c.name}`);
    if (setLimits.length > 0) notes.push(`${setLimits.sort().join(", ")} limit for ${what} ${c.name}`);
  };
  for (const c of pod.spec.containers ?? []) merge(c, "container");
  if (notes.length > 0) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}` };
}

type Amounts = Record<string, string>;

function value(q: string | undefined): number | undefined {
  return q !== undefined && isValidQuantity(q) ? parseQuantity(q) : undefined;
}

function show(q: string): string {
  return canonicalQuantity(parseQuantity(q), q);
}

function minConstraint(type: string, res: string, enforced: string, requests: Amounts, limits: Amounts): string | undefined {
  const req = value(requests[res]);
  const lim = value(limits[res]);
  const min = parseQuantity(enforced);
  if (req === undefined) return `minimum ${res} usage per ${type} is ${show(enforced)}.  No request is specified`;
  if (req < min) return `minimum ${res} usage per ${type} is ${show(enforced)}, but request is ${show(requests[res]!)}`;
  if (lim !== undefined && lim < min) return `minimum ${res} usage per ${type} is ${show(enforced)}, but limit is ${show(limits[res]!)}`;
  return undefined;
}

function maxConstraint(type: string, res: string, enforced: string, requests: Amounts, limits: Amounts): string | undefined {
  const req = value(requests[res]);
  const lim = value(limits[res]);
  const max = parseQuantity(enforced);
  if (lim === undefined) return `maximum ${res} usage per ${type} is ${show(enforced)}.  No limit is specified`;
  if (lim > max) return `maximum ${res} usage per ${type} is ${show(enforced)}, but limit is ${show(limits[res]!)}`;
  if (req !== undefined && req > max) return `maximum ${res} usage per ${type} is ${show(enforced)}, but request is ${show(requests[res]!)}`;
  return undefined;
}

function ratioConstraint(type: string, res: string, enforced: string, requests: Amounts, limits: Amounts): string | undefined {
  const req = value(requests[res]);
  const lim = value(limits[res]);
  if (!req) return `${res} max limit to request ratio per ${type} is ${show(enforced)}, but no request is specified or request is 0`;
  if (!lim) return `${res} max limit to request ratio per ${type} is ${show(enforced)}, but no limit is specified or limit is 0`;
  // Compared in milli-units, as Kubernetes does (a ratio of 1.5 is 1500 milli).
  const ratio = Math.round(lim * 1000) / Math.round(req * 1000);
  if (ratio * 1000 > Math.round(parseQuantity(enforced) * 1000)) return `${res} max limit to request ratio per ${type} is ${show(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function check(type: string, item: LimitRangeItem, requests: Amounts, limits: Amounts): string[] {
  const out: (string | undefined)[] = [];
  const sorted = (l: QuotaList | undefined) => Object.entries(l ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of sorted(item.min)) out.push(minConstraint(type, k, v, requests, limits));
  for (const [k, v] of sorted(item.max)) out.push(maxConstraint(type, k, v, requests, limits));
  for (const [k, v] of sorted(item.maxLimitRequestRatio)) out.push(ratioConstraint(type, k, v, requests, limits));
  return out.filter((e): e is string => e !== undefined);
}

function validatePod(pod: Pod, item: LimitRangeItem): string[] {
  const containers = pod.spec.containers ?? [];
  if (item.type === "Container") return containers.flatMap((c) => check("Container", item, (c.resources?.requests ?? {}) as Amounts, (c.resources?.limits ?? {}) as Amounts));
  if (item.type !== "Pod") return [];
  return check("Pod", item, podTotal(pod, "requests"), podTotal(pod, "limits"));
}

/** A pod's total: the sum over its containers (the core's pods have no init containers). */
function podTotal(pod: Pod, field: "requests" | "limits"): Amounts {
  const sum: Record<string, { v: number; like: string }> = {};
  for (const c of pod.spec.containers ?? []) {
    for (const [k, q] of Object.entries(c.resources?.[field] ?? {}) as [string, string][]) {
      const v = value(q);
      if (v === undefined) continue;
      sum[k] = { v: (sum[k]?.v ?? 0) + v, like: sum[k]?.like ?? q };
    }
  }
  return Object.fromEntries(Object.entries(sum).map(([k, s]) => [k, canonicalQuantity(s.v, s.like)]));
}

function validateClaim(claim: PersistentVolumeClaim, item: LimitRangeItem): string[] {
  const requests = (claim.spec?.resources?.requests ?? {}) as Amounts;
  const out: (string | undefined)[] = [];
  for (const [k, v] of Object.entries(item.min ?? {})) out.push(minConstraint("PersistentVolumeClaim", k, v, requests, {}));
  for (const [k, v] of Object.entries(item.max ?? {})) {
    const req = value(requests[k]);
    if (req === undefined) out.push(`maximum ${k} usage per PersistentVolumeClaim is ${show(v)}.  No request is specified`);
    else if (req > parseQuantity(v)) out.push(`maximum ${k} usage per PersistentVolumeClaim is ${show(v)}, but request is ${show(requests[k]!)}`);
  }
  return out.filter((e): e is string => e !== undefined);
}
