// Child process for the served kill -9 test: serves a core on a data dir and prints its endpoint and token.
import { serveCluster } from "../../../cluster/serve.js";

const served = await serveCluster({ dataDir: process.argv[2]! });
process.stdout.write(`${JSON.stringify({ url: served.url, token: served.token, ca: served.ca })}\n`);
