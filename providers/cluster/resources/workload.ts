// cluster_workload: a Deployment, StatefulSet or DaemonSet (`kind`, which forces replacement).
// Plan: defaults, and the plan-time placement check (plan-picture.ts). Apply: create or update, then wait
// for every replica to be placed and Running (workload-rollout.ts). ID = "namespace/kind/name".
import { isValidQuantity } from "../../../cluster/objects/quantity.js";
import { type Diagnostic, errorDiag } from "../../../lang/diagnostics.js";
import { deleteIfPresent, findByToken } from "../cluster-calls.js";
import { configuredChanged, hasUnknown, parseDuration, planByRules } from "../plan-helpers.js";
import type { PlanPicture } from "../plan-picture.js";
import { type Plain, type PlainObject, isRecord, objList, str } from "../plain.js";
import type { ClusterSession, ResourceType } from "../resource-type.js";
import { CLAIM_TEMPLATE_DEFAULTS, TOPOLOGY_DEFAULTS, type WorkloadObject, buildWorkload, kubeKindOf, workloadAttributes } from "./workload-objects.js";
import { liveWorkload, waitForRollout } from "./workload-rollout.js";
import { WORKLOAD_KINDS, workloadSchema as schema } from "./workload-schema.js";

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** The attributes that decide where replicas go: the check runs only when all are known. */
const SCHEDULING_ATTRIBUTES = ["kind", "name", "namespace", "replicas", "cpu_request", "memory_request", "node_selector", "anti_affinity_hostname", "toleration", "node_affinity", "topology_spread", "volume_mount", "volume_claim_template", "labels"];

function validate(c: PlainObject): Diagnostic[] {
  const d: Diagnostic[] = [];
  if (typeof c.kind === "string" && !(WORKLOAD_KINDS as readonly string[]).includes(c.kind)) {
    d.push(errorDiag("Invalid workload kind", `kind must be one of ${WORKLOAD_KINDS.join(", ")}; got "${c.kind}".`));
  }
  if (c.kind === "daemonset" && typeof c.replicas === "number") d.push(errorDiag("Replicas on a daemonset", "A daemonset runs one replica on every eligible node; remove replicas."));
  if (typeof c.replicas === "number" && (c.replicas < 0 || !Number.isInteger(c.replicas))) d.push(errorDiag("Invalid replicas", `replicas must be a whole number of at least 0; got ${c.replicas}.`));
  if (typeof c.kind === "string" && c.kind !== "statefulset" && objList(c.volume_claim_template).length > 0) {
    d.push(errorDiag("Volume claim templates need a statefulset", "Only a statefulset gets a claim per replica; use volume_mount with a cluster_volume for other kinds."));
  }
  for (const a of ["cpu_request", "memory_request", "cpu_limit", "memory_limit"]) {
    const v = c[a];
    if (typeof v === "string" && !isValidQuantity(v)) d.push(errorDiag("Invalid quantity", `${a} must be a Kubernetes quantity such as "250m" or "512Mi"; got "${v}".`));
  }
  if (isRecord(c.timeouts)) {
    for (const k of ["create", "update"]) {
      const v = c.timeouts[k];
      if (typeof v === "string" && parseDuration(v) === undefined) d.push(errorDiag("Invalid timeout", `timeouts.${k} must be a duration such as "30s" or "5m"; got "${v}".`));
    }
  }
  return d;
}

/** Nested-block defaults (topology spread, claim templates) where the configuration leaves them unset. */
function fillBlockDefaults(planned: PlainObject, config: PlainObject, block: string, defaults: Record<string, Plain>): void {
  if (!Array.isArray(planned[block])) return;
  const cfg = objList(config[block]);
  planned[block] = objList(planned[block]).map((b, i) => {
    const out: PlainObject = { ...b };
    for (const [k, v] of Object.entries(defaults)) if ((cfg[i]?.[k] ?? null) === null && (out[k] === undefined || out[k] === null)) out[k] = structuredClone(v);
    return out;
  });
}

function timeoutOf(p: PlainObject, phase: "create" | "update"): number {
  const t = isRecord(p.timeouts) ? p.timeouts[phase] : undefined;
  return (typeof t === "string" ? parseDuration(t) : undefined) ?? DEFAULT_TIMEOUT_MS;
}

const describe = (p: PlainObject): string => `cluster_workload "${str(p.namespace, "default")}/${str(p.name)}" (${str(p.kind)})`;

