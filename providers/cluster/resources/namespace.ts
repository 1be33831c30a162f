// cluster_namespace: a Namespace. ID = name.
import type { Namespace } from "../../../cluster/objects/types.js";
import { findByToken, getOrNull, managedMeta, userLabels, deleteIfPresent } from "../cluster-calls.js";
import { planByRules } from "../plan-helpers.js";
import { type PlainObject, emptyLikePrior, str, strMap } from "../plain.js";
import type { ResourceType } from "../resource-type.js";
import { STRING, STRING_MAP, computed, optional, required } from "../schema-kit.js";
import type { Schema } from "../../schema.js";

const schema: Schema = {
  version: 0,
  block: {
    attributes: {
      name: required(STRING, "The namespace's name.", { forcesReplacement: true }),
      labels: optional(STRING_MAP, "Labels on the namespace."),
      id: computed(STRING, "The namespace's name."),
      phase: computed(STRING, "Active or Terminating."),
    },
  },
};

function build(p: PlainObject, token?: string): Namespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: managedMeta(str(p.name), undefined, strMap(p.labels), token) };
}

function toState(ns: Namespace, prior: PlainObject | null): PlainObject {
  return {
    name: ns.metadata.name,
    labels: emptyLikePrior(userLabels(ns.metadata.labels, ["kubernetes.io/metadata.name"]), prior?.labels),
    id: ns.metadata.name,
    phase: ns.status?.phase ?? "Active",
  };
}

export const namespaceResource: ResourceType = {
  typeName: "cluster_namespace",
  schema,
  validate: () => [],
  async plan({ prior, proposed, config }) {
    const planned = planByRules(schema, prior, proposed, config, {});
    if (typeof planned.name === "string") planned.id = planned.name;
    if (prior === null) planned.phase = "Active";
    return { planned };
  },
  async create(s, planned, token) {
    const ns = await s.client.create(build(planned, token));
    return { state: toState(ns, planned) };
  },
  async update(s, prior, planned) {
    const cur = await s.client.get<Namespace>("Namespace", str(prior.name));
    const next = build(planned);
    const ns = await s.client.update<Namespace>({ ...cur, metadata: { ...cur.metadata, labels: next.metadata.labels } });
    return { state: toState(ns, planned) };
  },
  async delete(s, prior) {
    await deleteIfPresent(s.client, "Namespace", str(prior.name));
  },
  async read(s, prior) {
    const ns = await getOrNull<Namespace>(s.client, "Namespace", str(prior.name, str(prior.id)));
    return ns ? toState(ns, prior) : null;
  },
  parseImportId: (id) => (id.length > 0 && !id.includes("/") ? { name: id, id } : `Expected a namespace name, got "${id}".`),
  async findByClientToken(s, token) {
    const [ns] = await findByToken(s.client, "Namespace", token);
    return ns ? toState(ns as Namespace, null) : null;
  },
};
