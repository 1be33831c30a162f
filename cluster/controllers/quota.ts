// The resource quota controller: keeps each ResourceQuota's status (hard from the spec, used counted from the
// namespace's objects) current after every change in its namespace, deletions included. Admission refuses from
// the stored objects themselves, so this status is what `kubectl describe quota` shows, never what decides.
import type { ResourceQuota } from "../objects/policy.js";
import type { WriteOp } from "../store/store.js";
import { quotaStatus } from "../api/resource-quota.js";
import { type Controller, type ControllerContext, sameJson, statusUpdate } from "./context.js";

export class ResourceQuotaController implements Controller {
  readonly name = "resourcequota";
  readonly queue = "quota";

  sync(ctx: ControllerContext, namespaces: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const ns of namespaces) {
      for (const q of ctx.store.scan("ResourceQuota", ns) as ResourceQuota[]) {
        const status = quotaStatus(ctx.store, q);
        if (!sameJson(status, q.status)) ops.push(statusUpdate(q, status));
      }
    }
    return ops;
  }
}
