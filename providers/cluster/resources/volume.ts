// cluster_volume: a PersistentVolume and its claim, bound to each other. With `zone` or `node` the volume
// has that node affinity (pods using it are placed accordingly). With only `storage_class`, just the claim
// is made and the core provisions the volume where its first pod lands (WaitForFirstConsumer).
// ID = "namespace/name" (the claim's); the volume is named "NAMESPACE-NAME".
import type { Pod, PersistentVolume, PersistentVolumeClaim } from "../../../cluster/objects/types.js";
import { isValidQuantity } from "../../../cluster/objects/quantity.js";
import { type Diagnostic, errorDiag } from "../../../lang/diagnostics.js";
import { deleteIfPresent, findByToken, getOrNull, managedMeta, userLabels } from "../cluster-calls.js";
import { planByRules } from "../plan-helpers.js";
import { type PlainObject, emptyLikePrior, str, strList, strMap } from "../plain.js";
import { HOSTNAME_LABEL, type ClusterSession, type ResourceType, ZONE_LABEL } from "../resource-type.js";
import { STRING, STRING_LIST, STRING_MAP, computed, defaulted, optional, required } from "../schema-kit.js";
import type { Schema } from "../../schema.js";

const schema: Schema = {
  version: 0,
  block: {
    attributes: {
      name: required(STRING, "The claim's name (pods mount it by this name).", { forcesReplacement: true }),
      namespace: defaulted(STRING, 'The claim\'s namespace (default "default").', { forcesReplacement: true }),
      size: required(STRING, 'Capacity ("10Gi").', { forcesReplacement: true }),
      access_modes: defaulted(STRING_LIST, 'Access modes (default ["ReadWriteOnce"]).', { forcesReplacement: true }),
      storage_class: optional(STRING, "Storage class; alone, the volume is provisioned where its first pod lands.", { forcesReplacement: true }),
      zone: optional(STRING, "The volume lives in this zone: its pods are placed there.", { forcesReplacement: true }),
      node: optional(STRING, "The volume lives on this node (a local volume): its pods are placed there.", { forcesReplacement: true }),
      labels: optional(STRING_MAP, "Labels on the claim and the volume."),
      id: computed(STRING, "namespace/name."),
      volume_name: computed(STRING, "The PersistentVolume's name."),
      phase: computed(STRING, "The claim's phase: Pending, Bound or Lost."),
      bound_node: computed(STRING, 'The node of a running pod using the volume, or the node it is pinned to ("" when neither).'),
    },
  },
};

const volumeName = (ns: string, name: string): string => `${ns}-${name}`;
const hasVolume = (p: PlainObject): boolean => typeof p.zone === "string" || typeof p.node === "string" || typeof p.storage_class !== "string";

/** The volume (when this configuration makes one) and the claim. Also the plan-time picture's objects. */
export function buildVolume(p: PlainObject, token?: string): { volume?: PersistentVolume; claim: PersistentVolumeClaim } {
  const ns = str(p.namespace, "default");
  const name = str(p.name);
  const labels = strMap(p.labels);
  const accessModes = strList(p.access_modes).length > 0 ? strList(p.access_modes) : ["ReadWriteOnce"];
  const storageClassName = typeof p.storage_class === "string" ? p.storage_class : undefined;
  const claim: PersistentVolumeClaim = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: managedMeta(name, ns, labels, token),
    spec: { accessModes, resources: { requests: { storage: str(p.size) } }, ...(storageClassName ? { storageClassName } : {}) },
  };
  if (!hasVolume(p)) return { claim };
  const pvName = volumeName(ns, name);
  claim.spec.volumeName = pvName;
  const term = typeof p.node === "string" ? { key: HOSTNAME_LABEL, operator: "In" as const, values: [p.node] } : typeof p.zone === "string" ? { key: ZONE_LABEL, operator: "In" as const, values: [p.zone] } : undefined;
  const volume: PersistentVolume = {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: managedMeta(pvName, undefined, labels, token),
    spec: {
      capacity: { storage: str(p.size) },
      accessModes,
      ...(storageClassName ? { storageClassName } : {}),
      // Retain: the volume goes only when Cairn deletes it (destroy deletes the claim, then the volume).
      persistentVolumeReclaimPolicy: "Retain",
      claimRef: { namespace: ns, name },
      ...(term ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [term] }] } } } : {}),
      hostPath: { path: `/var/lib/cairn/volumes/${pvName}` },
    },
  };
  return { volume, claim };
}

