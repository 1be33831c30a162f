// The event recorder of the controllers and the scheduler: one Event per (object, reason, message), counted
// up on repeats as client-go's event correlator aggregates them. Returned as a write for the caller's batch,
// so an event is committed exactly when the change it reports is. Events carry no resourceVersion
// precondition: a concurrent count bump must never make the controller's real work fail.
import { createHash } from "node:crypto";
import type { KubeObject } from "../objects/meta.js";
import type { Event } from "../objects/event.js";
import { defaultMetadata, nowTimestamp } from "../objects/defaults.js";
import type { Store, WriteOp } from "../store/store.js";

export type EventType = "Normal" | "Warning";

/** The write that records (or counts up) an event about `about`, reported by `component`. */
export function recordEvent(store: Store, about: KubeObject, type: EventType, reason: string, message: string, component: string): WriteOp {
  const namespace = about.metadata.namespace || "default";
  const digest = createHash("sha256").update(`${about.kind}\0${about.metadata.uid ?? about.metadata.name}\0${type}\0${reason}\0${message}`).digest("hex").slice(0, 16);
  const name = `${about.metadata.name}.${digest}`;
  const now = nowTimestamp();
  const seen = store.peek("Event", namespace, name) as Event | undefined;
  if (seen) {
    const next: Event = { ...seen, metadata: { ...seen.metadata }, count: (seen.count ?? 1) + 1, lastTimestamp: now };
    delete next.metadata.resourceVersion;
    return { op: "update", object: next };
  }
  const event: Event = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace },
    involvedObject: { apiVersion: about.apiVersion, kind: about.kind, namespace: about.metadata.namespace, name: about.metadata.name, uid: about.metadata.uid, resourceVersion: about.metadata.resourceVersion },
    reason,
    message,
    source: { component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    reportingComponent: component,
    reportingInstance: "",
  };
  defaultMetadata(event);
  return { op: "create", object: event };
}
