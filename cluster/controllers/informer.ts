// Indexes and work queues kept up to date from the store's events, so that controllers do work in proportion
// to what changed (as Kubernetes' informers and work queues do), not a scan of every object per write.
import type { KubeObject } from "../objects/meta.js";
import type { Pod, Service } from "../objects/types.js";
import type { SyncStore as Store } from "../store/interface.js";
import type { WatchEvent } from "../store/store.js";
import { podKey } from "../scheduler/pod-info.js";

export type QueueName =
  | "Deployment"
  | "ReplicaSet"
  | "StatefulSet"
  | "DaemonSet"
  | "gc"
  | "kubelet"
  | "node"
  | "service"
  | "claims"
  | "scheduler"
  | "noexecute"
  | "quota";

const OWNER_KINDS = new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"]);

function keyOf(o: KubeObject): string {
  return podKey(o.metadata.namespace ?? "", o.metadata.name);
}

function add<K, V>(m: Map<string, Map<K, V>>, outer: string, k: K, v: V): void {
  let inner = m.get(outer);
  if (!inner) m.set(outer, (inner = new Map()));
  inner.set(k, v);
}

function remove<K, V>(m: Map<string, Map<K, V>>, outer: string, k: K): void {
  const inner = m.get(outer);
  if (!inner) return;
  inner.delete(k);
  if (inner.size === 0) m.delete(outer);
}

export class Informer {
  /** Latest value of every pod (shared objects: never mutate). */
  private readonly pods = new Map<string, Pod>();
  private readonly byOwner = new Map<string, Map<string, Pod>>();
  private readonly byNode = new Map<string, Map<string, Pod>>();
  /** Claim key (ns/name) -> pod key -> node, for pods placed with that claim. */
  private readonly claimUsers = new Map<string, Map<string, string>>();
  readonly pending = new Map<string, Pod>();
  private readonly queues = new Map<QueueName, Set<string>>();

  constructor(private readonly store: Store) {}

  /** Loads every pod and queues a full resync of every controller. */
  prime(): void {
    const store = this.store;
    this.pods.clear();
    this.byOwner.clear();
    this.byNode.clear();
    this.claimUsers.clear();
    this.pending.clear();
    for (const o of store.scan("Pod")) this.indexPod(o as Pod);
    for (const kind of OWNER_KINDS) for (const o of store.scan(kind)) this.enqueue(kind as QueueName, keyOf(o));
    for (const o of store.scan("Node")) this.enqueue("node", o.metadata.name);
    for (const o of store.scan("Service")) this.enqueue("service", keyOf(o));
    for (const p of this.pods.values()) {
      this.enqueue("kubelet", keyOf(p));
      if (p.metadata.ownerReferences?.length) this.enqueue("gc", `Pod|${keyOf(p)}`);
      if (p.spec.nodeName) this.enqueue("node", p.spec.nodeName);
    }
    for (const o of store.scan("Node")) this.enqueue("noexecute", o.metadata.name);
    for (const o of store.scan("Endpoints")) this.enqueue("gc", `Endpoints|${keyOf(o)}`);
    for (const o of store.scan("ReplicaSet")) if (o.metadata.ownerReferences?.length) this.enqueue("gc", `ReplicaSet|${keyOf(o)}`);
    this.enqueue("claims", "*");
    this.enqueue("scheduler", "*");
    for (const q of store.scan("ResourceQuota")) this.enqueue("quota", q.metadata.namespace ?? "default");
  }

  enqueue(q: QueueName, key: string): void {
    let s = this.queues.get(q);
    if (!s) this.queues.set(q, (s = new Set()));
    s.add(key);
  }

  has(q: QueueName): boolean {
    return (this.queues.get(q)?.size ?? 0) > 0;
  }

  /** Takes every queued key (the controller re-enqueues them if its writes cannot be committed). */
  drain(q: QueueName): string[] {
    const s = this.queues.get(q);
    if (!s || s.size === 0) return [];
    const out = [...s];
    s.clear();
    return out;
  }

  busy(): boolean {
    for (const s of this.queues.values()) if (s.size > 0) return true;
    return false;
  }

  pod(key: string): Pod | undefined {
    return this.pods.get(key);
  }

  podsOwnedBy(uid: string | undefined): Pod[] {
    return uid ? [...(this.byOwner.get(uid)?.values() ?? [])] : [];
  }

  podsOnNode(node: string): Pod[] {
    return [...(this.byNode.get(node)?.values() ?? [])];
  }

  /** The node of a placed pod that mounts the claim, if any (WaitForFirstConsumer provisioning). */
  claimNode(namespace: string, claim: string): string | undefined {
    const m = this.claimUsers.get(podKey(namespace, claim));
    return m ? m.values().next().value : undefined;
  }

