// Which reads must be current, as in Kubernetes: a get or list without a resourceVersion is a consistent read
// (kube-apiserver reads through etcd's quorum, so during a quorum loss it fails); resourceVersion=0 (or any
// other) accepts what this server holds, which may be behind — said in a Warning header when this server's
// copy has lost its etcd watch. Over SQLite the copy is the database's own and always current.
import type { SyncStore } from "../store/interface.js";
import { StoreUnavailable } from "../store/errors.js";
import { StagingStore } from "./staged-writes.js";
import { Errors } from "./status.js";

export const STALE_WARNING =
  "the cluster store (etcd) cannot be reached from this API server: this answer comes from its copy and may be stale";

/**
 * Resolves with the warnings for the answer, or rejects with 503 when a consistent read cannot be served.
 * `resourceVersion`: the request's parameter (null when absent).
 */
export async function readConsistency(store: SyncStore, resourceVersion: string | null): Promise<string[]> {
  if (!(store instanceof StagingStore)) return [];
  if (resourceVersion === null || resourceVersion === "") {
    try {
      await store.remote.confirmCurrent();
    } catch (e) {
      if (e instanceof StoreUnavailable) throw Errors.unavailable(e.message);
      throw e;
    }
    return [];
  }
  return store.remote.isCurrent() ? [] : [STALE_WARNING];
}
