// The nested-attributes test plugin as a process: started by Cairn or Terraform (through a wrapper script
// the tests write: `exec node dist/test/providers/plugin/nested-plugin/main.js`), it serves
// NestedThingProvider over the plugin protocol until its client stops it.

import { servePlugin } from "../../../../providers/plugin/server.js";
import { NestedThingProvider } from "./provider.js";

process.on("SIGINT", () => undefined);
const served = await servePlugin({ provider: new NestedThingProvider(), env: process.env, stdout: process.stdout, log: (line) => process.stderr.write(line + "\n") });
if (!served.ok) {
  process.stderr.write(served.message + "\n");
  process.exitCode = 1;
} else {
  await served.stopped;
}
