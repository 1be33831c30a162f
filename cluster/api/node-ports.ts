// NodePort allocation, as the API server's service registry does it: a NodePort or LoadBalancer service gets a
// free port from the node-port range (30000-32767 by default, `--service-node-port-range`) for each port that
// names none; a named one must be in the range and not held by another service. Ports are held by the stored
// services themselves, so deleting a service, or changing its type to ClusterIP (which drops the node ports it
// had), releases them. On update a port that omits its nodePort keeps the one it had (matched by port name).
import { randomInt } from "node:crypto";
import type { Service, ServicePort } from "../objects/types.js";
import { type FieldError, invalid, duplicate, forbidden } from "../objects/field-errors.js";
import type { SyncStore as Store } from "../store/interface.js";

export interface PortRange {
  base: number;
  size: number;
}

export const DEFAULT_NODE_PORT_RANGE: PortRange = { base: 30000, size: 2768 };

/** `30000-32767` (or a single port) as `--service-node-port-range` takes it; undefined when malformed. */
export function parsePortRange(text: string): PortRange | undefined {
  const m = /^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi > 65535 || hi < lo) return undefined;
  return { base: lo, size: hi - lo + 1 };
}

function needsNodePorts(s: Service | undefined): boolean {
  return s?.spec?.type === "NodePort" || s?.spec?.type === "LoadBalancer";
}

/**
 * Fills and checks `next`'s node ports (mutates it). `current` is the stored service on update. Returns the
 * field errors (422) for ports out of range, already allocated, duplicated, or set on a type without node ports.
 */
export function allocateNodePorts(store: Store, next: Service, current: Service | undefined, range: PortRange = DEFAULT_NODE_PORT_RANGE): FieldError[] {
  const ports: ServicePort[] = next.spec?.ports ?? [];
  if (current && needsNodePorts(current) && !needsNodePorts(next)) {
    // A type change away from NodePort drops the node ports the user did not change (Kubernetes' dropTypeDependentFields).
    const had = new Set((current.spec.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
    for (const p of ports) if (p.nodePort && had.has(p.nodePort)) delete p.nodePort;
  }
  const errs: FieldError[] = [];
  if (!needsNodePorts(next)) {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, `may not be used when \`type\` is '${next.spec?.type ?? "ClusterIP"}'`));
    });
    return errs;
  }
  if (current && needsNodePorts(current)) {
    const byName = new Map((current.spec.ports ?? []).map((p) => [p.name ?? "", p.nodePort]));
    const taken = new Set(ports.map((p) => p.nodePort).filter((n) => !!n));
    for (const p of ports) {
      const had = byName.get(p.name ?? "");
      if (!p.nodePort && had && !taken.has(had)) p.nodePort = had;
    }
  }
  const own = new Set((current?.spec.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
  const inUse = new Set<number>();
  for (const s of store.scan("Service") as Service[]) {
    if (s.metadata.namespace === next.metadata.namespace && s.metadata.name === next.metadata.name) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) inUse.add(p.nodePort);
  }
  const last = range.base + range.size - 1;
  const seen = new Set<number>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const path = `spec.ports[${i}].nodePort`;
    if (seen.has(p.nodePort)) errs.push(duplicate(path, p.nodePort));
    else if (p.nodePort < range.base || p.nodePort > last) {
      // A port the service already had stays valid after the range changes, as an allocated one does.
      if (!own.has(p.nodePort)) errs.push(invalid(path, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${range.base}-${last}`));
    } else if (inUse.has(p.nodePort)) errs.push(invalid(path, p.nodePort, "provided port is already allocated"));
    seen.add(p.nodePort);
  });
  if (errs.length > 0) return errs;
  for (const p of ports) {
    if (p.nodePort) continue;
    const port = freePort(range, (n) => inUse.has(n) || seen.has(n));
    if (port === undefined) {
      errs.push(invalid(`spec.ports[${ports.indexOf(p)}].nodePort`, 0, `range is full`));
      continue;
    }
    p.nodePort = port;
    seen.add(port);
  }
  return errs;
}

/** A random free port of the range (Kubernetes allocates randomly), scanning on from a random start. */
function freePort(range: PortRange, used: (n: number) => boolean): number | undefined {
  const start = randomInt(range.size);
  for (let i = 0; i < range.size; i++) {
    const n = range.base + ((start + i) % range.size);
    if (!used(n)) return n;
  }
  return undefined;
}
