// cluster_node: a Node with its capacity (cpu, memory, pods, ephemeral-storage as Kubernetes quantities),
// zone label, labels, taints and the unschedulable flag. ID = name. The node lifecycle controller makes a
// new node Ready; `status` reports Ready/NotReady (and Failed for a simulated failure).
import type { Node, Taint } from "../../../cluster/objects/types.js";
import { isValidQuantity } from "../../../cluster/objects/quantity.js";
import { FAILED_ANNOTATION } from "../../../cluster/controllers/context.js";
import { type Diagnostic, errorDiag } from "../../../lang/diagnostics.js";
import { deleteIfPresent, findByToken, getOrNull, managedMeta, userLabels } from "../cluster-calls.js";
import { configuredChanged, hasUnknown, planByRules } from "../plan-helpers.js";
import { type Plain, type PlainObject, bool, emptyLikePrior, objList, str, strMap } from "../plain.js";
import { HOSTNAME_LABEL, type ResourceType, ZONE_LABEL } from "../resource-type.js";
import { BOOL, STRING, STRING_MAP, computed, defaulted, listBlock, optional, required } from "../schema-kit.js";
import type { Schema } from "../../schema.js";

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

const schema: Schema = {
  version: 0,
  block: {
    attributes: {
      name: required(STRING, "The node's name (also its kubernetes.io/hostname label).", { forcesReplacement: true }),
      cpu: required(STRING, 'CPU capacity as a Kubernetes quantity ("4", "3500m").'),
      memory: required(STRING, 'Memory capacity ("16Gi").'),
      pods: defaulted(STRING, "How many pods the node takes (default 110)."),
      ephemeral_storage: defaulted(STRING, 'Ephemeral storage capacity (default "100Gi").'),
      zone: optional(STRING, "The topology.kubernetes.io/zone label."),
      labels: optional(STRING_MAP, "More node labels."),
      unschedulable: defaulted(BOOL, "Cordoned: no new pods are placed here (default false)."),
      id: computed(STRING, "The node's name."),
      status: computed(STRING, "Ready, NotReady or Failed (a simulated failure)."),
    },
    blocks: {
      taint: listBlock({
        attributes: {
          key: required(STRING, "Taint key."),
          value: optional(STRING, "Taint value."),
          effect: required(STRING, "NoSchedule, PreferNoSchedule or NoExecute."),
        },
      }),
    },
  },
};

/** What the scheduler sees of a node: the placement check needs all of it known. */
const NODE_SHAPE = ["name", "cpu", "memory", "pods", "ephemeral_storage", "zone", "labels", "taint", "unschedulable"];

const defaults = { pods: "110", ephemeral_storage: "100Gi", unschedulable: false };

/** The Node a planned or configured node stands for (also the plan-time picture's planned node). */
export function buildNode(p: PlainObject, token?: string): Node {
  const labels: Record<string, string> = { ...strMap(p.labels), [HOSTNAME_LABEL]: str(p.name) };
  if (typeof p.zone === "string") labels[ZONE_LABEL] = p.zone;
  const capacity = { cpu: str(p.cpu), memory: str(p.memory), pods: str(p.pods, defaults.pods), "ephemeral-storage": str(p.ephemeral_storage, defaults.ephemeral_storage) };
  const taints: Taint[] = objList(p.taint).map((t) => ({ key: str(t.key), ...(typeof t.value === "string" ? { value: t.value } : {}), effect: str(t.effect) as Taint["effect"] }));
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: managedMeta(str(p.name), undefined, labels, token),
    spec: { ...(taints.length > 0 ? { taints } : {}), ...(bool(p.unschedulable) ? { unschedulable: true } : {}) },
    status: { capacity, allocatable: { ...capacity }, conditions: [{ type: "Ready", status: "True" }] },
  };
}

function nodeStatus(n: Node): string {
  if (n.metadata.annotations?.[FAILED_ANNOTATION] === "true") return "Failed";
  return n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? "Ready" : "NotReady";
}

/** Taints Cairn did not put there (the node lifecycle controller's unreachable taints) are not the user's. */
function userTaints(n: Node): PlainObject[] {
  return (n.spec?.taints ?? [])
    .filter((t) => !t.key.startsWith("node.kubernetes.io/"))
    .map((t) => ({ key: t.key, value: t.value ?? null, effect: t.effect }));
}

