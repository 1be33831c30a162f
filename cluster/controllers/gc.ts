// Garbage collection: objects whose controlling owner no longer exists are deleted (background cascading).
import type { KubeObject } from "../objects/meta.js";
import type { WriteOp } from "../store/store.js";
import { type Controller, type ControllerContext, deleteOp } from "./context.js";

const OWNED_KINDS = ["Pod", "Endpoints", "PersistentVolumeClaim"];

export class GarbageCollector implements Controller {
  readonly name = "garbage-collector";
  readonly watches = ["Deployment", "StatefulSet", "DaemonSet", "Service", "Pod", "Endpoints"];

  sync(ctx: ControllerContext): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const kind of OWNED_KINDS) {
      for (const o of ctx.store.scan(kind)) {
        const ref = o.metadata.ownerReferences?.find((r) => r.controller);
        if (!ref) continue;
        const owner: KubeObject | undefined = ctx.store.peek(ref.kind, o.metadata.namespace, ref.name);
        if (!owner || owner.metadata.uid !== ref.uid) ops.push(deleteOp(o));
      }
    }
    return ops;
  }
}
