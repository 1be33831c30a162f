// What both stores share: how a watch filter sees an event, the sort order of lists, and the store's errors.
import type { KubeObject } from "../objects/meta.js";
import { matches } from "../objects/labels.js";
import type { WatchEvent, WatchFilter } from "./interface.js";
import { StoreError } from "./errors.js";

/**
 * A live event as a selector watch sees it (as Kubernetes does): an object whose labels start matching is
 * ADDED, one that stops matching is DELETED, one that never matched is not shown.
 */
export function translate(f: WatchFilter, ev: WatchEvent): WatchEvent | undefined {
  if (!f.selector || ev.type !== "MODIFIED" || !ev.previous) return accepts(f, ev) ? ev : undefined;
  if (f.kind !== undefined && ev.object.kind !== f.kind) return undefined;
  if (f.namespace !== undefined && (ev.object.metadata.namespace ?? "") !== f.namespace) return undefined;
  const now = matches(f.selector, ev.object.metadata.labels);
  const was = matches(f.selector, ev.previous.metadata.labels);
  if (now && was) return ev;
  if (now) return { ...ev, type: "ADDED" };
  if (was) return { ...ev, type: "DELETED" };
  return undefined;
}

export function accepts(f: WatchFilter, ev: WatchEvent): boolean {
  if (f.kind !== undefined && ev.object.kind !== f.kind) return false;
  if (f.namespace !== undefined && (ev.object.metadata.namespace ?? "") !== f.namespace) return false;
  if (f.selector && !matches(f.selector, ev.object.metadata.labels)) return false;
  return true;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function notFound(kind: string, name: string): StoreError {
  return new StoreError("NotFound", `${kind} "${name}" not found`, kind, name);
}

export function alreadyExists(kind: string, name: string): StoreError {
  return new StoreError("AlreadyExists", `${kind} "${name}" already exists`, kind, name);
}

export function conflict(kind: string, name: string): StoreError {
  return new StoreError(
    "Conflict",
    `Operation cannot be fulfilled on ${kind} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    kind,
    name,
  );
}


/** Orders objects as lists are returned: by namespace, then name. */
export function compareObjects(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? "";
  const bn = b.metadata.namespace ?? "";
  return an === bn ? cmp(a.metadata.name, b.metadata.name) : cmp(an, bn);
}
