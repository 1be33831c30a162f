// cluster_volume: a PersistentVolume and its claim, bound to each other. With `zone` or `node` the volume
// has that node affinity (pods using it are placed accordingly). With only `storage_class`, just the claim
// is made and the core provisions the volume where its first pod lands (WaitForFirstConsumer).
// ID = "namespace/name" (the claim's); the volume is named "NAMESPACE-NAME".
import type { Pod, PersistentVolume, PersistentVolumeClaim } from "../../../cluster/objects/types.js";
import { isValidQuantity } from "../../../cluster/objects/quantity.js";
import { type Diagnostic, errorDiag } from "../../../lang/diagnostics.js";
import { clusterErrorDiag, deleteIfPresent, findByToken, getOrNull, managedMeta, userLabels } from "../cluster-calls.js";
import { planByRules } from "../plan-helpers.js";
import { type PlainObject, emptyLikePrior, str, strList, strMap } from "../plain.js";
import { HOSTNAME_LABEL, type ClusterSession, type ResourceType, ZONE_LABEL } from "../resource-type.js";
import { STRING, STRING_LIST, STRING_MAP, computed, defaulted, optional, required } from "../schema-kit.js";
import type { Schema } from "../../schema.js";
import type { PlanPicture } from "../plan-picture.js";
import { isApiError } from "../../../cluster/api/status.js";

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
  async plan({ prior, proposed, config, picture, address }) {
    const planned = planByRules(schema, prior, proposed, config, { defaults: { namespace: "default", access_modes: ["ReadWriteOnce"] }, volatile: ["phase", "bound_node"] });
    if (typeof planned.name === "string" && typeof planned.namespace === "string") {
      planned.id = `${planned.namespace}/${planned.name}`;
      if (prior === null) planned.volume_name = hasVolume(planned) ? volumeName(planned.namespace, planned.name) : undefined;
    }
    if (typeof planned.name === "string" && typeof planned.size === "string" && planned.zone !== undefined && planned.node !== undefined) {
      const { volume, claim } = buildVolume(planned);
      picture.planVolume(volume, claim);
    }
    const collisions = address === undefined ? [] : objectNameCollisions(planned, picture, address);
    // A Lost claim (its volume gone, or the claim gone with its volume left by an interrupted delete) cannot be
    // used again: it is replaced, as the claim and volume pair it stands for.
    const lost = prior !== null && prior.phase === "Lost";
    if (lost) planned.phase = undefined;
    return { planned, ...(lost ? { requiresReplace: ["phase"] } : {}), ...(collisions.length > 0 ? { diagnostics: collisions } : {}) };
  },
  async create(s, planned, token) {
    const { volume, claim } = buildVolume(planned, token);
    // The claim first: a volume whose claimRef names a missing claim counts as released to the binder.
    // Two objects, so two steps that can fail apart: a claim left by an earlier attempt whose volume was never
    // made is adopted (createOrAdopt), and a volume that cannot be made takes its new claim away again.
    const c = await createOrAdopt(s, claim, volume);
    try {
      if (volume) await createOrAdopt(s, volume, undefined);
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
    } catch (e) {
      // Take away what this attempt made. When even that fails (a full disk), the objects are reported as a
      // failed create: recorded tainted, so the next apply deletes and remakes them instead of failing on 409.
      try {
        if (volume) await deleteIfPresent(s.client, "PersistentVolume", volume.metadata.name);
        await deleteIfPresent(s.client, "PersistentVolumeClaim", claim.metadata.name, claim.metadata.namespace);
      } catch {
        const ns = str(planned.namespace, "default");
        return {
          state: { ...planned, id: `${ns}/${str(planned.name)}`, volume_name: claim.spec.volumeName ?? "", phase: "Pending", bound_node: "" },
          diagnostics: [clusterErrorDiag("Creating cluster_volume failed", e)],
        };
      }
      throw e;
    }
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
    const ns = str(prior.namespace, "default");
    const c = await getOrNull<PersistentVolumeClaim>(s.client, "PersistentVolumeClaim", str(prior.name), ns);
    if (c) return toState(s, c, prior);
    // The claim is gone but its volume is not: a delete was interrupted between the two (it deletes the claim
    // first). Reading the resource as gone would leave the volume behind for good, so the half that is left is
    // reported as a Lost claim: a destroy deletes the volume, an apply replaces both.
    const pvName = str(prior.volume_name, "");
    const pv = pvName === "" ? null : await getOrNull<PersistentVolume>(s.client, "PersistentVolume", pvName);
    const ref = pv?.spec.claimRef;
    if (pv !== null && ref?.name === str(prior.name) && (ref.namespace ?? "default") === ns) return { ...prior, phase: "Lost", bound_node: "" };
    return null;
  },
  parseImportId(id) {
    const m = /^([^/]+)\/([^/]+)$/.exec(id);
    return m ? { namespace: m[1]!, name: m[2]!, id } : `Expected "NAMESPACE/NAME" (the claim), got "${id}".`;
  },
  async findByClientToken(s, token) {
    const [c] = (await findByToken(s.client, "PersistentVolumeClaim", token)) as PersistentVolumeClaim[];
    if (c === undefined) {
      // A volume whose claim is gone (its cleanup was interrupted) is not a cluster_volume: removed.
      for (const pv of await findByToken(s.client, "PersistentVolume", token)) await deleteIfPresent(s.client, "PersistentVolume", pv.metadata.name);
      return null;
    }
    const [pv] = await findByToken(s.client, "PersistentVolume", token);
    if (c.spec.volumeName !== undefined && pv === undefined && (await getOrNull(s.client, "PersistentVolume", c.spec.volumeName)) === null) {
      // Interrupted between the claim and its volume: the half is cleaned up and the create runs again.
      await deleteIfPresent(s.client, "PersistentVolumeClaim", c.metadata.name, c.metadata.namespace);
      return null;
    }
    return toState(s, c, null);
  },
};

