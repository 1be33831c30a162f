// cluster_service: a ClusterIP Service selecting pods by label, with its allocated cluster IP and the ready
// endpoints (pod IP:port) the Service controller computed. ID = "namespace/name".
import type { Endpoints, Service, ServicePort } from "../../../cluster/objects/types.js";
import { deleteIfPresent, findByToken, getOrNull, managedMeta, userLabels } from "../cluster-calls.js";
import { planByRules } from "../plan-helpers.js";
import { type PlainObject, emptyLikePrior, num, objList, str, strMap } from "../plain.js";
import type { ClusterSession, ResourceType } from "../resource-type.js";
import { NUMBER, STRING, STRING_LIST, STRING_MAP, computed, defaulted, listBlock, optional, required } from "../schema-kit.js";
import type { Schema } from "../../schema.js";

const schema: Schema = {
  version: 0,
  block: {
    attributes: {
      name: required(STRING, "The service's name.", { forcesReplacement: true }),
      namespace: defaulted(STRING, 'The namespace (default "default").', { forcesReplacement: true }),
      selector: required(STRING_MAP, "Pods with these labels receive the traffic (a workload's pods carry app = NAME)."),
      labels: optional(STRING_MAP, "Labels on the service."),
      id: computed(STRING, "namespace/name."),
      cluster_ip: computed(STRING, "The allocated cluster IP."),
      endpoints: computed(STRING_LIST, "Ready endpoints as IP:port."),
    },
    blocks: {
      port: listBlock(
        {
          attributes: {
            name: optional(STRING, "Port name."),
            port: required(NUMBER, "The service port."),
            target_port: defaulted(NUMBER, "The pods' port (default: port)."),
            protocol: defaulted(STRING, "TCP, UDP or SCTP (default TCP)."),
          },
        },
        { minItems: 1 },
      ),
    },
  },
};

function build(p: PlainObject, token?: string): Service {
  const ports: ServicePort[] = objList(p.port).map((x) => ({
    ...(typeof x.name === "string" ? { name: x.name } : {}),
    port: num(x.port),
    targetPort: num(x.target_port, num(x.port)),
    protocol: str(x.protocol, "TCP") as ServicePort["protocol"],
  }));
  return { apiVersion: "v1", kind: "Service", metadata: managedMeta(str(p.name), str(p.namespace, "default"), strMap(p.labels), token), spec: { type: "ClusterIP", selector: strMap(p.selector), ports } };
}

async function toState(s: ClusterSession, svc: Service, prior: PlainObject | null): Promise<PlainObject> {
  const ns = svc.metadata.namespace ?? "default";
  const ep = await getOrNull<Endpoints>(s.client, "Endpoints", svc.metadata.name, ns);
  const endpoints: string[] = [];
  for (const sub of ep?.subsets ?? []) for (const a of sub.addresses ?? []) for (const p of sub.ports ?? []) endpoints.push(`${a.ip}:${p.port}`);
  endpoints.sort();
  return {
    name: svc.metadata.name,
    namespace: ns,
    selector: { ...(svc.spec.selector ?? {}) },
    labels: emptyLikePrior(userLabels(svc.metadata.labels), prior?.labels),
    port: (svc.spec.ports ?? []).map((p) => ({ name: p.name ?? null, port: p.port, target_port: typeof p.targetPort === "number" ? p.targetPort : p.port, protocol: p.protocol ?? "TCP" })),
    id: `${ns}/${svc.metadata.name}`,
    cluster_ip: svc.spec.clusterIP ?? "",
    endpoints,
  };
}

/** The Service once the service controller allocated its cluster IP (a served core does it in the background). */
async function withClusterIp(s: ClusterSession, svc: Service): Promise<Service> {
  const deadline = Date.now() + 10_000;
  let cur = svc;
  for (;;) {
    await s.settle();
    cur = (await getOrNull<Service>(s.client, "Service", svc.metadata.name, svc.metadata.namespace)) ?? cur;
    if (cur.spec.clusterIP || Date.now() > deadline) return cur;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const serviceResource: ResourceType = {
  typeName: "cluster_service",
  schema,
  validate: () => [],
  async plan({ prior, proposed, config }) {
    const planned = planByRules(schema, prior, proposed, config, { defaults: { namespace: "default" }, volatile: ["endpoints"] });
    planned.port = objList(planned.port).map((p, i) => {
      const c = objList(config.port)[i] ?? {};
      return { ...p, target_port: c.target_port === null && (p.target_port === undefined || p.target_port === null) ? p.port : p.target_port, protocol: c.protocol === null && (p.protocol === undefined || p.protocol === null) ? "TCP" : p.protocol };
    });
    if (typeof planned.name === "string" && typeof planned.namespace === "string") planned.id = `${planned.namespace}/${planned.name}`;
    return { planned };
  },
  async create(s, planned, token) {
    const created = await s.client.create(build(planned, token));
    const svc = await withClusterIp(s, created);
    return { state: await toState(s, svc, planned) };
  },
  async update(s, prior, planned) {
    const cur = await s.client.get<Service>("Service", str(prior.name), str(prior.namespace, "default"));
    const want = build(planned);
    const svc = await s.client.update<Service>({ ...cur, metadata: { ...cur.metadata, labels: want.metadata.labels }, spec: { ...cur.spec, selector: want.spec.selector, ports: want.spec.ports } });
    await s.settle();
    return { state: await toState(s, svc, planned) };
  },
  async delete(s, prior) {
    await deleteIfPresent(s.client, "Service", str(prior.name), str(prior.namespace, "default"));
  },
  async read(s, prior) {
    const svc = await getOrNull<Service>(s.client, "Service", str(prior.name), str(prior.namespace, "default"));
    return svc ? toState(s, svc, prior) : null;
  },
  parseImportId(id) {
    const m = /^([^/]+)\/([^/]+)$/.exec(id);
    return m ? { namespace: m[1]!, name: m[2]!, id } : `Expected "NAMESPACE/NAME", got "${id}".`;
  },
  async findByClientToken(s, token) {
    const [svc] = await findByToken(s.client, "Service", token);
    return svc ? toState(s, svc as Service, null) : null;
  },
};
