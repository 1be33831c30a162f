// `npm run faults`: the long form of the fault-injection suite (test/faults): kill -9 trials (25 of each
// command on each configuration unless CAIRN_FAULT_TRIALS says otherwise) and the disk-full points (as root).
// `npm test` runs the same files with one trial each.
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, CAIRN_FAULT_TRIALS: process.env.CAIRN_FAULT_TRIALS ?? "25", CAIRN_FAULT_LONG: "1" };
const res = spawnSync(process.execPath, ["scripts/run-tests.mjs", "test/faults/"], { stdio: "inherit", cwd: root, env });
process.exit(res.status ?? 1);