function toState(n: Node, prior: PlainObject | null): PlainObject {
  const cap = n.status?.capacity ?? {};
  return {
    name: n.metadata.name,
    cpu: cap.cpu ?? null,
    memory: cap.memory ?? null,
    pods: cap.pods ?? null,
    ephemeral_storage: cap["ephemeral-storage"] ?? null,
    zone: n.metadata.labels?.[ZONE_LABEL] ?? null,
    labels: emptyLikePrior(userLabels(n.metadata.labels, [HOSTNAME_LABEL, ZONE_LABEL]), prior?.labels),
    unschedulable: n.spec?.unschedulable === true,
    taint: userTaints(n),
    id: n.metadata.name,
    status: nodeStatus(n),
  };
}

function validate(c: PlainObject): Diagnostic[] {
  const d: Diagnostic[] = [];
  for (const attr of ["cpu", "memory", "pods", "ephemeral_storage"]) {
    const v: Plain = c[attr];
    if (typeof v === "string" && !isValidQuantity(v)) d.push(errorDiag("Invalid quantity", `cluster_node.${attr} must be a Kubernetes quantity such as "4", "500m" or "16Gi"; got "${v}".`));
  }
  for (const t of objList(c.taint)) {
    if (typeof t.effect === "string" && !TAINT_EFFECTS.includes(t.effect)) d.push(errorDiag("Invalid taint effect", `A taint's effect must be one of ${TAINT_EFFECTS.join(", ")}; got "${t.effect}".`));
  }
  return d;
}

export const nodeResource: ResourceType = {
  typeName: "cluster_node",
  schema,
  validate,
  async plan({ prior, proposed, config, picture }) {
    const planned = planByRules(schema, prior, proposed, config, { defaults, volatile: ["status"] });
    if (typeof planned.name === "string") planned.id = planned.name;
    if (prior === null) planned.status = "Ready";
    const changed = prior === null || configuredChanged(schema, prior, planned);
    if (changed && typeof planned.name === "string" && NODE_SHAPE.every((a) => !hasUnknown(planned[a]))) picture.planNode(planned.name, buildNode(planned), prior !== null);
    return { planned };
  },
  async create(s, planned, token) {
    const n = await s.client.create(buildNode(planned, token));
    await s.settle();
    return { state: toState((await getOrNull<Node>(s.client, "Node", n.metadata.name)) ?? n, planned) };
  },
  async update(s, prior, planned) {
    const cur = await s.client.get<Node>("Node", str(prior.name));
    const want = buildNode(planned);
    // Keep what the cluster added (the failure annotation, unreachable taints, conditions).
    const systemTaints = (cur.spec?.taints ?? []).filter((t) => t.key.startsWith("node.kubernetes.io/"));
    const taints = [...(want.spec?.taints ?? []), ...systemTaints];
    const spec: NonNullable<Node["spec"]> = { ...cur.spec };
    delete spec.taints;
    delete spec.unschedulable;
    if (taints.length > 0) spec.taints = taints;
    if (want.spec?.unschedulable) spec.unschedulable = true;
    const labels = { ...want.metadata.labels };
    const updated = await s.client.update<Node>({ ...cur, metadata: { ...cur.metadata, labels }, spec });
    const withStatus = await s.client.updateStatus<Node>({ ...updated, status: { ...updated.status, capacity: want.status!.capacity, allocatable: want.status!.allocatable } });
    await s.settle();
    return { state: toState((await getOrNull<Node>(s.client, "Node", withStatus.metadata.name)) ?? withStatus, planned) };
  },
  planDelete(prior, picture) {
    picture.planNode(str(prior.name), null);
  },
  async delete(s, prior) {
    await deleteIfPresent(s.client, "Node", str(prior.name));
    await s.settle();
  },
  async read(s, prior) {
    const n = await getOrNull<Node>(s.client, "Node", str(prior.name, str(prior.id)));
    return n ? toState(n, prior) : null;
  },
  parseImportId: (id) => (id.length > 0 && !id.includes("/") ? { name: id, id } : `Expected a node name, got "${id}".`),
  async findByClientToken(s, token) {
    const [n] = await findByToken(s.client, "Node", token);
    return n ? toState(n as Node, null) : null;
  },
};
