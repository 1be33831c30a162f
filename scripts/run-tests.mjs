// Runs every compiled test file (dist/**/*.test.js) with Node's built-in test runner.
// Node 20's `node --test` does not expand globs, so the files are collected here.
//
// The tests run with TMPDIR (and TMP, TEMP) pointing at a directory of this run's own, removed when the run
// passes: what a test leaves behind (a killed child's files, a directory a helper made and nobody removed; a
// whole run left ~700 entries and ~50 MB in /tmp) goes with it, and a run never sees an earlier run's leftovers.
// A failed run keeps it for a look, and says where it is.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");
const filter = process.argv.slice(2);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith(".test.js")) out.push(p);
  }
  return out;
}

let files = collect(dist, []).sort();
if (filter.length > 0) files = files.filter((f) => filter.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error("no test files found under dist/: run `npm run build` first");
  process.exit(1);
}
const runTmp = mkdtempSync(join(tmpdir(), "cairn-test-run-"));
// Others may pass through (not list): the PostgreSQL tests run initdb and the server as the postgres user
// when the tests run as root, in a directory of their own under this one.
chmodSync(runTmp, 0o711);
const res = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
  cwd: root,
  env: { ...process.env, TMPDIR: runTmp, TMP: runTmp, TEMP: runTmp },
});
if (res.status === 0) rmSync(runTmp, { recursive: true, force: true });
else console.error(`the tests' temporary files are kept in ${runTmp}`);
process.exit(res.status ?? 1);
