// ResourceQuota and LimitRange (core/v1): the shapes, and the LimitRange defaulter Kubernetes applies to the
// object itself (a Container item's missing default limit comes from max, its missing default request from the
// default limit, then from min), so admission and `kubectl describe limits` see the effective values.
import type { KubeObject } from "./meta.js";

/** Resource name -> quantity ("requests.cpu": "2", "pods": "10", "count/deployments.apps": "5"). */
export type QuotaList = Record<string, string>;

export interface ResourceQuota extends KubeObject {
  kind: "ResourceQuota";
  spec?: { hard?: QuotaList; scopes?: string[] };
  status?: { hard?: QuotaList; used?: QuotaList };
}

export type LimitType = "Container" | "Pod" | "PersistentVolumeClaim";
export const LIMIT_TYPES: readonly LimitType[] = ["Container", "Pod", "PersistentVolumeClaim"];

export interface LimitRangeItem {
  type: LimitType;
  max?: QuotaList;
  min?: QuotaList;
  default?: QuotaList;
  defaultRequest?: QuotaList;
  maxLimitRequestRatio?: QuotaList;
}

export interface LimitRange extends KubeObject {
  kind: "LimitRange";
  spec: { limits: LimitRangeItem[] };
}

export function defaultLimitRange(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== "Container") continue;
    const limits = (item.default ??= {});
    const requests = (item.defaultRequest ??= {});
    for (const [k, v] of Object.entries(item.max ?? {})) limits[k] ??= v;
    for (const [k, v] of Object.entries(limits)) requests[k] ??= v;
    for (const [k, v] of Object.entries(item.min ?? {})) requests[k] ??= v;
  }
}
