// `npm run conformance`: Cairn measured against the real `terraform` binary, category by category.
// Each category is a folder test/conformance/<name>/ whose compiled category.js exports
//   category = { name, threshold, refresh(): Promise<void>, measure(): Promise<{ total, matched, mismatches }> }
// refresh() asks the real binary and rewrites the category's cached answers (committed, so that `npm test`
// can check Cairn against them on a machine without Terraform); measure() compares Cairn with those answers.
// Usage: npm run conformance [-- <category substring>...]
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const root = new URL("..", import.meta.url).pathname;
const dir = join(root, "dist", "test", "conformance");
const filter = process.argv.slice(2);

const probe = spawnSync("terraform", ["version"], { env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" }, encoding: "utf8" });
if (probe.status !== 0) {
  console.error("npm run conformance needs a real `terraform` binary on the PATH; none was found, so nothing was measured.");
  process.exit(1);
}
console.log(probe.stdout.split("\n")[0]);
const names = existsSync(dir) ? readdirSync(dir).filter((n) => existsSync(join(dir, n, "category.js"))).sort() : [];
const chosen = filter.length > 0 ? names.filter((n) => filter.some((s) => n.includes(s))) : names;
if (chosen.length === 0) {
  console.error("no conformance categories found under dist/test/conformance: run `npm run build` first");
  process.exit(1);
}
let failed = 0;
for (const n of chosen) {
  const { category } = await import(pathToFileURL(join(dir, n, "category.js")).href);
  await category.refresh();
  const r = await category.measure();
  const pct = r.total === 0 ? 0 : (100 * r.matched) / r.total;
  const ok = r.total > 0 && pct >= category.threshold;
  if (!ok) failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${category.name.padEnd(24)} ${String(r.matched).padStart(6)}/${String(r.total).padEnd(6)} ${pct.toFixed(2)}% (bar ${category.threshold}%)`);
  for (const m of r.mismatches.slice(0, 20)) console.log(`       ${m}`);
  if (r.mismatches.length > 20) console.log(`       … and ${r.mismatches.length - 20} more`);
}
process.exit(failed === 0 ? 0 : 1);
