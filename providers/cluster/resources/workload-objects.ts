// cluster_workload <-> Deployment / StatefulSet / DaemonSet. build() is also what the plan-time placement
// check simulates, so plan and apply agree on what a workload's pods look like.
import type { KubeObject } from "../../../cluster/objects/meta.js";
import type { Container, DaemonSet, Deployment, EnvFromSource, EnvVar, PodAffinity, PodAffinityTerm, PodSpec, PreferredSchedulingTerm, WeightedPodAffinityTerm, PodTemplateSpec, ResourceList, StatefulSet, Toleration, TopologySpreadConstraint, Volume, VolumeMount, NodeSelectorRequirement } from "../../../cluster/objects/types.js";
import { managedMeta, userLabels } from "../cluster-calls.js";
import { type PlainObject, bool, emptyLikePrior, num, numList, objList, str, strList, strMap } from "../plain.js";
import { HOSTNAME_LABEL, ZONE_LABEL } from "../resource-type.js";
import type { WorkloadKind } from "./workload-schema.js";

export type WorkloadObject = Deployment | StatefulSet | DaemonSet;

export const KUBE_KIND: Record<WorkloadKind, WorkloadObject["kind"]> = { deployment: "Deployment", statefulset: "StatefulSet", daemonset: "DaemonSet" };
export const APP_LABEL = "app";

export const TOPOLOGY_DEFAULTS = { topology_key: ZONE_LABEL, max_skew: 1, when_unsatisfiable: "DoNotSchedule" };
export const CLAIM_TEMPLATE_DEFAULTS = { storage_class: "local", access_modes: ["ReadWriteOnce"] };

export function kubeKindOf(kind: string): WorkloadObject["kind"] | undefined {
  return (KUBE_KIND as Record<string, WorkloadObject["kind"]>)[kind];
}

function resources(p: PlainObject): Container["resources"] {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  if (typeof p.cpu_request === "string") requests.cpu = p.cpu_request;
  if (typeof p.memory_request === "string") requests.memory = p.memory_request;
  if (typeof p.cpu_limit === "string") limits.cpu = p.cpu_limit;
  if (typeof p.memory_limit === "string") limits.memory = p.memory_limit;
  return { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) };
}

