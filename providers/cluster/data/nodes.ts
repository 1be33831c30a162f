// data "cluster_nodes": the cluster's nodes, optionally only those of a zone or with given labels.
import { objectOf, listOf } from "../../../lang/values/types.js";
import type { Node, Pod } from "../../../cluster/objects/types.js";
import { parseMilli, parseQuantity } from "../../../cluster/objects/quantity.js";
import { FAILED_ANNOTATION } from "../../../cluster/controllers/context.js";
import { type PlainObject, strMap } from "../plain.js";
import { type ClusterSession, ZONE_LABEL } from "../resource-type.js";
import { BOOL, NUMBER, STRING, STRING_LIST, STRING_MAP, computed, optional } from "../schema-kit.js";
import type { Schema } from "../../schema.js";

export interface DataSourceType {
  readonly typeName: string;
  readonly schema: Schema;
  read(s: ClusterSession, config: PlainObject): Promise<PlainObject>;
}

const nodeType = objectOf({ name: STRING, zone: STRING, ready: BOOL, cpu: STRING, memory: STRING, pods: NUMBER, labels: STRING_MAP });

const schema: Schema = {
  version: 0,
  block: {
    attributes: {
      zone: optional(STRING, "Only nodes in this zone."),
      labels: optional(STRING_MAP, "Only nodes with all these labels."),
      names: computed(STRING_LIST, "The matching nodes' names, sorted."),
      zones: computed(STRING_LIST, "The distinct zones of the matching nodes, sorted."),
      nodes: computed(listOf(nodeType), "The matching nodes: name, zone, ready, allocatable cpu and memory, pods running."),
    },
  },
};

export function nodeReady(n: Node): boolean {
  return n.metadata.annotations?.[FAILED_ANNOTATION] !== "true" && (n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false);
}

export async function matchingNodes(s: ClusterSession, config: PlainObject): Promise<Node[]> {
  const want = strMap(config.labels);
  if (typeof config.zone === "string") want[ZONE_LABEL] = config.zone;
  const nodes = (await s.client.list("Node")).items as Node[];
  return nodes.filter((n) => Object.entries(want).every(([k, v]) => n.metadata.labels?.[k] === v)).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

export const nodesData: DataSourceType = {
  typeName: "cluster_nodes",
  schema,
  async read(s, config) {
    const nodes = await matchingNodes(s, config);
    const pods = (await s.client.list("Pod")).items as Pod[];
    const count = new Map<string, number>();
    for (const p of pods) if (p.spec.nodeName) count.set(p.spec.nodeName, (count.get(p.spec.nodeName) ?? 0) + 1);
    const zones = [...new Set(nodes.map((n) => n.metadata.labels?.[ZONE_LABEL]).filter((z): z is string => typeof z === "string"))].sort();
    return {
      zone: config.zone ?? null,
      labels: config.labels ?? null,
      names: nodes.map((n) => n.metadata.name),
      zones,
      nodes: nodes.map((n) => {
        const a = n.status?.allocatable ?? n.status?.capacity ?? {};
        return { name: n.metadata.name, zone: n.metadata.labels?.[ZONE_LABEL] ?? "", ready: nodeReady(n), cpu: a.cpu ?? "0", memory: a.memory ?? "0", pods: count.get(n.metadata.name) ?? 0, labels: { ...(n.metadata.labels ?? {}) } };
      }),
    };
  },
};

/** Parsed allocatable amounts of a node (millicores, bytes, pod slots). */
export function allocatable(n: Node): { cpuMilli: number; memory: number; pods: number } {
  const a = n.status?.allocatable ?? n.status?.capacity ?? {};
  return { cpuMilli: a.cpu ? parseMilli(a.cpu) : 0, memory: a.memory ? parseQuantity(a.memory) : 0, pods: a.pods ? parseQuantity(a.pods) : 110 };
}
