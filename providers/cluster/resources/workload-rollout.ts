// Waiting for a workload's rollout after create or update: every replica placed and Running, as
// `kubectl rollout status` waits, bounded by timeouts.create / timeouts.update. A replica the scheduler
// cannot place makes apply fail with the scheduler's own message.
import type { Node, Pod } from "../../../cluster/objects/types.js";
import { type Diagnostic, errorDiag } from "../../../lang/diagnostics.js";
import { getOrNull } from "../cluster-calls.js";
import { isPodOfWorkload } from "../../../cluster/controllers/context.js";
import type { PlainObject } from "../plain.js";
import { type ClusterSession, ZONE_LABEL } from "../resource-type.js";
import { APP_LABEL, type WorkloadObject } from "./workload-objects.js";

export interface LiveWorkload {
  readonly object: WorkloadObject;
  readonly pods: Pod[];
  readonly placements: PlainObject[];
  readonly status: { desired: number; ready: number; updated: number; pending: number };
}

/** The workload with its pods (owned by it), placements and replica counts, or null when gone. */
export async function liveWorkload(s: ClusterSession, kind: WorkloadObject["kind"], name: string, namespace: string): Promise<LiveWorkload | null> {
  const object = await getOrNull<WorkloadObject>(s.client, kind, name, namespace);
  if (!object) return null;
  const pods = ((await s.client.list("Pod", { namespace, labelSelector: `${APP_LABEL}=${name}` })).items as Pod[])
    .filter((p) => isPodOfWorkload(p, kind, name))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const zones = new Map<string, string>();
  for (const n of (await s.client.list("Node")).items as Node[]) zones.set(n.metadata.name, n.metadata.labels?.[ZONE_LABEL] ?? "");
  const placements = pods.map((p) => ({ replica: p.metadata.name, node: p.spec.nodeName ?? "", zone: zones.get(p.spec.nodeName ?? "") ?? "", phase: p.status?.phase ?? "Pending" }));
  const st = (object.status ?? {}) as Record<string, unknown>;
  const n = (k: string): number => (typeof st[k] === "number" ? (st[k] as number) : 0);
  const desired = object.kind === "DaemonSet" ? n("desiredNumberScheduled") : (object.spec.replicas ?? 1);
  const ready = object.kind === "DaemonSet" ? n("numberReady") : n("readyReplicas");
  const updated = object.kind === "DaemonSet" ? n("updatedNumberScheduled") : n("updatedReplicas");
  return { object, pods, placements, status: { desired, ready, updated, pending: pods.filter((p) => !p.spec.nodeName).length } };
}

function rolledOut(w: LiveWorkload): boolean {
  const st = (w.object.status ?? {}) as { observedGeneration?: number; replicas?: number };
  if ((st.observedGeneration ?? 0) < (w.object.metadata.generation ?? 1)) return false;
  const { desired, ready, updated } = w.status;
  const running = w.pods.filter((p) => p.spec.nodeName && p.status?.phase === "Running" && !p.metadata.deletionTimestamp).length;
  // Old pods of a rolling update must be gone too (pods == desired).
  return ready === desired && updated === desired && running === desired && w.pods.length === desired && (w.object.kind === "DaemonSet" || (st.replicas ?? desired) === desired);
}

/** Placed pods whose containers cannot start (a missing ConfigMap or Secret), with the kubelet's reason. */
function waitingContainers(w: LiveWorkload): { pod: string; reason: string }[] {
  return w.pods.flatMap((p) => {
    const waiting = p.status?.containerStatuses?.find((c) => c.state?.waiting?.message)?.state?.waiting;
    return p.spec.nodeName && waiting ? [{ pod: p.metadata.name, reason: `${waiting.reason}: ${waiting.message}` }] : [];
  });
}

/** Pending pods with the scheduler's reason (the PodScheduled=False condition), if it gave one. */
function unschedulable(w: LiveWorkload): { pod: string; reason: string }[] {
  return w.pods.flatMap((p) => {
    if (p.spec.nodeName) return [];
    const c = p.status?.conditions?.find((x) => x.type === "PodScheduled" && x.status === "False");
    return c?.message ? [{ pod: p.metadata.name, reason: c.message }] : [];
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RolloutResult {
  readonly live: LiveWorkload | null;
  readonly diagnostics: Diagnostic[];
}

export async function waitForRollout(s: ClusterSession, kind: WorkloadObject["kind"], name: string, namespace: string, timeoutMs: number, what: string): Promise<RolloutResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await s.settle();
    const live = await liveWorkload(s, kind, name, namespace);
    if (!live) return { live, diagnostics: [errorDiag("Workload disappeared", `${what} was deleted while Cairn waited for its replicas.`)] };
    if (rolledOut(live)) return { live, diagnostics: [] };
    const stuck = unschedulable(live);
    const blocked = waitingContainers(live);
    const timedOut = Date.now() >= deadline;
    // Nothing else can change an embedded, idle cluster: waiting for the timeout would only delay the error.
    if (timedOut || ((stuck.length > 0 || blocked.length > 0) && s.isQuiescent())) {
      const placed = live.pods.filter((p) => p.spec.nodeName && p.status?.phase === "Running").length;
      const why = [...stuck, ...blocked].map((x) => `\n  ${namespace}/${x.pod}: ${x.reason}`).join("");
      const after = timedOut ? ` after ${formatMs(timeoutMs)}` : "";
      const detail = `${what}: ${placed}/${live.status.desired} replicas placed and Running${after}.${why}${stuck.length > 0 ? "\n\nThe scheduler cannot place these replicas: add nodes or capacity, or relax the workload's requests and placement rules." : ""}`;
      const summary = stuck.length > 0 ? "Workload replicas cannot be placed" : blocked.length > 0 ? "Workload replicas cannot start" : "Timed out waiting for the workload";
      const hint = stuck.length === 0 && blocked.length > 0 ? "\n\nCreate the ConfigMaps and Secrets these replicas read (cluster_config), or mark the reference optional." : "";
      return { live, diagnostics: [errorDiag(summary, detail + hint)] };
    }
    await sleep(100);
  }
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m0s`;
  return `${ms / 1000}s`;
}
