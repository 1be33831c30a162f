// The scheduling benchmarks' cluster: 5,000 nodes over 10 zones (every 50th a tainted GPU node, every third
// "large"), and deployments of 100 replicas each with a mix of constraints (plain, zone-spread, hostname
// anti-affinity, node-selected, tolerating the tainted pool). Shared by the SQLite and etcd benchmarks so their
// figures compare the stores, not the workloads.
import type { Deployment, Node, PodSpec } from "../../cluster/objects/index.js";

const ZONES = 10;

export function makeNode(i: number): Node {
  const name = `node-${String(i).padStart(5, "0")}`;
  const gpu = i % 50 === 0;
  const cap = { cpu: "8", memory: "32Gi", pods: "110", "ephemeral-storage": "200Gi" };
  return {
    apiVersion: "v1", kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": `zone-${i % ZONES}`, "node.kubernetes.io/instance-type": i % 3 === 0 ? "large" : "standard", ...(gpu ? { gpu: "true" } : {}) } },
    spec: gpu ? { taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] } : {},
    status: { capacity: cap, allocatable: cap },
  };
}

export function makeDeployment(i: number, replicas: number): Deployment {
  const name = `app-${i}`;
  const spec: PodSpec = { containers: [{ name: "c", image: "registry.local/app:1", resources: { requests: { cpu: `${100 + (i % 5) * 100}m`, memory: `${128 << (i % 3)}Mi` } } }] };
  switch (i % 5) {
    case 1:
      spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: name } } }];
      break;
    case 2:
      spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: name } }, topologyKey: "kubernetes.io/hostname" }] } };
      break;
    case 3:
      spec.nodeSelector = { "node.kubernetes.io/instance-type": "large" };
      spec.topologySpreadConstraints = [{ maxSkew: 2, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: name } } }];
      break;
    case 4:
      spec.tolerations = [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }];
      break;
  }
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "default" },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
  };
}

