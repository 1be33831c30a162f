// Runs one API server on etcd for the etcd API benchmark, in its own process (as `cairn cluster serve
// -etcd-endpoints`): argv = data directory (shared TLS material and token), endpoints (comma-separated), prefix.
import { serveCluster } from "../../cluster/serve.js";

const [dataDir, endpoints, prefix] = process.argv.slice(2);
const served = await serveCluster({ dataDir: dataDir!, etcd: { endpoints: endpoints!.split(","), prefix: prefix! } });
process.stdout.write(`${JSON.stringify({ url: served.url, token: served.token, ca: served.ca })}\n`);
// The etcd API benchmark asks for the server's CPU time (user + system, ms): a figure load does not inflate.
process.on("SIGUSR2", () => {
  const u = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (u.user + u.system) / 1000 })}\n`);
});
process.on("SIGTERM", () => {
  void served.close().then(() => process.exit(0));
});