function podTemplate(p: PlainObject, name: string): PodTemplateSpec {
  const selector = { [APP_LABEL]: name };
  const env: EnvVar[] = [
    ...Object.entries(strMap(p.env)).map(([k, value]) => ({ name: k, value })),
    ...objList(p.secret_env).map((e) => ({ name: str(e.name), valueFrom: { secretKeyRef: { name: str(e.secret), key: str(e.key) } } })),
  ];
  const mounts: VolumeMount[] = [
    ...objList(p.volume_mount).map((m) => ({ name: str(m.claim), mountPath: str(m.mount_path), ...(bool(m.read_only) ? { readOnly: true } : {}) })),
    ...objList(p.volume_claim_template).map((t) => ({ name: str(t.name), mountPath: str(t.mount_path) })),
  ];
  const volumes: Volume[] = objList(p.volume_mount).map((m) => ({ name: str(m.claim), persistentVolumeClaim: { claimName: str(m.claim) } }));
  for (const v of objList(p.config_volume)) {
    volumes.push(typeof v.secret === "string" ? { name: str(v.name), secret: { secretName: v.secret } } : { name: str(v.name), configMap: { name: str(v.config_map) } });
    mounts.push({ name: str(v.name), mountPath: str(v.mount_path), ...(bool(v.read_only) ? { readOnly: true } : {}) });
  }
  const envFrom: EnvFromSource[] = objList(p.env_from).map((f) => ({
    ...(typeof f.prefix === "string" ? { prefix: f.prefix } : {}),
    ...(typeof f.secret === "string" ? { secretRef: { name: f.secret } } : { configMapRef: { name: str(f.config_map) } }),
  }));
  const container: Container = {
    name,
    image: str(p.image),
    ...(Array.isArray(p.command) ? { command: strList(p.command) } : {}),
    ...(Array.isArray(p.args) ? { args: strList(p.args) } : {}),
    ...(env.length ? { env } : {}),
    ...(envFrom.length ? { envFrom } : {}),
    ...(numList(p.ports).length ? { ports: numList(p.ports).map((containerPort) => ({ containerPort, protocol: "TCP" as const })) } : {}),
    resources: resources(p),
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
  const tolerations: Toleration[] = objList(p.toleration).map((t) => ({
    ...(typeof t.key === "string" ? { key: t.key } : {}),
    ...(typeof t.operator === "string" ? { operator: t.operator as Toleration["operator"] } : {}),
    ...(typeof t.value === "string" ? { value: t.value } : {}),
    ...(typeof t.effect === "string" ? { effect: t.effect as Toleration["effect"] } : {}),
  }));
  const required: NodeSelectorRequirement[] = objList(p.node_affinity).map((a) => ({ key: str(a.key), operator: str(a.operator) as NodeSelectorRequirement["operator"], ...(Array.isArray(a.values) ? { values: strList(a.values) } : {}) }));
  const spread: TopologySpreadConstraint[] = objList(p.topology_spread).map((t) => ({
    topologyKey: str(t.topology_key, TOPOLOGY_DEFAULTS.topology_key),
    maxSkew: num(t.max_skew, TOPOLOGY_DEFAULTS.max_skew),
    whenUnsatisfiable: str(t.when_unsatisfiable, TOPOLOGY_DEFAULTS.when_unsatisfiable) as TopologySpreadConstraint["whenUnsatisfiable"],
    labelSelector: { matchLabels: selector },
  }));
  const preferred: PreferredSchedulingTerm[] = objList(p.preferred_node_affinity).map((a) => ({
    weight: num(a.weight),
    preference: { matchExpressions: [{ key: str(a.key), operator: str(a.operator) as NodeSelectorRequirement["operator"], ...(Array.isArray(a.values) ? { values: strList(a.values) } : {}) }] },
  }));
  const nodeAffinity = {
    ...(required.length ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: required }] } } : {}),
    ...(preferred.length ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
  };
  const hostnameAnti: PodAffinityTerm[] = bool(p.anti_affinity_hostname) ? [{ labelSelector: { matchLabels: selector }, topologyKey: HOSTNAME_LABEL }] : [];
  const podAffinity = podAffinityOf(objList(p.pod_affinity), []);
  const podAntiAffinity = podAffinityOf(objList(p.pod_anti_affinity), hostnameAnti);
  const affinity: PodSpec["affinity"] = {
    ...(Object.keys(nodeAffinity).length ? { nodeAffinity } : {}),
    ...(podAffinity ? { podAffinity } : {}),
    ...(podAntiAffinity ? { podAntiAffinity } : {}),
  };
  const spec: PodSpec = {
    containers: [container],
    ...(Object.keys(strMap(p.node_selector)).length ? { nodeSelector: strMap(p.node_selector) } : {}),
    ...(tolerations.length ? { tolerations } : {}),
    ...(Object.keys(affinity).length ? { affinity } : {}),
    ...(spread.length ? { topologySpreadConstraints: spread } : {}),
    ...(volumes.length ? { volumes } : {}),
  };
  return { metadata: { labels: { ...strMap(p.labels), ...selector } }, spec };
}

/** pod_affinity / pod_anti_affinity blocks: with a weight a preferred term, without one a required term. */
function podAffinityOf(blocks: PlainObject[], extraRequired: PodAffinityTerm[]): PodAffinity | undefined {
  const term = (b: PlainObject): PodAffinityTerm => ({
    labelSelector: { matchLabels: strMap(b.match_labels) },
    topologyKey: str(b.topology_key),
    ...(strList(b.namespaces).length ? { namespaces: strList(b.namespaces) } : {}),
  });
  const req = [...extraRequired, ...blocks.filter((b) => typeof b.weight !== "number").map(term)];
  const pref: WeightedPodAffinityTerm[] = blocks.filter((b) => typeof b.weight === "number").map((b) => ({ weight: num(b.weight), podAffinityTerm: term(b) }));
  if (req.length === 0 && pref.length === 0) return undefined;
  return {
    ...(req.length ? { requiredDuringSchedulingIgnoredDuringExecution: req } : {}),
    ...(pref.length ? { preferredDuringSchedulingIgnoredDuringExecution: pref } : {}),
  };
}

