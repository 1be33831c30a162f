// Child process for the HA tests: one API server on etcd (stateless; the data directory holds the shared TLS
// material and token). Prints its endpoint as JSON, then "leading" when its core takes the controllers' lease.
import { serveCluster } from "../../../cluster/serve.js";

const [dataDir, endpoints, prefix] = process.argv.slice(2);
const served = await serveCluster({
  dataDir: dataDir!,
  etcd: { endpoints: endpoints!.split(","), prefix: prefix!, requestTimeoutMs: 3_000 },
  election: { leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 500 },
});
process.stdout.write(`${JSON.stringify({ url: served.url, token: served.token, ca: served.ca })}\n`);
let leading = false;
setInterval(() => {
  if (served.core.isLeader() === leading) return;
  leading = served.core.isLeader();
  process.stdout.write(leading ? "leading\n" : "stopped\n");
}, 100);
process.once("SIGTERM", () => void served.close().then(() => process.exit(0)));
// The test that started this server is gone (its end of stdin closed): so is this server.
process.stdin.resume();
process.stdin.once("end", () => process.exit(1));
