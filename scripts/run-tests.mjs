// Runs every compiled test file (dist/**/*.test.js) with Node's built-in test runner.
// Node 20's `node --test` does not expand globs, so the files are collected here.
import { readdirSync, statSync } from "node:fs";
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
const res = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
  cwd: root,
});
process.exit(res.status ?? 1);
