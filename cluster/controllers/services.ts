// Service controller: allocates cluster IPs from 10.96.0.0/16 and keeps an Endpoints object per Service with
// the addresses of the selected pods (ready ones in addresses, the rest in notReadyAddresses).
import type { Endpoints, EndpointAddress, Pod, Service, ServicePort } from "../objects/types.js";
import { defaultMetadata } from "../objects/defaults.js";
import type { WriteOp } from "../store/store.js";
import { type Controller, type ControllerContext, resolveKeys, isPodReady, isPodActive, ownerRef, sameJson } from "./context.js";

export class ServiceController implements Controller {
  readonly name = "service";
  readonly queue = "service";
  private used: Set<string> | undefined;
  private next = 10; // 10.96.0.1 is Kubernetes' own `kubernetes` service; start a little above it

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    const used = (this.used ??= new Set((ctx.store.scan("Service") as Service[]).map((s) => s.spec.clusterIP).filter((ip): ip is string => !!ip && ip !== "None")));
    const targets = resolveKeys(ctx.store, "Service", keys) as Service[];
    let next = this.next;
    for (const s of targets) {
      let svc = s;
      if (!s.spec.clusterIP && s.spec.type !== "ExternalName") {
        let ip = "";
        while (next < 65_534) {
          const cand = `10.96.${next >> 8}.${next & 255}`;
          next++;
          if (!used.has(cand) && (next - 1) % 256 !== 0) {
            ip = cand;
            break;
          }
        }
        used.add(ip);
        svc = { ...s, metadata: { ...s.metadata }, spec: { ...s.spec, clusterIP: ip, clusterIPs: [ip] } };
        ops.push({ op: "update", object: svc });
      }
      this.next = next;
      if (!s.spec.selector) continue;
      const ns = s.metadata.namespace ?? "default";
      // As Kubernetes' endpoints controller: each pod's ports are resolved on its own (a named targetPort is
      // looked up among its containers' ports; a pod without it is left out of that port), and addresses with the
      // same resolved ports share a subset.
      const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
      for (const o of ctx.store.scan("Pod", ns)) {
        const p = o as Pod;
        if (!isPodActive(p) || !p.status?.podIP) continue;
        const labels = p.metadata.labels ?? {};
        if (!Object.entries(s.spec.selector).every(([k, v]) => labels[k] === v)) continue;
        const ports = resolvePorts(s.spec.ports ?? [], p);
        if (ports.length === 0 && (s.spec.ports ?? []).length > 0) continue;
        const key = JSON.stringify(ports);
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
        const addr: EndpointAddress = { ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: { kind: "Pod", namespace: ns, name: p.metadata.name, uid: p.metadata.uid } };
        (isPodReady(p) ? g.ready : g.notReady).push(addr);
      }
      const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : 1);
      const subsets = [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, g]) => ({
          ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
          ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
          ports: g.ports,
        }));
      const cur = ctx.store.peek("Endpoints", ns, s.metadata.name) as Endpoints | undefined;
      if (cur && sameJson(cur.subsets ?? [], subsets)) continue;
      if (cur) ops.push({ op: "update", object: { ...cur, metadata: { ...cur.metadata }, subsets } as Endpoints });
      else {
        const ep: Endpoints = { apiVersion: "v1", kind: "Endpoints", metadata: { name: s.metadata.name, namespace: ns, labels: s.metadata.labels, ownerReferences: [ownerRef(s)] }, subsets };
        if (!ep.metadata.labels) delete ep.metadata.labels;
        defaultMetadata(ep);
        ops.push({ op: "create", object: ep });
      }
    }
    return ops;
  }
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

/** Kubernetes' FindPort: a named targetPort is the pod's container port of that name and protocol. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === "number") return target;
  const protocol = sp.protocol ?? "TCP";
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

function resolvePorts(ports: readonly ServicePort[], pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port !== undefined) out.push({ name: sp.name, port, protocol: sp.protocol ?? "TCP" });
  }
  return out;
}
