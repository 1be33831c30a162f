// Child process for the leader election tests: campaigns for a key and, while it leads, writes a fenced "tick"
// ConfigMap every 50 ms (its record of acting). Prints "leading" and "stopped <reason>" on stdout.
import { EtcdStore } from "../../../cluster/store/etcd-store.js";
import { EtcdLeaderElection } from "../../../cluster/store/etcd-election.js";
import { LeadershipLost } from "../../../cluster/store/errors.js";

const [endpoints, prefix, id, lease, renew, retry] = process.argv.slice(2);
const store = await EtcdStore.open({ endpoints: endpoints!.split(","), prefix: prefix! });
const election = new EtcdLeaderElection(store.client, {
  key: `${prefix!.replace(/\/$/, "")}-leases/scheduler`, // outside the objects' prefix
  identity: id!,
  timing: { leaseDurationMs: Number(lease), renewDeadlineMs: Number(renew), retryPeriodMs: Number(retry) },
  onStartedLeading: () => process.stdout.write("leading\n"),
  onStoppedLeading: (reason) => process.stdout.write(`stopped ${reason}\n`),
});
election.start();
let n = 0;
let writing = false;
setInterval(() => {
  const fence = election.fence();
  if (!fence || writing) return;
  writing = true;
  const name = `tick-${id}-${n++}`;
  store
    .commit([{ op: "create", object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data: { id: id! } } as never }], fence)
    .catch((e: unknown) => process.stdout.write(e instanceof LeadershipLost ? "fenced\n" : `error ${(e as Error).message}\n`))
    .finally(() => (writing = false));
}, 50);
