// data "cluster_capacity": allocatable and requested totals over the Ready nodes (optionally one zone), so
// a configuration can size workloads by what is free: cpu in cores, memory in bytes, pod slots.
import type { Node, Pod } from "../../../cluster/objects/types.js";
import { podRequests } from "../../../cluster/scheduler/pod-info.js";
import { NUMBER, STRING, computed, optional } from "../schema-kit.js";
import type { Schema } from "../../schema.js";
import { type DataSourceType, allocatable, matchingNodes, nodeReady } from "./nodes.js";

const schema: Schema = {
  version: 0,
  block: {
    attributes: {
      zone: optional(STRING, "Only nodes in this zone."),
      nodes: computed(NUMBER, "Ready nodes counted."),
      cpu: computed(NUMBER, "Allocatable CPU in cores."),
      cpu_requested: computed(NUMBER, "CPU requested by the pods placed there, in cores."),
      cpu_free: computed(NUMBER, "cpu - cpu_requested."),
      memory: computed(NUMBER, "Allocatable memory in bytes."),
      memory_requested: computed(NUMBER, "Memory requested by placed pods, in bytes."),
      memory_free: computed(NUMBER, "memory - memory_requested."),
      pods: computed(NUMBER, "Pod slots."),
      pods_used: computed(NUMBER, "Pods placed."),
    },
  },
};

export const capacityData: DataSourceType = {
  typeName: "cluster_capacity",
  schema,
  async read(s, config) {
    const nodes = (await matchingNodes(s, { zone: config.zone ?? null, labels: null })).filter(nodeReady);
    const names = new Set(nodes.map((n: Node) => n.metadata.name));
    const pods = ((await s.client.list("Pod")).items as Pod[]).filter((p) => p.spec.nodeName && names.has(p.spec.nodeName));
    let cpu = 0, memory = 0, slots = 0, cpuReq = 0, memReq = 0;
    for (const n of nodes) {
      const a = allocatable(n);
      cpu += a.cpuMilli;
      memory += a.memory;
      slots += a.pods;
    }
    for (const p of pods) {
      const r = podRequests(p);
      cpuReq += r.milliCpu;
      memReq += r.memory;
    }
    return {
      zone: config.zone ?? null,
      nodes: nodes.length,
      cpu: cpu / 1000,
      cpu_requested: cpuReq / 1000,
      cpu_free: (cpu - cpuReq) / 1000,
      memory,
      memory_requested: memReq,
      memory_free: memory - memReq,
      pods: slots,
      pods_used: pods.length,
    };
  },
};
