// The objects a set of versions references (roots, outputs, buckets, instances), for pruning's garbage
// collection and the audit's digest check. Each object is visited once however many versions share it.

import type { ObjectStore } from "./object-store.js";
import type { HistoryRecord } from "./record.js";
import { loadBucket, loadRoot } from "./snapshot.js";

export interface ObjectVisit {
  readonly addr: string;
  readonly store: ObjectStore;
  /** The first version (by order given) that references the object. */
  readonly record: HistoryRecord;
  /** For instance objects: the resource instance address; for others: "root", "outputs" or "bucket". */
  readonly what: string;
}

/**
 * Calls `visit` for every object reachable from the versions, once each. Roots and buckets are opened (and
 * therefore verified) on the way; instance objects are passed to `visit` unopened so the caller decides.
 * Returns false from `visit` to skip the object's children (when it could not be opened).
 */
export function walkReachable(
  versions: readonly HistoryRecord[],
  storeFor: (r: HistoryRecord) => ObjectStore | undefined,
  visit: (v: ObjectVisit) => void,
  onError: (v: ObjectVisit, err: unknown) => void,
): void {
  const seen = new Set<string>();
  for (const record of versions) {
    const store = storeFor(record);
    if (!store || !record.snapshot) continue;
    const rootVisit = { addr: record.snapshot, store, record, what: "root" };
    if (seen.has(rootVisit.addr)) continue;
    seen.add(rootVisit.addr);
    visit(rootVisit);
    let root;
    try {
      root = loadRoot(store, record.snapshot);
    } catch (err) {
      onError(rootVisit, err);
      continue;
    }
    if (!seen.has(root.outputs)) {
      seen.add(root.outputs);
      visit({ addr: root.outputs, store, record, what: "outputs" });
    }
    for (const bucketAddr of Object.values(root.buckets)) {
      if (seen.has(bucketAddr)) continue;
      seen.add(bucketAddr);
      const bucketVisit = { addr: bucketAddr, store, record, what: "bucket" };
      visit(bucketVisit);
      let entries;
      try {
        entries = loadBucket(store, bucketAddr);
      } catch (err) {
        onError(bucketVisit, err);
        continue;
      }
      for (const e of entries) {
        for (const [ik, a] of e.instances) {
          if (seen.has(a)) continue;
          seen.add(a);
          visit({ addr: a, store, record, what: JSON.stringify([e.resource, ik]) });
        }
      }
    }
  }
}
