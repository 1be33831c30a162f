// A ClusterCore in a temporary directory, reconciled synchronously for deterministic controller tests.
import { ClusterCore } from "../../../cluster/controllers/index.js";
import type { KubeObject, Pod, Node } from "../../../cluster/objects/index.js";
import { tempDir } from "./tmp.js";
import { node } from "./fixtures.js";

export interface TestCore {
  core: ClusterCore;
  create<T extends KubeObject>(o: T): T;
  pods(selector?: string): Pod[];
  done(): void;
}

export function testCore(nodes: Node[] = [node("n1"), node("n2"), node("n3")]): TestCore {
  const t = tempDir();
  const core = ClusterCore.open(t.dir, { autoReconcile: false });
  for (const n of nodes) core.registry.create("Node", undefined, n);
  core.reconcile();
  return {
    core,
    create: <T extends KubeObject>(o: T) => {
      const r = core.registry.create(o.kind, o.metadata.namespace, o) as T;
      core.reconcile();
      return r;
    },
    pods: (selector?: string) => core.registry.list("Pod", "default", selector).items as Pod[],
    done: () => {
      core.close();
      t.remove();
    },
  };
}
