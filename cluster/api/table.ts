// Server-side Table output (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), with Kubernetes' printer
// columns for every served kind (priority 1 columns are kubectl's `-o wide`), so `kubectl get` shows what it
// shows against a real API server. Each row carries the object's metadata (PartialObjectMetadata).
import type { KubeObject } from "../objects/meta.js";
import type { Condition } from "../objects/meta.js";
import type { ObjectList } from "./registry.js";

interface Column {
  name: string;
  type: "string" | "integer" | "date";
  format?: string;
  description: string;
  priority?: 1;
}

type Cell = string | number;
interface Printer {
  columns: Column[];
  cells(o: KubeObject, now: number): Cell[];
}

const col = (name: string, description: string, type: Column["type"] = "string", wide = false, format?: string): Column => ({ name, type, description, ...(format ? { format } : {}), ...(wide ? { priority: 1 } : {}) });
const NAME = col("Name", "Name must be unique within a namespace.", "string", false, "name");
const AGE = col("Age", "CreationTimestamp is a timestamp representing the server time when this object was created.");

type Any = Record<string, unknown>;
const rec = (v: unknown): Any => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Any) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown, none = "<none>"): string => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : none);
const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const spec = (o: KubeObject): Any => rec(o.spec);
const status = (o: KubeObject): Any => rec(o.status);
const age = (o: KubeObject, now: number): string => (o.metadata.creationTimestamp ? humanDuration(now - Date.parse(o.metadata.creationTimestamp)) : "<unknown>");

