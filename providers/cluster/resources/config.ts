// cluster_config: a ConfigMap (`data`), or a Secret when `sensitive_data` is set (its values are sensitive in
// plans and state output). ID = "namespace/configmap/name" or "namespace/secret/name". Switching between the
// two replaces the object, since they are different kinds.
import type { ConfigMap, Secret } from "../../../cluster/objects/types.js";
import { errorDiag } from "../../../lang/diagnostics.js";
import { deleteIfPresent, findByToken, getOrNull, managedMeta, userLabels } from "../cluster-calls.js";
import { planByRules } from "../plan-helpers.js";
import { type PlainObject, emptyLikePrior, str, strMap } from "../plain.js";
import type { ResourceType } from "../resource-type.js";
import { STRING, STRING_MAP, computed, defaulted, optional, required } from "../schema-kit.js";
import type { Schema } from "../../schema.js";

const schema: Schema = {
  version: 0,
  block: {
    attributes: {
      name: required(STRING, "The object's name.", { forcesReplacement: true }),
      namespace: defaulted(STRING, 'The namespace (default "default").', { forcesReplacement: true }),
      data: optional(STRING_MAP, "Plain configuration data (a ConfigMap)."),
      sensitive_data: optional(STRING_MAP, "Secret data (makes the object a Secret); never shown in plans.", { sensitive: true }),
      labels: optional(STRING_MAP, "Labels on the object."),
      kind: computed(STRING, "configmap or secret."),
      id: computed(STRING, "namespace/kind/name."),
    },
  },
};

const kindOf = (p: PlainObject): "configmap" | "secret" | undefined =>
  p.sensitive_data === undefined ? undefined : p.sensitive_data === null ? "configmap" : "secret";

function build(p: PlainObject, token?: string): ConfigMap | Secret {
  const meta = managedMeta(str(p.name), str(p.namespace, "default"), strMap(p.labels), token);
  if (kindOf(p) === "secret") {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(strMap(p.sensitive_data))) data[k] = Buffer.from(v, "utf8").toString("base64");
    // Plain data next to secret data lands in the same Secret.
    for (const [k, v] of Object.entries(strMap(p.data))) data[k] = Buffer.from(v, "utf8").toString("base64");
    return { apiVersion: "v1", kind: "Secret", metadata: meta, type: "Opaque", data };
  }
  return { apiVersion: "v1", kind: "ConfigMap", metadata: meta, data: strMap(p.data) };
}

function toState(o: ConfigMap | Secret, prior: PlainObject | null): PlainObject {
  const ns = o.metadata.namespace ?? "default";
  const base = { name: o.metadata.name, namespace: ns, labels: emptyLikePrior(userLabels(o.metadata.labels), prior?.labels) };
  if (o.kind === "Secret") {
    const decoded: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.data ?? {})) decoded[k] = Buffer.from(v, "base64").toString("utf8");
    // Keys the configuration lists under `data` stay there; everything else is secret.
    const plainKeys = new Set(Object.keys(strMap(prior?.data)));
    const data: Record<string, string> = {};
    const secret: Record<string, string> = {};
    for (const [k, v] of Object.entries(decoded)) (plainKeys.has(k) ? data : secret)[k] = v;
    return { ...base, data: emptyLikePrior(data, prior?.data), sensitive_data: secret, kind: "secret", id: `${ns}/secret/${o.metadata.name}` };
  }
  return { ...base, data: emptyLikePrior({ ...(o.data ?? {}) }, prior?.data), sensitive_data: null, kind: "configmap", id: `${ns}/configmap/${o.metadata.name}` };
}

const kubeKind = (kind: string): "ConfigMap" | "Secret" => (kind === "secret" ? "Secret" : "ConfigMap");

export const configResource: ResourceType = {
  typeName: "cluster_config",
  schema,
  validate(c) {
    for (const [k] of Object.entries({ ...strMap(c.data), ...strMap(c.sensitive_data) })) {
      if (!/^[-._a-zA-Z0-9]+$/.test(k)) return [errorDiag("Invalid config key", `Key "${k}" must consist of alphanumeric characters, '-', '_' or '.'.`)];
    }
    return [];
  },
  async plan({ prior, proposed, config }) {
    const planned = planByRules(schema, prior, proposed, config, { defaults: { namespace: "default" } });
    const kind = kindOf(planned);
    planned.kind = kind;
    planned.id = kind && typeof planned.name === "string" && typeof planned.namespace === "string" ? `${planned.namespace}/${kind}/${planned.name}` : undefined;
    const requiresReplace = prior !== null && kind !== undefined && prior.kind !== kind ? ["sensitive_data"] : [];
    return { planned, requiresReplace };
  },
  async create(s, planned, token) {
    const o = await s.client.create(build(planned, token));
    return { state: toState(o, planned) };
  },
  async update(s, _prior, planned) {
    const want = build(planned);
    const cur = await s.client.get<ConfigMap | Secret>(want.kind, want.metadata.name, want.metadata.namespace);
    const o = await s.client.update<ConfigMap | Secret>({ ...want, metadata: { ...cur.metadata, labels: want.metadata.labels } });
    return { state: toState(o, planned) };
  },
  async delete(s, prior) {
    await deleteIfPresent(s.client, kubeKind(str(prior.kind)), str(prior.name), str(prior.namespace, "default"));
  },
  async read(s, prior) {
    const o = await getOrNull<ConfigMap | Secret>(s.client, kubeKind(str(prior.kind)), str(prior.name), str(prior.namespace, "default"));
    return o ? toState(o, prior) : null;
  },
  parseImportId(id) {
    const m = /^([^/]+)\/(configmap|secret)\/([^/]+)$/.exec(id);
    return m ? { namespace: m[1]!, kind: m[2]!, name: m[3]!, id } : `Expected "NAMESPACE/configmap/NAME" or "NAMESPACE/secret/NAME", got "${id}".`;
  },
  async findByClientToken(s, token) {
    for (const kind of ["ConfigMap", "Secret"]) {
      const [o] = await findByToken(s.client, kind, token);
      if (o) return toState(o as ConfigMap | Secret, null);
    }
    return null;
  },
};
