// Server-side defaulting applied on create (and the spec parts on update), as the API server's defaulters do.
import { randomUUID } from "node:crypto";
import { kindInfo, apiVersionOf } from "./kinds.js";
import type { KubeObject } from "./meta.js";
import { defaultLimitRange, type LimitRange } from "./policy.js";
import type {
  DaemonSet, Deployment, ReplicaSet, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodSpec, Service, StatefulSet, Namespace,
} from "./types.js";

let stampSecond = Number.NaN;
let stamp = "";

/** RFC 3339 at second precision, as Kubernetes' metav1.Time serialises (formatted once per second: the
 * scheduler, kubelet and event recorder stamp every object they write). */
export function nowTimestamp(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== stampSecond) {
    stampSecond = second;
    stamp = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
  }
  return stamp;
}

/** Fills metadata defaults for a new object (mutates and returns it). */
export function defaultMetadata(obj: KubeObject): KubeObject {
  const info = kindInfo(obj.kind);
  if (info) {
    obj.apiVersion = apiVersionOf(info);
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || "default";
    else delete obj.metadata.namespace;
  }
  obj.metadata.uid = obj.metadata.uid || randomUUID();
  obj.metadata.creationTimestamp = obj.metadata.creationTimestamp || nowTimestamp();
  obj.metadata.generation = 1;
  return obj;
}

export function defaultPodSpec(spec: PodSpec): void {
  spec.schedulerName ??= "default-scheduler";
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) p.protocol ??= "TCP";
  }
}

/**
 * A container's missing requests default to its limits. As in Kubernetes this is a Pod defaulter only (not a
 * template one), so a Deployment's template keeps what the user wrote and its pods get the requests.
 */
function defaultRequestsFromLimits(spec: PodSpec): void {
  for (const c of spec.containers ?? []) {
    const limits = c.resources?.limits;
    if (!limits || !c.resources) continue;
    const requests = (c.resources.requests ??= {});
    for (const [k, v] of Object.entries(limits) as [keyof typeof limits, string][]) requests[k] ??= v;
  }
}

/** Kind-specific spec/status defaults (mutates). */
export function defaultSpec(obj: KubeObject): void {
  switch (obj.kind) {
    case "LimitRange":
      defaultLimitRange(obj as LimitRange);
      break;
    case "Pod": {
      const p = obj as Pod;
      if (p.spec) {
        defaultPodSpec(p.spec);
        defaultRequestsFromLimits(p.spec);
      }
      p.status ??= {};
      p.status.phase ??= "Pending";
      break;
    }
    case "Deployment": {
      const d = obj as Deployment;
      if (!d.spec) break;
      d.spec.replicas ??= 1;
      d.spec.revisionHistoryLimit ??= 10;
      d.spec.strategy ??= {};
      d.spec.strategy.type ??= "RollingUpdate";
      if (d.spec.strategy.type === "RollingUpdate") {
        d.spec.strategy.rollingUpdate ??= {};
        d.spec.strategy.rollingUpdate.maxSurge ??= "25%";
        d.spec.strategy.rollingUpdate.maxUnavailable ??= "25%";
      }
      if (d.spec.template?.spec) defaultPodSpec(d.spec.template.spec);
      break;
    }
    case "ReplicaSet": {
      const r = obj as ReplicaSet;
      if (!r.spec) break;
      r.spec.replicas ??= 1;
      if (r.spec.template?.spec) defaultPodSpec(r.spec.template.spec);
      break;
    }
    case "StatefulSet": {
      const s = obj as StatefulSet;
      if (!s.spec) break;
      s.spec.replicas ??= 1;
      s.spec.podManagementPolicy ??= "OrderedReady";
      s.spec.updateStrategy ??= { type: "RollingUpdate" };
      if (s.spec.template?.spec) defaultPodSpec(s.spec.template.spec);
      break;
    }
    case "DaemonSet": {
      const d = obj as DaemonSet;
      if (!d.spec) break;
      d.spec.updateStrategy ??= { type: "RollingUpdate" };
      if (d.spec.template?.spec) defaultPodSpec(d.spec.template.spec);
      break;
    }
    case "Service": {
      const s = obj as Service;
      if (!s.spec) break;
      s.spec.type ??= "ClusterIP";
      for (const p of s.spec.ports ?? []) {
        p.protocol ??= "TCP";
        p.targetPort ??= p.port;
      }
      break;
    }
    case "Node": {
      const n = obj as Node;
      n.spec ??= {};
      n.status ??= {};
      if (n.status.capacity && !n.status.allocatable) n.status.allocatable = { ...n.status.capacity };
      break;
    }
    case "PersistentVolume": {
      const v = obj as PersistentVolume;
      if (v.spec) v.spec.persistentVolumeReclaimPolicy ??= "Retain";
      v.status ??= {};
      v.status.phase ??= v.spec?.claimRef ? "Bound" : "Available";
      break;
    }
    case "PersistentVolumeClaim": {
      const c = obj as PersistentVolumeClaim;
      c.status ??= {};
      c.status.phase ??= "Pending";
      break;
    }
    case "Namespace": {
      const n = obj as Namespace;
      n.status ??= {};
      n.status.phase ??= "Active";
      break;
    }
  }
}
