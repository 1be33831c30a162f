// The simulated kubelet (as KWOK): a pod bound to a Ready node is marked Running and Ready with an IP;
// pods on a node that is not Ready lose their Ready condition. No container is run. A pod whose ConfigMaps or
// Secrets are missing stays Pending with its containers Waiting (ContainerCreating for a volume,
// CreateContainerConfigError for the environment) until they exist. Probes are simulated honestly: nothing
// runs them, so their results are what the pod's annotations say (see probes.ts), never an assumed success.
import type { ContainerStatus, Node, Pod, PodStatus } from "../objects/types.js";
import { nowTimestamp } from "../objects/defaults.js";
import type { WriteOp } from "../store/store.js";
import { type Controller, type ControllerContext, condition, setCondition, isPodActive, isPodReady, sameJson } from "./context.js";
import { isNodeReady } from "./node-lifecycle.js";
import { containerBlocks, type ContainerBlock } from "./config-refs.js";
import { hasProbes, probeResults } from "./probes.js";

export class KubeletController implements Controller {
  readonly name = "kubelet";
  readonly queue = "kubelet";
  private readonly usedIps = new Set<string>();
  private nextIp = 0;
  private primed = false;

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    if (!this.primed) {
      for (const p of ctx.store.scan("Pod") as Pod[]) if (p.status?.podIP) this.usedIps.add(p.status.podIP);
      this.primed = true;
    }
    const ops: WriteOp[] = [];
    const now = nowTimestamp();
    for (const key of keys) {
      const p = ctx.informer.pod(key);
      if (!p || !p.spec.nodeName || !isPodActive(p)) continue;
      const n = ctx.store.peek("Node", undefined, p.spec.nodeName) as Node | undefined;
      const node = n && isNodeReady(n) ? n : undefined;
      const blocks = node && !isPodReady(p) && p.status?.phase !== "Running" ? containerBlocks(ctx.store, p) : undefined;
      if (node && blocks) {
        const status = waitingStatus(p, blocks, now);
        if (!sameJson(status, p.status)) ops.push({ op: "update", object: { ...p, metadata: { ...p.metadata }, status } as Pod });
      } else if (node && (!isPodReady(p) || hasProbes(p))) {
        const status = runningStatus(p, now, () => p.status?.podIP ?? this.allocateIp(), node.status?.addresses?.find((a) => a.type === "InternalIP")?.address);
        if (!sameJson(status, p.status)) ops.push({ op: "update", object: { ...p, metadata: { ...p.metadata }, status } as Pod });
      } else if (!node && isPodReady(p)) {
        const conds = setCondition(setCondition(p.status?.conditions, condition("Ready", "False", "NodeNotReady")), condition("ContainersReady", "False", "NodeNotReady"));
        ops.push({ op: "update", object: { ...p, metadata: { ...p.metadata }, status: { ...p.status, conditions: conds } } as Pod });
      }
    }
    for (const op of ops) {
      const ip = op.op === "update" ? (op.object as Pod).status?.podIP : undefined;
      if (ip) this.usedIps.add(ip);
    }
    return ops;
  }

  /** Pod IPs from 10.244.0.0/16 (Kubernetes' common pod network), skipping ones in use. */
  private allocateIp(): string {
    for (let i = 0; i < 65_534; i++) {
      this.nextIp = (this.nextIp % 65_534) + 1;
      const ip = `10.244.${this.nextIp >> 8}.${this.nextIp & 255}`;
      if (!this.usedIps.has(ip) && (this.nextIp & 255) !== 0) {
        this.usedIps.add(ip);
        return ip;
      }
    }
    return "";
  }
}

/** Kubernetes' status of a scheduled pod whose containers cannot start yet. */
function waitingStatus(p: Pod, blocks: readonly (ContainerBlock | undefined)[], now: string): PodStatus {
  const containers = p.spec.containers;
  const unready = containers.filter((_, i) => blocks[i]).map((c) => c.name).join(" ");
  let conds = setCondition(p.status?.conditions, condition("PodScheduled", "True"));
  conds = setCondition(conds, condition("Initialized", "True"));
  conds = setCondition(conds, condition("ContainersReady", "False", "ContainersNotReady", `containers with unready status: [${unready}]`));
  conds = setCondition(conds, condition("Ready", "False", "ContainersNotReady", `containers with unready status: [${unready}]`));
  return {
    ...p.status,
    phase: "Pending",
    conditions: conds,
    startTime: p.status?.startTime ?? now,
    containerStatuses: containers.map((c, i): ContainerStatus => {
      const b = blocks[i];
      // The kubelet still starts the containers it can; the pod stays Pending while any one waits.
      const startedAt = p.status?.containerStatuses?.find((x) => x.name === c.name)?.state?.running?.startedAt ?? now;
      if (!b) return { name: c.name, image: c.image, imageID: "", ready: true, restartCount: 0, started: true, state: { running: { startedAt } } };
      return { name: c.name, image: c.image, imageID: "", ready: false, restartCount: 0, started: false, state: { waiting: { reason: b.reason, ...(b.message ? { message: b.message } : {}) } } };
    }),
  };
}

/** A started pod's status: Running, each container ready as its readiness result says, restarts as its liveness. */
function runningStatus(p: Pod, now: string, ip: () => string, hostIP: string | undefined): PodStatus {
  const results = probeResults(p);
  const statuses = p.spec.containers.map((c, i): ContainerStatus => {
    const prev = p.status?.containerStatuses?.find((x) => x.name === c.name);
    const r = results[i]!;
    const startedAt = r.restarts !== (prev?.restartCount ?? 0) ? now : (prev?.state?.running?.startedAt ?? now);
    return {
      name: c.name, image: c.image, imageID: "", ready: r.ready, restartCount: r.restarts, started: true,
      state: { running: { startedAt } },
      // A liveness failure kills the container (SIGKILL after the grace period: exit code 137).
      ...(r.restarts > 0 ? { lastState: { terminated: { exitCode: 137, reason: "Error" } } } : {}),
    };
  });
  const unready = statuses.filter((x) => !x.ready).map((x) => x.name);
  const ready = unready.length === 0
    ? condition("Ready", "True")
    : condition("Ready", "False", "ContainersNotReady", `containers with unready status: [${unready.join(" ")}]`);
  let conds = setCondition(p.status?.conditions, condition("PodScheduled", "True"));
  conds = setCondition(conds, condition("Initialized", "True"));
  conds = setCondition(conds, { ...ready, type: "ContainersReady" });
  conds = setCondition(conds, ready);
  return {
    ...p.status,
    phase: "Running",
    conditions: conds,
    podIP: ip(),
    ...(hostIP ? { hostIP } : {}),
    startTime: p.status?.startTime ?? now,
    containerStatuses: statuses,
  };
}