async function placementCheck(s: ClusterSession, picture: PlanPicture, planned: PlainObject): Promise<Diagnostic[]> {
  const check = await picture.check(s.client, buildWorkload(planned));
  if (check.unschedulable.length === 0) return [];
  const shown = check.unschedulable.slice(0, 5);
  const more = check.unschedulable.length - shown.length;
  const lines = shown.map((u) => `\n  ${u.namespace}/${u.name}: ${u.reason ?? "no node fits"}`).join("") + (more > 0 ? `\n  ... and ${more} more` : "");
  const hint =
    check.plannedNodes === 0
      ? "\n\nThe check used the cluster's current nodes (no cluster_node was planned before this workload). If this configuration creates the nodes this workload needs, make the workload depend on them (reference them or add depends_on = [cluster_node.NAME]) so they are planned first."
      : "";
  return [
    errorDiag(
      "Workload cannot be placed",
      `${check.unschedulable.length} of ${check.placements.length} replicas of ${describe(planned)} fit on no node of the cluster as planned (${check.nodeCount} nodes):${lines}${hint}`,
    ),
  ];
}

async function stateOf(s: ClusterSession, kind: WorkloadObject["kind"], name: string, ns: string, prior: PlainObject | null): Promise<PlainObject | null> {
  const live = await liveWorkload(s, kind, name, ns);
  if (!live) return null;
  return { ...workloadAttributes(live.object, prior), placements: live.placements, status: live.status };
}

export const workloadResource: ResourceType = {
  typeName: "cluster_workload",
  schema,
  validate,
  async plan({ prior, proposed, config, picture, session }) {
    const defaults: Record<string, Plain> = { namespace: "default" };
    if (proposed.kind !== "daemonset" && proposed.kind !== undefined) defaults.replicas = 1;
    const planned = planByRules(schema, prior, proposed, config, { defaults, volatile: ["placements", "status"] });
    // A daemonset has no replica count: one runs on every eligible node.
    if (planned.kind === "daemonset" && config.replicas === null) planned.replicas = null;
    fillBlockDefaults(planned, config, "topology_spread", TOPOLOGY_DEFAULTS);
    fillBlockDefaults(planned, config, "volume_claim_template", CLAIM_TEMPLATE_DEFAULTS);
    if (typeof planned.kind === "string" && typeof planned.name === "string" && typeof planned.namespace === "string") planned.id = `${planned.namespace}/${planned.kind}/${planned.name}`;
    const changed = prior === null || configuredChanged(schema, prior, planned);
    const knowable = SCHEDULING_ATTRIBUTES.every((a) => !hasUnknown(planned[a])) && kubeKindOf(str(planned.kind)) !== undefined;
    const diagnostics = knowable && (changed || picture.reducesCapacity()) ? await placementCheck(session, picture, planned) : [];
    return { planned, diagnostics };
  },
  async create(s, planned, token) {
    const want = buildWorkload(planned, token);
    await s.client.create(want);
    const ns = want.metadata.namespace ?? "default";
    const r = await waitForRollout(s, want.kind, want.metadata.name, ns, timeoutOf(planned, "create"), describe(planned));
    return { state: (await stateOf(s, want.kind, want.metadata.name, ns, planned)) ?? undefined, diagnostics: r.diagnostics };
  },
  async update(s, _prior, planned) {
    const want = buildWorkload(planned);
    const ns = want.metadata.namespace ?? "default";
    const cur = await s.client.get<WorkloadObject>(want.kind, want.metadata.name, ns);
    await s.client.update({ ...want, metadata: { ...cur.metadata, labels: want.metadata.labels } });
    const r = await waitForRollout(s, want.kind, want.metadata.name, ns, timeoutOf(planned, "update"), describe(planned));
    return { state: (await stateOf(s, want.kind, want.metadata.name, ns, planned)) ?? undefined, diagnostics: r.diagnostics };
  },
  async delete(s, prior) {
    const kind = kubeKindOf(str(prior.kind));
    if (kind) await deleteIfPresent(s.client, kind, str(prior.name), str(prior.namespace, "default"));
    await s.settle();
  },
  async read(s, prior) {
    const kind = kubeKindOf(str(prior.kind));
    return kind ? stateOf(s, kind, str(prior.name), str(prior.namespace, "default"), prior) : null;
  },
  parseImportId(id) {
    const m = /^([^/]+)\/(deployment|statefulset|daemonset)\/([^/]+)$/.exec(id);
    return m ? { namespace: m[1]!, kind: m[2]!, name: m[3]!, id } : `Expected "NAMESPACE/KIND/NAME" with KIND deployment, statefulset or daemonset; got "${id}".`;
  },
  async findByClientToken(s, token) {
    for (const kind of ["Deployment", "StatefulSet", "DaemonSet"] as const) {
      const [o] = await findByToken(s.client, kind, token);
      if (o) return stateOf(s, kind, o.metadata.name, o.metadata.namespace ?? "default", null);
    }
    return null;
  },
};
