// Real etcd for tests: 1 or 3 members on free loopback ports in a temp directory, stopped and removed by the
// caller's `after`. A test that needs etcd skips with the reason when it is not installed.
import { findEtcd, startLocalEtcd, type LocalEtcd } from "../../../cluster/etcd-local.js";
import { tempDir } from "./tmp.js";

export const ETCD_MISSING = findEtcd() ? undefined : "etcd is not installed (apt-get install etcd-server): the etcd tests did not run";

export interface TestEtcd extends LocalEtcd {
  /** Stops the members and removes the data directory. */
  dispose(): Promise<void>;
}

export async function startTestEtcd(members: 1 | 3 = 1): Promise<TestEtcd> {
  const t = tempDir("cairn-etcd-");
  try {
    const etcd = await startLocalEtcd({ dataDir: t.dir, members });
    return {
      ...etcd,
      dispose: async () => {
        await etcd.stop();
        t.remove();
      },
    };
  } catch (e) {
    t.remove();
    throw e;
  }
}

/** A key prefix of its own for each test, so tests can share one etcd. */
let counter = 0;
export function testPrefix(): string {
  counter++;
  return `/cairn-test/${process.pid}-${counter}/`;
}