/** Kubernetes' duration.HumanDuration, the AGE column's format. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function podTemplateSpec(o: KubeObject): Any {
  return rec(rec(spec(o).template).spec);
}
const containerNames = (ps: Any) => list(ps.containers).map((c) => text(rec(c).name, "")).join(",") || "<none>";
const images = (ps: Any) => list(ps.containers).map((c) => text(rec(c).image, "")).join(",") || "<none>";
function selectorText(sel: unknown): string {
  const s = rec(sel);
  const parts = Object.entries(rec(s.matchLabels ?? (s.matchExpressions === undefined ? s : {}))).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of list(s.matchExpressions)) {
    const r = rec(e);
    const vals = list(r.values).map(String).join(",");
    if (r.operator === "In") parts.push(`${String(r.key)} in (${vals})`);
    else if (r.operator === "NotIn") parts.push(`${String(r.key)} notin (${vals})`);
    else if (r.operator === "Exists") parts.push(String(r.key));
    else if (r.operator === "DoesNotExist") parts.push(`!${String(r.key)}`);
  }
  return parts.join(",") || "<none>";
}
const accessModes = (modes: unknown) =>
  list(modes).map((m) => ({ ReadWriteOnce: "RWO", ReadOnlyMany: "ROX", ReadWriteMany: "RWX", ReadWriteOncePod: "RWOP" })[String(m)] ?? String(m)).join(",") || "";
const condition = (o: KubeObject, type: string): Condition | undefined => list(status(o).conditions).map((c) => c as Condition).find((c) => c.type === type);

function podStatus(o: KubeObject): { ready: string; status: string; restarts: number } {
  const st = status(o);
  const containers = list(spec(o).containers);
  const statuses = list(st.containerStatuses).map(rec);
  let reason = text(st.reason, "") || text(st.phase, "Pending");
  let ready = 0;
  let restarts = 0;
  for (const cs of statuses) {
    restarts += num(cs.restartCount);
    const state = rec(cs.state);
    const waiting = rec(state.waiting);
    const terminated = rec(state.terminated);
    if (typeof waiting.reason === "string" && waiting.reason !== "") reason = waiting.reason;
    else if (typeof terminated.reason === "string" && terminated.reason !== "") reason = terminated.reason;
    if (cs.ready === true) ready++;
  }
  if (statuses.length === 0 && condition(o, "Ready")?.status === "True") ready = containers.length;
  if (o.metadata.deletionTimestamp) reason = "Terminating";
  return { ready: `${ready}/${containers.length}`, status: reason, restarts };
}

function servicePorts(o: KubeObject): string {
  return (
    list(spec(o).ports)
      .map((p) => {
        const r = rec(p);
        return `${num(r.port)}${r.nodePort ? `:${num(r.nodePort)}` : ""}/${text(r.protocol, "TCP")}`;
      })
      .join(",") || "<none>"
  );
}

function endpointsText(o: KubeObject): string {
  const out: string[] = [];
  for (const s of list((o as unknown as Any).subsets)) {
    const ports = list(rec(s).ports).map((p) => num(rec(p).port));
    for (const a of list(rec(s).addresses)) {
      const ip = text(rec(a).ip, "");
      if (ports.length === 0) out.push(ip);
      for (const p of ports) out.push(`${ip}:${p}`);
    }
  }
  if (out.length === 0) return "<none>";
  return out.length > 3 ? `${out.slice(0, 3).join(",")} + ${out.length - 3} more...` : out.join(",");
}

function nodeStatus(o: KubeObject): string {
  const ready = condition(o, "Ready");
  const s = ready?.status === "True" ? "Ready" : ready?.status === "False" ? "NotReady" : "Unknown";
  return spec(o).unschedulable === true ? `${s},SchedulingDisabled` : s;
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {}).filter((k) => k.startsWith("node-role.kubernetes.io/")).map((k) => k.slice("node-role.kubernetes.io/".length));
  return roles.sort().join(",") || "<none>";
}

const nodeAddress = (o: KubeObject, type: string) => text(list(status(o).addresses).map(rec).find((a) => a.type === type)?.address);

const PRINTERS: Record<string, Printer> = {
  Pod: {
    columns: [NAME, col("Ready", "The aggregate readiness state of this pod for accepting traffic."), col("Status", "The aggregate status of the containers in this pod."), col("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", "string"), AGE,
      col("IP", "The IP address of the pod", "string", true), col("Node", "The name of the node this pod is scheduled on", "string", true), col("Nominated Node", "The name of the node where this pod was nominated", "string", true), col("Readiness Gates", "The readiness gates of the pod", "string", true)],
    cells: (o, now) => {
      const p = podStatus(o);
      return [o.metadata.name, p.ready, p.status, String(p.restarts), age(o, now), text(status(o).podIP), text(spec(o).nodeName), text(status(o).nominatedNodeName), "<none>"];
    },
  },
  Node: {
    columns: [NAME, col("Status", "The status of the node"), col("Roles", "The roles of the node"), AGE, col("Version", "Kubelet Version reported by the node."),
      col("Internal-IP", "The internal IP of the node", "string", true), col("External-IP", "The external IP of the node", "string", true), col("OS-Image", "OS image reported by the node", "string", true), col("Kernel-Version", "Kernel version reported by the node", "string", true), col("Container-Runtime", "Container runtime and version reported by the node", "string", true)],
    cells: (o, now) => {
      const info = rec(status(o).nodeInfo);
      return [o.metadata.name, nodeStatus(o), nodeRoles(o), age(o, now), text(info.kubeletVersion, ""), nodeAddress(o, "InternalIP"), nodeAddress(o, "ExternalIP"), text(info.osImage, "<unknown>"), text(info.kernelVersion, "<unknown>"), text(info.containerRuntimeVersion, "<unknown>")];
    },
  },
  Namespace: {
    columns: [NAME, col("Status", "The status of the namespace"), AGE],
    cells: (o, now) => [o.metadata.name, text(status(o).phase, "Active"), age(o, now)],
  },
  PersistentVolume: {
    columns: [NAME, col("Capacity", "The capacity of the volume"), col("Access Modes", "The access modes of the volume"), col("Reclaim Policy", "What happens to the volume when released"), col("Status", "The phase of the volume"), col("Claim", "The claim bound to the volume"), col("StorageClass", "The storage class of the volume"), col("VolumeAttributesClass", "The volume attributes class"), col("Reason", "Why the volume is in this phase"), AGE, col("VolumeMode", "The volume mode", "string", true)],
    cells: (o, now) => {
      const s = spec(o);
      const claim = rec(s.claimRef);
      return [o.metadata.name, text(rec(s.capacity).storage, ""), accessModes(s.accessModes), text(s.persistentVolumeReclaimPolicy, "Retain"), text(status(o).phase, "Pending"), claim.name ? `${text(claim.namespace, "")}/${text(claim.name, "")}` : "", text(s.storageClassName, ""), "<unset>", text(status(o).reason, ""), age(o, now), text(s.volumeMode, "Filesystem")];
    },
  },
  PersistentVolumeClaim: {
    columns: [NAME, col("Status", "The phase of the claim"), col("Volume", "The volume bound to the claim"), col("Capacity", "The capacity of the bound volume"), col("Access Modes", "The access modes of the bound volume"), col("StorageClass", "The storage class of the claim"), col("VolumeAttributesClass", "The volume attributes class"), AGE, col("VolumeMode", "The volume mode", "string", true)],
    cells: (o, now) => {
      const s = spec(o);
      const st = status(o);
      return [o.metadata.name, text(st.phase, "Pending"), text(s.volumeName, ""), text(rec(st.capacity).storage, ""), accessModes(st.accessModes), text(s.storageClassName, ""), "<unset>", age(o, now), text(s.volumeMode, "Filesystem")];
    },
  },
  ConfigMap: {
    columns: [NAME, col("Data", "The number of entries in the ConfigMap", "integer"), AGE],
    cells: (o, now) => {
      const a = o as unknown as Any;
      return [o.metadata.name, Object.keys(rec(a.data)).length + Object.keys(rec(a.binaryData)).length, age(o, now)];
    },
  },
  Secret: {
    columns: [NAME, col("Type", "The type of the secret"), col("Data", "The number of entries in the secret", "integer"), AGE],
    cells: (o, now) => {
      const a = o as unknown as Any;
      return [o.metadata.name, text(a.type, "Opaque"), Object.keys(rec(a.data)).length, age(o, now)];
    },
  },
  Service: {
    columns: [NAME, col("Type", "The type of the service"), col("Cluster-IP", "The cluster IP of the service"), col("External-IP", "The external IPs of the service"), col("Port(s)", "The ports of the service"), AGE, col("Selector", "The label selector of the service", "string", true)],
    cells: (o, now) => {
      const s = spec(o);
      const sel = Object.entries(rec(s.selector)).map(([k, v]) => `${k}=${String(v)}`).join(",") || "<none>";
      return [o.metadata.name, text(s.type, "ClusterIP"), text(s.clusterIP), text(s.externalName), servicePorts(o), age(o, now), sel];
    },
  },
  Endpoints: {
    columns: [NAME, col("Endpoints", "The endpoints of the service"), AGE],
    cells: (o, now) => [o.metadata.name, endpointsText(o), age(o, now)],
  },
  Deployment: {
    columns: [NAME, col("Ready", "Number of the pod with ready state"), col("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", "integer"), col("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", "integer"), AGE,
      col("Containers", "Names of each container in the template.", "string", true), col("Images", "Images referenced by each container in the template.", "string", true), col("Selector", "Label selector for pods.", "string", true)],
    cells: (o, now) => {
      const st = status(o);
      const want = typeof spec(o).replicas === "number" ? num(spec(o).replicas) : 1;
      return [o.metadata.name, `${num(st.readyReplicas)}/${want}`, num(st.updatedReplicas), num(st.availableReplicas), age(o, now), containerNames(podTemplateSpec(o)), images(podTemplateSpec(o)), selectorText(spec(o).selector)];
    },
  },
  StatefulSet: {
    columns: [NAME, col("Ready", "Number of the pod with ready state"), AGE, col("Containers", "Names of each container in the template.", "string", true), col("Images", "Images referenced by each container in the template.", "string", true)],
    cells: (o, now) => {
      const want = typeof spec(o).replicas === "number" ? num(spec(o).replicas) : 1;
      return [o.metadata.name, `${num(status(o).readyReplicas)}/${want}`, age(o, now), containerNames(podTemplateSpec(o)), images(podTemplateSpec(o))];
    },
  },
  DaemonSet: {
    columns: [NAME, col("Desired", "The desired number of pods", "integer"), col("Current", "The current number of pods", "integer"), col("Ready", "The number of ready pods", "integer"), col("Up-to-date", "The number of up-to-date pods", "integer"), col("Available", "The number of available pods", "integer"), col("Node Selector", "The node selector of the pod template"), AGE,
      col("Containers", "Names of each container in the template.", "string", true), col("Images", "Images referenced by each container in the template.", "string", true), col("Selector", "Label selector for pods.", "string", true)],
    cells: (o, now) => {
      const st = status(o);
      const ns = Object.entries(rec(podTemplateSpec(o).nodeSelector)).map(([k, v]) => `${k}=${String(v)}`).join(",") || "<none>";
      return [o.metadata.name, num(st.desiredNumberScheduled), num(st.currentNumberScheduled), num(st.numberReady), num(st.updatedNumberScheduled), num(st.numberAvailable), ns, age(o, now), containerNames(podTemplateSpec(o)), images(podTemplateSpec(o)), selectorText(spec(o).selector)];
    },
  },
};

function eventObject(o: KubeObject): string {
  const io = rec((o as unknown as Any).involvedObject);
  return `${text(io.kind, "").toLowerCase()}/${text(io.name, "")}`;
}
function eventLastSeen(o: KubeObject, now: number): string {
  const a = o as unknown as Any;
  const t = text(a.lastTimestamp, "") || text(a.eventTime, "") || o.metadata.creationTimestamp || "";
  return t ? humanDuration(now - Date.parse(t)) : "<unknown>";
}
PRINTERS.Event = {
  columns: [col("Last Seen", "The time the event was last seen"), col("Type", "The type of the event"), col("Reason", "The reason of the event"), col("Object", "The object this event is about"),
    col("Subobject", "The subobject this event is about", "string", true), col("Source", "The source of the event", "string", true), col("Message", "A human-readable description of the event"),
    col("First Seen", "The time the event was first seen", "string", true), col("Count", "The number of times this event has occurred", "integer", true), col("Name", "The name of the event", "string", true, "name")],
  cells: (o, now) => {
    const a = o as unknown as Any;
    const src = rec(a.source);
    const first = text(a.firstTimestamp, "") || o.metadata.creationTimestamp || "";
    return [eventLastSeen(o, now), text(a.type, "Normal"), text(a.reason, ""), eventObject(o), text(rec(a.involvedObject).fieldPath, ""), [text(src.component, ""), text(src.host, "")].filter((x) => x).join(", "), text(a.message, ""), first ? humanDuration(now - Date.parse(first)) : "<unknown>", num(a.count) || 1, o.metadata.name];
  },
};

PRINTERS.PodDisruptionBudget = {
  columns: [NAME, col("Min Available", "The minimum number of pods that must be available"), col("Max Unavailable", "The maximum number of pods that may be unavailable"), col("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time", "integer"), AGE],
  cells: (o, now) => {
    const s = spec(o);
    const v = (x: unknown) => (typeof x === "number" || typeof x === "string" ? String(x) : "N/A");
    return [o.metadata.name, v(s.minAvailable), v(s.maxUnavailable), num(status(o).disruptionsAllowed), age(o, now)];
  },
};

PRINTERS.ResourceQuota = {
  columns: [NAME, AGE, col("Request", "Request represents a minimum amount of cpu/memory that a container may consume."), col("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.")],
  cells: (o, now) => {
    const hard = rec(status(o).hard);
    const used = rec(status(o).used);
    const request: string[] = [];
    const limit: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const parts = r.split(".");
      (parts.length > 1 && parts[0] === "limits" ? limit : request).push(`${r}: ${text(used[r], "0")}/${text(hard[r], "0")}`);
    }
    return [o.metadata.name, age(o, now), request.join(", "), limit.join(", ")];
  },
};

PRINTERS.LimitRange = {
  columns: [NAME, col("Created At", "CreationTimestamp is a timestamp representing the server time when this object was created.", "date")],
  cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? "<unknown>"],
};

/** Registers the printer of a kind served beside the built-in ones (Events, PodDisruptionBudgets...). */
export function registerPrinter(kind: string, printer: Printer): void {
  PRINTERS[kind] = printer;
}
export type { Printer, Column, Cell };
export const columnOf = col;
export const printerHelpers = { NAME, AGE, age, text, rec, list, num, selectorText };

/** Kind-independent fallback: NAME and AGE, as the API server prints a kind without printer columns. */
const DEFAULT_PRINTER: Printer = { columns: [NAME, AGE], cells: (o, now) => [o.metadata.name, age(o, now)] };

/** Whether an Accept header asks for a Table (kubectl get sends as=Table;g=meta.k8s.io first). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(",")[0]!;
  return /;\s*as=Table/.test(first) && /;\s*g=meta\.k8s\.io/.test(first);
}

function partialMetadata(o: KubeObject): object {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}

/** The Table of a list (or of one object), with the metadata kubectl uses for namespaces and labels. */
export function toTable(kind: string, objects: readonly KubeObject[], listMeta: ObjectList["metadata"] | undefined, includeObject: string | null, now = Date.now()): object {
  const printer = PRINTERS[kind] ?? DEFAULT_PRINTER;
  const rows = objects.map((o) => ({
    cells: printer.cells(o, now),
    ...(includeObject === "None" ? {} : { object: includeObject === "Object" ? o : partialMetadata(o) }),
  }));
  return { kind: "Table", apiVersion: "meta.k8s.io/v1", metadata: listMeta ?? {}, columnDefinitions: printer.columns, rows };
}
