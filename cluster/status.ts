// `cairn cluster status` and `cairn cluster get` data and plain-text rendering (the ink view can reuse the data),
// plus node fail/recover through any ClusterClient (the node lifecycle controller reacts to the annotation).
import type { ClusterClient } from "./api/client.js";
import type { KubeObject } from "./objects/meta.js";
import type { Node, Pod } from "./objects/types.js";
import { resolveKindName } from "./objects/kinds.js";
import { parseMilli, parseQuantity, formatCpu, humanBytes } from "./objects/quantity.js";
import { podRequests } from "./scheduler/pod-info.js";
import { FAILED_ANNOTATION } from "./controllers/context.js";
import { LIVENESS_FAILURES_ANNOTATION, READINESS_ANNOTATION } from "./controllers/probes.js";
import { Errors } from "./api/status.js";

export interface NodeStatusView {
  name: string;
  zone?: string;
  ready: "True" | "False" | "Unknown";
  unschedulable: boolean;
  failed: boolean;
  taints: string[];
  cpu: { requestedMilli: number; allocatableMilli: number };
  memory: { requestedBytes: number; allocatableBytes: number };
  pods: { count: number; allocatable: number; names: string[] };
}

export interface PendingPodView {
  namespace: string;
  name: string;
  reason: string;
}

export interface ClusterStatusView {
  nodes: NodeStatusView[];
  pending: PendingPodView[];
  totals: { nodes: number; readyNodes: number; pods: number; runningPods: number; pendingPods: number };
}