async function toState(s: ClusterSession, c: PersistentVolumeClaim, prior: PlainObject | null): Promise<PlainObject> {
  const ns = c.metadata.namespace ?? "default";
  const pv = c.spec.volumeName ? await getOrNull<PersistentVolume>(s.client, "PersistentVolume", c.spec.volumeName) : null;
  const term = pv?.spec.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0];
  const provisioned = pv !== null && pv.metadata.labels?.["app.kubernetes.io/managed-by"] !== "cairn";
  const pinnedNode = term?.key === HOSTNAME_LABEL ? (term.values?.[0] ?? null) : null;
  const pinnedZone = term?.key === ZONE_LABEL ? (term.values?.[0] ?? null) : null;
  const pods = (await s.client.list("Pod", { namespace: ns })).items as Pod[];
  const user = pods.find((p) => p.status?.phase === "Running" && p.spec.nodeName && (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === c.metadata.name));
  return {
    name: c.metadata.name,
    namespace: ns,
    size: c.spec.resources?.requests?.storage ?? null,
    access_modes: c.spec.accessModes ?? [],
    storage_class: c.spec.storageClassName ?? null,
    // A volume the core provisioned for a storage class is not the configuration's zone or node.
    zone: provisioned ? (prior?.zone ?? null) : pinnedZone,
    node: provisioned ? (prior?.node ?? null) : pinnedNode,
    labels: emptyLikePrior(userLabels(c.metadata.labels), prior?.labels),
    id: `${ns}/${c.metadata.name}`,
    volume_name: c.spec.volumeName ?? "",
    phase: c.status?.phase ?? "Pending",
    bound_node: user?.spec.nodeName ?? pinnedNode ?? "",
  };
}

function validate(c: PlainObject): Diagnostic[] {
  const d: Diagnostic[] = [];
  if (typeof c.size === "string" && !isValidQuantity(c.size)) d.push(errorDiag("Invalid quantity", `cluster_volume.size must be a quantity such as "10Gi"; got "${c.size}".`));
  if (typeof c.zone === "string" && typeof c.node === "string") d.push(errorDiag("Conflicting volume placement", "Set either zone or node on a cluster_volume, not both."));
  return d;
}

export const volumeResource: ResourceType = {
  typeName: "cluster_volume",
  schema,
  validate,
  async plan({ prior, proposed, config, picture }) {
    const planned = planByRules(schema, prior, proposed, config, { defaults: { namespace: "default", access_modes: ["ReadWriteOnce"] }, volatile: ["phase", "bound_node"] });
    if (typeof planned.name === "string" && typeof planned.namespace === "string") {
      planned.id = `${planned.namespace}/${planned.name}`;
      if (prior === null) planned.volume_name = hasVolume(planned) ? volumeName(planned.namespace, planned.name) : undefined;
    }
    if (typeof planned.name === "string" && typeof planned.size === "string" && planned.zone !== undefined && planned.node !== undefined) {
      const { volume, claim } = buildVolume(planned);
      picture.planVolume(volume, claim);
    }
    return { planned };
  },
  async create(s, planned, token) {
    const { volume, claim } = buildVolume(planned, token);
    // The claim first: a volume whose claimRef names a missing claim counts as released to the binder.
    const c = await s.client.create(claim);
    if (volume) await s.client.create(volume);
    // A claim with its own volume binds at once (a served core does it in the background); a claim waiting
    // for its first consumer stays Pending until a pod uses it.
    const deadline = Date.now() + 10_000;
    let cur: PersistentVolumeClaim = c;
    for (;;) {
      await s.settle();
      cur = (await getOrNull<PersistentVolumeClaim>(s.client, "PersistentVolumeClaim", c.metadata.name, c.metadata.namespace)) ?? cur;
      if (!volume || cur.status?.phase === "Bound" || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return { state: await toState(s, cur, planned) };
  },
  async update(s, prior, planned) {
    // Everything but labels forces replacement.
    const ns = str(prior.namespace, "default");
    const labels = managedMeta("", undefined, strMap(planned.labels)).labels;
    const c = await s.client.patch<PersistentVolumeClaim>("PersistentVolumeClaim", str(prior.name), { metadata: { labels: nullMissing(labels, (await s.client.get("PersistentVolumeClaim", str(prior.name), ns)).metadata.labels) } }, ns);
    return { state: await toState(s, c, planned) };
  },
  async delete(s, prior) {
    const ns = str(prior.namespace, "default");
    const c = await getOrNull<PersistentVolumeClaim>(s.client, "PersistentVolumeClaim", str(prior.name), ns);
    await deleteIfPresent(s.client, "PersistentVolumeClaim", str(prior.name), ns);
    const pv = c?.spec.volumeName ?? (typeof prior.volume_name === "string" && prior.volume_name !== "" ? prior.volume_name : undefined);
    if (pv) await deleteIfPresent(s.client, "PersistentVolume", pv);
    await s.settle();
  },
  async read(s, prior) {
    const c = await getOrNull<PersistentVolumeClaim>(s.client, "PersistentVolumeClaim", str(prior.name), str(prior.namespace, "default"));
    return c ? toState(s, c, prior) : null;
  },
  parseImportId(id) {
    const m = /^([^/]+)\/([^/]+)$/.exec(id);
    return m ? { namespace: m[1]!, name: m[2]!, id } : `Expected "NAMESPACE/NAME" (the claim), got "${id}".`;
  },
  async findByClientToken(s, token) {
    const [c] = await findByToken(s.client, "PersistentVolumeClaim", token);
    return c ? toState(s, c as PersistentVolumeClaim, null) : null;
  },
};

/** A merge patch replacing a label map: keys no longer wanted are set to null. */
function nullMissing(want: Record<string, string> | undefined, cur: Record<string, string> | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = { ...(want ?? {}) };
  for (const k of Object.keys(cur ?? {})) if (!(k in out)) out[k] = null;
  return out;
}