/** An int-or-percent from configuration: "3" is the count 3, "25%" stays a percentage. */
function intOrPercent(v: unknown): number | string | undefined {
  if (typeof v !== "string") return undefined;
  return /^[0-9]+$/.test(v) ? Number(v) : v;
}

function deploymentStrategy(p: PlainObject): Deployment["spec"]["strategy"] | undefined {
  const type = typeof p.strategy === "string" ? (p.strategy as "RollingUpdate" | "Recreate") : undefined;
  const maxSurge = intOrPercent(p.max_surge);
  const maxUnavailable = intOrPercent(p.max_unavailable);
  if (!type && maxSurge === undefined && maxUnavailable === undefined) return undefined;
  const rollingUpdate = { ...(maxSurge !== undefined ? { maxSurge } : {}), ...(maxUnavailable !== undefined ? { maxUnavailable } : {}) };
  return { ...(type ? { type } : {}), ...(Object.keys(rollingUpdate).length ? { rollingUpdate } : {}) };
}

/** The workload object for a planned (wholly known) cluster_workload. */
export function buildWorkload(p: PlainObject, token?: string): WorkloadObject {
  const name = str(p.name);
  const kind = kubeKindOf(str(p.kind)) ?? "Deployment";
  const metadata = managedMeta(name, str(p.namespace, "default"), {}, token);
  const selector = { matchLabels: { [APP_LABEL]: name } };
  const template = podTemplate(p, name);
  switch (kind) {
    case "Deployment":
      return { apiVersion: "apps/v1", kind, metadata, spec: { replicas: num(p.replicas, 1), selector, template, ...(deploymentStrategy(p) ? { strategy: deploymentStrategy(p) } : {}) } };
    case "StatefulSet":
      return {
        apiVersion: "apps/v1",
        kind,
        metadata,
        spec: {
          replicas: num(p.replicas, 1),
          selector,
          template,
          serviceName: name,
          volumeClaimTemplates: objList(p.volume_claim_template).map((t) => ({
            metadata: { name: str(t.name) },
            spec: {
              accessModes: strList(t.access_modes).length ? strList(t.access_modes) : CLAIM_TEMPLATE_DEFAULTS.access_modes,
              resources: { requests: { storage: str(t.size) } },
              storageClassName: str(t.storage_class, CLAIM_TEMPLATE_DEFAULTS.storage_class),
            },
          })),
        },
      };
    case "DaemonSet":
      return { apiVersion: "apps/v1", kind, metadata, spec: { selector, template } };
  }
}

const lower = (k: string): string => k.toLowerCase();

function termBlock(x: PodAffinityTerm, weight: number | null): PlainObject {
  return {
    topology_key: x.topologyKey,
    match_labels: { ...(x.labelSelector?.matchLabels ?? {}) },
    namespaces: x.namespaces?.length ? [...x.namespaces] : null,
    weight,
  };
}

