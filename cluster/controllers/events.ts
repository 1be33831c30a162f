// The event recorder of the controllers and the scheduler: one Event per (object, reason, message), counted
// up on repeats as client-go's event correlator aggregates them. Returned as writes for the caller's batch,
// so an event is committed exactly when the change it reports is. An event never makes the real work fail:
// no resourceVersion precondition, and a second occurrence while the first write is still uncommitted (same
// store revision: the same pass) is folded into that write instead of becoming a second create of one key.
import { createHash } from "node:crypto";
import type { KubeObject } from "../objects/meta.js";
import type { Event } from "../objects/event.js";
import { defaultMetadata, nowTimestamp } from "../objects/defaults.js";
import type { SyncStore as Store } from "../store/interface.js";
import type { WriteOp } from "../store/store.js";

export type EventType = "Normal" | "Warning";

/**
 * client-go's EventAggregator: after this many distinct messages for one (object, type, reason), further ones
 * fold into a single event "(combined from similar events): ..." (a Deployment scaled to 1,000 replicas
 * writes 10 SuccessfulCreate events and one combined one, not 1,000).
 */
const MAX_DISTINCT_MESSAGES = 10;
const AGGREGATE_PREFIX = "(combined from similar events): ";
/** Distinct messages seen per (object, type, reason); bounded (cleared when full), as client-go's LRU is. */
const seenMessages = new Map<string, Set<string>>();
const MAX_TRACKED = 4096;

function aggregate(key: string, message: string): boolean {
  let seen = seenMessages.get(key);
  if (!seen) {
    if (seenMessages.size >= MAX_TRACKED) seenMessages.clear();
    seen = new Set();
    seenMessages.set(key, seen);
  }
  if (seen.has(message) || seen.size < MAX_DISTINCT_MESSAGES) {
    seen.add(message);
    return false;
  }
  return true;
}

/** Events written in the current pass, not yet committed: name -> (store revision when written, the event). */
const uncommitted = new Map<string, { revision: number; event: Event }>();

/** The writes that record (or count up) an event about `about`, reported by `component` (none when folded). */
export function recordEvent(store: Store, about: KubeObject, type: EventType, reason: string, message: string, component: string): WriteOp[] {
  const namespace = about.metadata.namespace || "default";
  const group = `${about.kind}\0${about.metadata.uid ?? about.metadata.name}\0${type}\0${reason}`;
  const combined = aggregate(group, message);
  const digest = createHash("sha256").update(combined ? `${group}\0combined` : `${group}\0${message}`).digest("hex").slice(0, 16);
  if (combined) message = AGGREGATE_PREFIX + message;
  const name = `${about.metadata.name}.${digest}`;
  const now = nowTimestamp();
  const revision = store.revision();
  const inFlight = uncommitted.get(name);
  if (inFlight && inFlight.revision === revision) {
    // Still in a batch being built (or one that was abandoned: then this occurrence is lost, as an event may be).
    inFlight.event.count = (inFlight.event.count ?? 1) + 1;
    inFlight.event.message = message;
    inFlight.event.lastTimestamp = now;
    return [];
  }
  if (uncommitted.size >= MAX_TRACKED) uncommitted.clear();
  const seen = store.peek("Event", namespace, name) as Event | undefined;
  if (seen) {
    const next: Event = { ...seen, metadata: { ...seen.metadata }, message, count: (seen.count ?? 1) + 1, lastTimestamp: now };
    delete next.metadata.resourceVersion;
    uncommitted.set(name, { revision, event: next });
    return [{ op: "update", object: next }];
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
  uncommitted.set(name, { revision, event });
  return [{ op: "create", object: event }];
}