export async function clusterStatus(client: ClusterClient): Promise<ClusterStatusView> {
  const nodes = (await client.list("Node")).items as Node[];
  const pods = (await client.list("Pod")).items as Pod[];
  const perNode = new Map<string, Pod[]>();
  const pending: PendingPodView[] = [];
  let running = 0;
  for (const p of pods) {
    if (p.status?.phase === "Running") running++;
    if (!p.spec.nodeName) {
      const c = p.status?.conditions?.find((x) => x.type === "PodScheduled" && x.status === "False");
      pending.push({ namespace: p.metadata.namespace ?? "default", name: p.metadata.name, reason: c?.message ?? "waiting to be scheduled" });
      continue;
    }
    let l = perNode.get(p.spec.nodeName);
    if (!l) perNode.set(p.spec.nodeName, (l = []));
    l.push(p);
  }
  const views = nodes.map((n): NodeStatusView => {
    const list = perNode.get(n.metadata.name) ?? [];
    let cpu = 0;
    let mem = 0;
    for (const p of list) {
      const r = podRequests(p);
      cpu += r.milliCpu;
      mem += r.memory;
    }
    const a = n.status?.allocatable ?? n.status?.capacity ?? {};
    const ready = (n.status?.conditions?.find((c) => c.type === "Ready")?.status ?? "Unknown") as NodeStatusView["ready"];
    return {
      name: n.metadata.name,
      zone: n.metadata.labels?.["topology.kubernetes.io/zone"],
      ready,
      unschedulable: n.spec?.unschedulable === true,
      failed: n.metadata.annotations?.[FAILED_ANNOTATION] === "true",
      taints: (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`),
      cpu: { requestedMilli: cpu, allocatableMilli: a.cpu ? parseMilli(a.cpu) : 0 },
      memory: { requestedBytes: mem, allocatableBytes: a.memory ? parseQuantity(a.memory) : 0 },
      pods: { count: list.length, allocatable: a.pods ? parseQuantity(a.pods) : 110, names: list.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort() },
    };
  });
  return {
    nodes: views,
    pending,
    totals: { nodes: nodes.length, readyNodes: views.filter((v) => v.ready === "True").length, pods: pods.length, runningPods: running, pendingPods: pending.length },
  };
}

export function bar(used: number, total: number, width = 20): string {
  const f = total > 0 ? Math.min(1, used / total) : 0;
  const full = Math.round(f * width);
  return `[${"#".repeat(full)}${".".repeat(width - full)}] ${String(Math.round(f * 100)).padStart(3)}%`;
}

export function renderStatusText(s: ClusterStatusView): string {
  const lines: string[] = [];
  lines.push(`Nodes: ${s.totals.readyNodes}/${s.totals.nodes} ready   Pods: ${s.totals.runningPods} running, ${s.totals.pendingPods} pending`);
  lines.push("");
  const w = Math.max(4, ...s.nodes.map((n) => n.name.length));
  for (const n of s.nodes) {
    const state = n.failed ? "FAILED" : n.ready === "True" ? (n.unschedulable ? "Cordoned" : "Ready") : "NotReady";
    lines.push(`${n.name.padEnd(w)}  ${state.padEnd(8)}  zone=${n.zone ?? "-"}  pods ${n.pods.count}/${n.pods.allocatable}${n.taints.length ? `  taints: ${n.taints.join(", ")}` : ""}`);
    lines.push(`${"".padEnd(w)}  cpu ${bar(n.cpu.requestedMilli, n.cpu.allocatableMilli)}  ${formatCpu(n.cpu.requestedMilli)}/${formatCpu(n.cpu.allocatableMilli)}`);
    lines.push(`${"".padEnd(w)}  mem ${bar(n.memory.requestedBytes, n.memory.allocatableBytes)}  ${humanBytes(n.memory.requestedBytes)}/${humanBytes(n.memory.allocatableBytes)}`);
  }
  if (s.pending.length > 0) {
    lines.push("");
    lines.push("Pending pods:");
    for (const p of s.pending) lines.push(`  ${p.namespace}/${p.name}: ${p.reason}`);
  }
  return `${lines.join("\n")}\n`;
}

/** `cairn cluster get KIND [NAME]`: objects of a kind (as kubectl resolves kind names), one or all. */
export async function getObjects(client: ClusterClient, kindName: string, name?: string, namespace?: string): Promise<KubeObject[]> {
  const info = resolveKindName(kindName);
  if (!info) throw Errors.badRequest(`the server doesn't have a resource type "${kindName}"`);
  if (name !== undefined) return [await client.get(info.kind, name, namespace)];
  return (await client.list(info.kind, { namespace })).items;
}

function age(ts: string | undefined, now: number): string {
  if (!ts) return "<unknown>";
  const s = Math.max(0, Math.floor((now - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** A kubectl-like table: NAME, NAMESPACE (when mixed), a kind-specific STATUS column, AGE. */
export function renderGetText(objects: readonly KubeObject[], now = Date.now()): string {
  if (objects.length === 0) return "No resources found.\n";
  const rows = objects.map((o) => [o.metadata.namespace ?? "", o.metadata.name, summary(o), age(o.metadata.creationTimestamp, now)]);
  const showNs = rows.some((r) => r[0] !== "");
  const header = showNs ? ["NAMESPACE", "NAME", "STATUS", "AGE"] : ["NAME", "STATUS", "AGE"];
  const body = rows.map((r) => (showNs ? r : r.slice(1)));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("   ");
  return `${[fmt(header), ...body.map(fmt)].join("\n")}\n`;
}

function summary(o: KubeObject): string {
  const st = (o.status ?? {}) as Record<string, unknown>;
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  switch (o.kind) {
    case "Pod": {
      const p = o as Pod;
      return `${p.status?.phase ?? "Unknown"}${p.spec.nodeName ? ` on ${p.spec.nodeName}` : ""}`;
    }
    case "Node":
      return ((o as Node).status?.conditions?.find((c) => c.type === "Ready")?.status === "True" ? "Ready" : "NotReady");
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
      return `${Number(st.readyReplicas ?? 0)}/${Number(spec.replicas ?? 1)} ready`;
    case "DaemonSet":
      return `${Number(st.numberReady ?? 0)}/${Number(st.desiredNumberScheduled ?? 0)} ready`;
    case "PersistentVolume":
    case "PersistentVolumeClaim":
    case "Namespace":
      return String(st.phase ?? "");
    case "Service":
      return String(spec.clusterIP ?? "");
    default:
      return "";
  }
}

/** Marks a node failed (Ready=Unknown, taints, evictions follow) through any client. */
export async function failNode(client: ClusterClient, name: string): Promise<Node> {
  return client.patch<Node>("Node", name, { metadata: { annotations: { [FAILED_ANNOTATION]: "true" } } });
}

export async function recoverNode(client: ClusterClient, name: string): Promise<Node> {
  return client.patch<Node>("Node", name, { metadata: { annotations: { [FAILED_ANNOTATION]: null } } });
}

export interface ProbeUpdate {
  /** The readiness probe's result from now on. */
  readiness?: "pass" | "fail";
  /** Record one more liveness failure (each restarts the containers with a liveness probe). */
  livenessFailure?: boolean;
  /** Only this container (default: every container with the probe). */
  container?: string;
}

/** Sets simulated probe results on a pod (see controllers/probes.ts); returns the updated pod. */
export async function setProbeResult(client: ClusterClient, namespace: string, name: string, u: ProbeUpdate): Promise<Pod> {
  const pod = await client.get<Pod>("Pod", name, namespace);
  const suffix = u.container ? `.${u.container}` : "";
  if (u.container && !pod.spec.containers.some((c) => c.name === u.container)) {
    throw Errors.badRequest(`pod "${name}" has no container "${u.container}"`);
  }
  const annotations: Record<string, string> = {};
  if (u.readiness) annotations[`${READINESS_ANNOTATION}${suffix}`] = u.readiness;
  if (u.livenessFailure) {
    // A container's own count continues from the pod-wide one it inherited.
    const a = pod.metadata.annotations;
    const cur = Number(a?.[`${LIVENESS_FAILURES_ANNOTATION}${suffix}`] ?? a?.[LIVENESS_FAILURES_ANNOTATION] ?? 0);
    annotations[`${LIVENESS_FAILURES_ANNOTATION}${suffix}`] = String((Number.isInteger(cur) && cur > 0 ? cur : 0) + 1);
  }
  return client.patch<Pod>("Pod", name, { metadata: { annotations } }, namespace);
}
