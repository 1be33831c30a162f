// A child process for the lock tests: takes the state lock in the directory given as argv[2], prints
// "locked <id>" and then waits to be killed (or stops on stdin's end, releasing the lock).
import { LocalStateStore } from "../../state/local-store.js";

const store = new LocalStateStore({ workingDir: process.argv[2]! });
const held = await store.lock({ operation: "OperationTypeApply", version: "0.1.0" });
if (!held.ok) {
  process.stderr.write(held.diags.map((d) => d.detail).join("\n"));
  process.exit(3);
}
process.stdout.write(`locked ${held.id}\n`);
process.stdin.resume();
process.stdin.on("end", () => void store.unlock(held.id).then(() => process.exit(0)));
