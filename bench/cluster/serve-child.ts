// Runs a served core for the API benchmark in its own process (so client and server do not share a thread).
import { serveCluster } from "../../cluster/serve.js";

const served = await serveCluster({ dataDir: process.argv[2]! });
process.stdout.write(`${JSON.stringify({ url: served.url, token: served.token, ca: served.ca })}\n`);
// The etcd API benchmark asks for the server's CPU time (user + system, ms): a figure load does not inflate.
process.on("SIGUSR2", () => {
  const u = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (u.user + u.system) / 1000 })}\n`);
});
process.on("SIGTERM", () => {
  void served.close().then(() => process.exit(0));
});
