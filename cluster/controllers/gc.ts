// Garbage collection: objects whose controlling owner no longer exists are deleted (background cascading).
// Candidates are queued by the informer: dependents of a deleted owner, and every new owned object.
import type { WriteOp } from "../store/store.js";
import { type Controller, type ControllerContext, deleteOp } from "./context.js";

export class GarbageCollector implements Controller {
  readonly name = "garbage-collector";
  readonly queue = "gc";

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const k of keys) {
      const bar = k.indexOf("|");
      const kind = k.slice(0, bar);
      const rest = k.slice(bar + 1);
      const slash = rest.indexOf("/");
      const o = ctx.store.peek(kind, rest.slice(0, slash), rest.slice(slash + 1));
      const ref = o?.metadata.ownerReferences?.find((r) => r.controller);
      if (!o || !ref) continue;
      const owner = ctx.store.peek(ref.kind, o.metadata.namespace, ref.name);
      if (!owner || owner.metadata.uid !== ref.uid) ops.push(deleteOp(o));
    }
    return ops;
  }
}
