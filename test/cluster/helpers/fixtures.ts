// Builders for nodes and pods used across the cluster tests.
import type { Node, Pod, Taint, Toleration, PodSpec } from "../../../cluster/objects/index.js";

export function node(
  name: string,
  opts: { cpu?: string; memory?: string; pods?: string; zone?: string; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; eph?: string } = {},
): Node {
  const capacity = { cpu: opts.cpu ?? "4", memory: opts.memory ?? "8Gi", pods: opts.pods ?? "110", "ephemeral-storage": opts.eph ?? "100Gi" };
  const labels: Record<string, string> = { "kubernetes.io/hostname": name, ...(opts.labels ?? {}) };
  if (opts.zone) labels["topology.kubernetes.io/zone"] = opts.zone;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: { capacity, allocatable: { ...capacity }, conditions: [{ type: "Ready", status: "True" }] },
  };
}

export function pod(
  name: string,
  opts: { cpu?: string; memory?: string; eph?: string; labels?: Record<string, string>; tolerations?: Toleration[]; ns?: string; nodeName?: string } & Partial<PodSpec> = {},
): Pod {
  const requests: Record<string, string> = {};
  if (opts.cpu) requests.cpu = opts.cpu;
  if (opts.memory) requests.memory = opts.memory;
  if (opts.eph) requests["ephemeral-storage"] = opts.eph;
  const { cpu: _c, memory: _m, eph: _e, labels, ns, ...spec } = opts;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: ns ?? "default", labels: labels ?? {} },
    spec: { ...spec, containers: [{ name: "c", image: "nginx", resources: { requests } }] },
    status: { phase: "Pending" },
  };
}