/**
 * Creates `obj` (a claim or a volume); when it already exists as the leftover of an earlier, failed attempt to
 * make this same cluster_volume, takes it over with this attempt's client token instead of failing with 409
 * on every later apply. A leftover is Cairn's (managed-by label) and: for a claim, names `volume` and that
 * volume does not exist (a whole cluster_volume of another configuration has its volume, and is never taken);
 * for a volume, is reserved for the claim just made. Anything else keeps the 409.
 */
async function createOrAdopt<T extends PersistentVolumeClaim | PersistentVolume>(s: ClusterSession, obj: T, volume: PersistentVolume | undefined): Promise<T> {
  try {
    return await s.client.create(obj);
  } catch (e) {
    if (!isApiError(e) || e.code !== 409) throw e;
    const ns = obj.metadata.namespace;
    const cur = await getOrNull<T>(s.client, obj.kind, obj.metadata.name, ns);
    if (cur === null || cur.metadata.labels?.["app.kubernetes.io/managed-by"] !== "cairn") throw e;
    if (cur.kind === "PersistentVolumeClaim") {
      const c = cur as PersistentVolumeClaim;
      if (volume === undefined || c.spec.volumeName !== volume.metadata.name) throw e;
      if ((await getOrNull(s.client, "PersistentVolume", volume.metadata.name)) !== null) throw e;
    } else {
      const ref = (cur as PersistentVolume).spec.claimRef;
      const want = (obj as PersistentVolume).spec.claimRef;
      if (ref?.name !== want?.name || (ref?.namespace ?? "default") !== (want?.namespace ?? "default")) throw e;
    }
    const annotations = obj.metadata.annotations ?? {};
    return await s.client.patch<T>(obj.kind, obj.metadata.name, { metadata: { annotations } }, ns);
  }
}

/** Two resources whose objects would have one name: the second create would fail with 409 on every apply. */
function objectNameCollisions(planned: PlainObject, picture: PlanPicture, address: string): Diagnostic[] {
  if (typeof planned.name !== "string" || typeof planned.namespace !== "string") return [];
  const ns = planned.namespace;
  const objects: [kind: string, name: string, what: string][] = [["PersistentVolumeClaim", `${ns}/${planned.name}`, `the claim "${ns}/${planned.name}"`]];
  if (hasVolume(planned) && planned.zone !== undefined && planned.node !== undefined && planned.storage_class !== undefined) {
    const pv = volumeName(ns, planned.name);
    objects.push(["PersistentVolume", pv, `the volume "${pv}"`]);
  }
  const out: Diagnostic[] = [];
  for (const [kind, name, what] of objects) {
    const other = picture.claimObjectName(kind, name, address);
    if (other === undefined) continue;
    out.push(
      errorDiag(
        "Conflicting cluster object names",
        `${address} and ${other} would both make ${what} (a volume is named NAMESPACE-NAME, so different namespaces and names can meet). Rename one of them.`,
      ),
    );
  }
  return out;
}

/** A merge patch replacing a label map: keys no longer wanted are set to null. */
function nullMissing(want: Record<string, string> | undefined, cur: Record<string, string> | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = { ...(want ?? {}) };
  for (const k of Object.keys(cur ?? {})) if (!(k in out)) out[k] = null;
  return out;
}
