// Runs a served core for the API benchmark in its own process (so client and server do not share a thread).
import { serveCluster } from "../../cluster/serve.js";

const served = await serveCluster({ dataDir: process.argv[2]! });
process.stdout.write(`${JSON.stringify({ url: served.url, token: served.token, ca: served.ca })}\n`);
process.on("SIGTERM", () => {
  void served.close().then(() => process.exit(0));
});
