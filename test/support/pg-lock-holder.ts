// A child process for the pg lock tests: takes the state lock of a workspace in the pg backend, prints
// "locked <id>", then either waits to be killed ("wait") or hangs its event loop for good ("hang"), so its
// heartbeat stops while its session stays open.

import { PgBackend } from "../../operations/backend/pg.js";

const [connStr, workspace, mode] = process.argv.slice(2) as [string, string, "wait" | "hang"];
const backend = PgBackend.shared({ conn_str: connStr }, process.env, process.cwd());
const store = backend.stateStore(workspace, {});
const r = await store.lock({ operation: "OperationTypeApply", version: "test", timeoutMs: 0 });
if (!r.ok) {
  process.stdout.write(`failed ${JSON.stringify(r.diags)}\n`);
  process.exit(1);
}
process.stdout.write(`locked ${r.id}\n`);
if (mode === "hang") {
  for (;;) {
    // A hung holder: no timer, no heartbeat, ever.
  }
}
setInterval(() => undefined, 1 << 30);
