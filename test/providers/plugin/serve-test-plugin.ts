// A test plugin's process: started by Cairn or Terraform through a wrapper script the tests write
// (`exec node dist/test/providers/plugin/NAME/main.js`), it serves one provider over the plugin protocol
// until its client stops it.

import type { ProviderInterface } from "../../../providers/interface.js";
import { servePlugin } from "../../../providers/plugin/server.js";

export async function serveTestPlugin(provider: ProviderInterface): Promise<void> {
  process.on("SIGINT", () => undefined);
  const served = await servePlugin({ provider, env: process.env, stdout: process.stdout, log: (line) => process.stderr.write(line + "\n") });
  if (!served.ok) {
    process.stderr.write(served.message + "\n");
    process.exitCode = 1;
  } else {
    await served.stopped;
  }
}