  onEvent(e: WatchEvent): void {
    const o = e.object;
    // Any namespaced object may be counted by a quota (count/<resource>); a quota's own status write is not a change of usage.
    if (o.metadata.namespace && o.kind !== "Event" && (o.kind !== "ResourceQuota" || e.type === "ADDED" || JSON.stringify(o.spec) !== JSON.stringify(e.previous?.spec))) this.enqueue("quota", o.metadata.namespace);
    switch (o.kind) {
      case "Pod":
        this.onPod(e);
        break;
      case "Deployment":
      case "ReplicaSet":
      case "StatefulSet":
      case "DaemonSet": {
        this.enqueue(o.kind, keyOf(o));
        if (e.type === "DELETED") {
          for (const p of this.podsOwnedBy(o.metadata.uid)) this.enqueue("gc", `Pod|${keyOf(p)}`);
          // A deleted Deployment's ReplicaSets are collected too.
          if (o.kind === "Deployment") {
            for (const rs of this.store.scan("ReplicaSet", o.metadata.namespace ?? "")) {
              if (rs.metadata.ownerReferences?.some((r) => r.uid === o.metadata.uid)) this.enqueue("gc", `ReplicaSet|${keyOf(rs)}`);
            }
          }
        }
        // A ReplicaSet's Deployment follows its scaling and status.
        const owner = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === "Deployment");
        if (o.kind === "ReplicaSet" && owner) {
          this.enqueue("Deployment", podKey(o.metadata.namespace ?? "", owner.name));
          if (e.type === "ADDED") this.enqueue("gc", `ReplicaSet|${keyOf(o)}`);
        }
        break;
      }
      case "Node":
        this.enqueue("node", o.metadata.name);
        this.enqueue("noexecute", o.metadata.name);
        for (const p of this.podsOnNode(o.metadata.name)) this.enqueue("kubelet", keyOf(p));
        this.enqueue("DaemonSet", "*");
        this.enqueue("scheduler", "*");
        break;
      case "Service":
        this.enqueue("service", keyOf(o));
        if (e.type === "DELETED") this.enqueue("gc", `Endpoints|${keyOf(o)}`);
        break;
      case "Endpoints":
        this.enqueue("service", keyOf(o));
        if (e.type === "ADDED") this.enqueue("gc", `Endpoints|${keyOf(o)}`);
        break;
      case "ConfigMap":
      case "Secret":
        // Pods waiting for their ConfigMaps/Secrets get another look from the kubelet.
        for (const [key, p] of this.pods) {
          if (p.metadata.namespace === o.metadata.namespace && p.spec.nodeName && p.status?.containerStatuses?.some((c) => c.state?.waiting)) this.enqueue("kubelet", key);
        }
        break;
      case "PersistentVolumeClaim":
      case "PersistentVolume":
        this.enqueue("claims", "*");
        this.enqueue("scheduler", "*");
        break;
    }
  }

  private onPod(e: WatchEvent): void {
    const p = e.object as Pod;
    const key = keyOf(p);
    const before = this.pods.get(key);
    if (before) this.unindexPod(key, before);
    if (e.type !== "DELETED") this.indexPod(p);
    const owner = (p.metadata.ownerReferences ?? before?.metadata.ownerReferences)?.find((r) => r.controller);
    if (owner && OWNER_KINDS.has(owner.kind)) this.enqueue(owner.kind as QueueName, podKey(p.metadata.namespace ?? "", owner.name));
    if (owner && e.type === "ADDED") this.enqueue("gc", `Pod|${key}`);
    if (e.type !== "DELETED" && p.spec.nodeName) {
      this.enqueue("kubelet", key);
      this.enqueue("node", p.spec.nodeName);
      this.enqueue("noexecute", `pod:${key}`);
    }
    if (!p.spec.nodeName || e.type === "DELETED") this.enqueue("scheduler", e.type === "DELETED" ? "*" : key);
    if ((p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim)) this.enqueue("claims", "*");
    // Services whose selector matched the pod before or after the change need new endpoints.
    const prev = e.previous as Pod | undefined;
    for (const s of this.store.scan("Service", p.metadata.namespace ?? "")) {
      const sel = (s as Service).spec.selector;
      if (!sel) continue;
      const hit = (labels: Record<string, string> | undefined) => Object.entries(sel).every(([k, v]) => labels?.[k] === v);
      if (hit(p.metadata.labels) || (prev && hit(prev.metadata.labels))) this.enqueue("service", keyOf(s));
    }
  }

  private indexPod(p: Pod): void {
    const key = keyOf(p);
    this.pods.set(key, p);
    const uid = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (uid) add(this.byOwner, uid, key, p);
    if (p.spec.nodeName) {
      add(this.byNode, p.spec.nodeName, key, p);
      for (const v of p.spec.volumes ?? []) {
        if (v.persistentVolumeClaim) add(this.claimUsers, podKey(p.metadata.namespace ?? "", v.persistentVolumeClaim.claimName), key, p.spec.nodeName);
      }
    } else if (p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed") this.pending.set(key, p);
  }

  private unindexPod(key: string, p: Pod): void {
    this.pods.delete(key);
    const uid = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (uid) remove(this.byOwner, uid, key);
    if (p.spec.nodeName) {
      remove(this.byNode, p.spec.nodeName, key);
      for (const v of p.spec.volumes ?? []) {
        if (v.persistentVolumeClaim) remove(this.claimUsers, podKey(p.metadata.namespace ?? "", v.persistentVolumeClaim.claimName), key);
      }
    }
    this.pending.delete(key);
  }
}