/** The configured attributes of a workload object as state (placements/status are added by the caller). */
export function workloadAttributes(o: KubeObject, prior: PlainObject | null): PlainObject {
  const w = o as WorkloadObject;
  const t = w.spec.template;
  const c = t.spec.containers[0];
  const claimMounts = new Set(w.kind === "StatefulSet" ? (w.spec.volumeClaimTemplates ?? []).map((v) => v.metadata.name) : []);
  const env: Record<string, string> = {};
  const secretEnv: PlainObject[] = [];
  for (const e of c?.env ?? []) {
    if (e.valueFrom?.secretKeyRef) secretEnv.push({ name: e.name, secret: e.valueFrom.secretKeyRef.name, key: e.valueFrom.secretKeyRef.key });
    else env[e.name] = e.value ?? "";
  }
  const affinityTerms = t.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchExpressions ?? [];
  const ns = w.metadata.namespace ?? "default";
  const isHostnameAnti = (x: PodAffinityTerm) =>
    x.topologyKey === HOSTNAME_LABEL && !x.namespaces?.length && JSON.stringify(x.labelSelector) === JSON.stringify({ matchLabels: { [APP_LABEL]: w.metadata.name } });
  const antiRequired = t.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const hostnameAnti = antiRequired.some(isHostnameAnti);
  const affinityBlocks = (a: PodAffinity | undefined, skipHostname: boolean): PlainObject[] => [
    ...(a?.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((x) => !(skipHostname && isHostnameAnti(x))).map((x) => termBlock(x, null)),
    ...(a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((x) => termBlock(x.podAffinityTerm, x.weight)),
  ];
  const volumesByName = new Map((t.spec.volumes ?? []).map((v) => [v.name, v]));
  const isConfigVolume = (name: string) => !!(volumesByName.get(name)?.configMap || volumesByName.get(name)?.secret);
  const strategy = w.kind === "Deployment" ? w.spec.strategy : undefined;
  const intOrPercentText = (v: number | string | undefined) => (v === undefined ? null : String(v));
  return {
    kind: lower(w.kind),
    name: w.metadata.name,
    namespace: ns,
    replicas: w.kind === "DaemonSet" ? null : (w.spec.replicas ?? 1),
    image: c?.image ?? "",
    command: c?.command ?? (prior?.command === undefined ? null : (prior?.command ?? null)),
    args: c?.args ?? null,
    env: emptyLikePrior(env, prior?.env),
    ports: emptyLikePrior((c?.ports ?? []).map((p) => p.containerPort), prior?.ports),
    cpu_request: c?.resources?.requests?.cpu ?? null,
    memory_request: c?.resources?.requests?.memory ?? null,
    cpu_limit: c?.resources?.limits?.cpu ?? null,
    memory_limit: c?.resources?.limits?.memory ?? null,
    labels: emptyLikePrior(userLabels(t.metadata?.labels, [APP_LABEL]), prior?.labels),
    node_selector: emptyLikePrior({ ...(t.spec.nodeSelector ?? {}) }, prior?.node_selector),
    anti_affinity_hostname: hostnameAnti ? true : prior?.anti_affinity_hostname === false ? false : null,
    strategy: strategy?.type ?? null,
    max_surge: intOrPercentText(strategy?.rollingUpdate?.maxSurge),
    max_unavailable: intOrPercentText(strategy?.rollingUpdate?.maxUnavailable),
    preferred_node_affinity: (t.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((x) => {
      const e = x.preference.matchExpressions?.[0];
      return { weight: x.weight, key: e?.key ?? "", operator: e?.operator ?? "", values: e?.values ?? null };
    }),
    pod_affinity: affinityBlocks(t.spec.affinity?.podAffinity, false),
    pod_anti_affinity: affinityBlocks(t.spec.affinity?.podAntiAffinity, true),
    env_from: (c?.envFrom ?? []).map((f) => ({ config_map: f.configMapRef?.name ?? null, secret: f.secretRef?.name ?? null, prefix: f.prefix ?? null })),
    config_volume: (c?.volumeMounts ?? []).filter((m) => isConfigVolume(m.name)).map((m) => {
      const v = volumesByName.get(m.name)!;
      return { name: m.name, config_map: v.configMap?.name ?? null, secret: v.secret?.secretName ?? null, mount_path: m.mountPath, read_only: m.readOnly === true ? true : null };
    }),
    secret_env: secretEnv,
    toleration: (t.spec.tolerations ?? []).map((x) => ({ key: x.key ?? null, operator: x.operator ?? null, value: x.value ?? null, effect: x.effect ?? null })),
    node_affinity: affinityTerms.map((a) => ({ key: a.key, operator: a.operator, values: a.values ?? null })),
    topology_spread: (t.spec.topologySpreadConstraints ?? []).map((s) => ({ topology_key: s.topologyKey, max_skew: s.maxSkew, when_unsatisfiable: s.whenUnsatisfiable })),
    volume_mount: (c?.volumeMounts ?? []).filter((m) => !claimMounts.has(m.name) && !isConfigVolume(m.name)).map((m) => ({ claim: m.name, mount_path: m.mountPath, read_only: m.readOnly === true ? true : null })),
    volume_claim_template:
      w.kind === "StatefulSet"
        ? (w.spec.volumeClaimTemplates ?? []).map((v) => ({
            name: v.metadata.name,
            size: v.spec.resources?.requests?.storage ?? "",
            mount_path: c?.volumeMounts?.find((m) => m.name === v.metadata.name)?.mountPath ?? "",
            storage_class: v.spec.storageClassName ?? null,
            access_modes: v.spec.accessModes ?? [],
          }))
        : [],
    timeouts: prior?.timeouts ?? null,
    id: `${ns}/${lower(w.kind)}/${w.metadata.name}`,
  };
}
