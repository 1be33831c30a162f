// Runs every compiled benchmark (dist/bench/**/*.bench.js) one after another, so they do not compete for the
// machine's cores, and prints each one's figures. A benchmark exits non-zero when it misses its bar.
// Usage: npm run bench [-- <substring filter>...]
import { readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import os from "node:os";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist", "bench");
const filter = process.argv.slice(2);

function collect(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith(".bench.js")) out.push(p);
  }
  return out;
}

let files = collect(dist, []).sort();
if (filter.length > 0) files = files.filter((f) => filter.some((s) => f.includes(s)));
console.log(`machine: ${os.cpus().length} cpus, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
let failed = 0;
for (const f of files) {
  console.log(`\n== ${relative(join(root, "dist"), f)}`);
  const res = spawnSync(process.execPath, ["--expose-gc", f], { stdio: "inherit", cwd: root });
  if (res.status !== 0) {
    failed++;
    console.log(`!! ${relative(join(root, "dist"), f)} missed its bar or failed (exit ${res.status})`);
  }
}
console.log(`\n${files.length - failed} benchmarks met their bars, ${failed} did not`);
process.exit(failed === 0 ? 0 : 1);
