// The GUIDE's rule for ink: the non-TTY and -json paths never load ink or React (startup stays fast). Each
// run is a child process whose stdout is a pipe, with a module resolve hook that logs every module resolved
// from ink's or React's packages. The control run calls the TTY view and must show up in the log, so the
// hook is known to see them.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const work = mkdtempSync(join(tmpdir(), "cairn-no-ink-"));

const hook = join(work, "hook.mjs");
writeFileSync(
  hook,
  `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (/[\\\\/]node_modules[\\\\/](ink|react|react-reconciler)[\\\\/]/.test(r.url)) appendFileSync(process.env.CAIRN_IMPORT_LOG, r.url + "\\n");
  return r;
}
`,
);

const runner = join(work, "runner.mjs");
writeFileSync(
  runner,
  `import { register } from "node:module";
register(${JSON.stringify(pathToFileURL(hook).href)});
const args = process.argv.slice(2);
if (args[0] === "--control") {
  const tty = await import(${JSON.stringify(pathToFileURL(join(dist, "cmd/views/tty/index.js")).href)});
  const view = { nodes: [], pending: [], totals: { nodes: 0, readyNodes: 0, pods: 0, runningPods: 0, pendingPods: 0 } };
  process.stdout.write(await tty.renderClusterStatusTty(view, { isTTY: true, columns: 80, write() { return true; } }, () => "plain\\n"));
  process.exit(0);
}
const { main } = await import(${JSON.stringify(pathToFileURL(join(dist, "cmd/main.js")).href)});
process.exit(await main(args));
`,
);

let n = 0;
function run(cwd: string, args: string[]): { code: number; out: string; err: string; loaded: string[] } {
  const log = join(work, `imports-${n++}.log`);
  const r = spawnSync(process.execPath, [runner, ...args], { cwd, encoding: "utf8", env: { ...process.env, CAIRN_IMPORT_LOG: log } });
  const loaded = existsSync(log) ? readFileSync(log, "utf8").split("\n").filter((l) => l !== "") : [];
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr, loaded };
}

describe("off a terminal, ink and React are never loaded", () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it("control: drawing the TTY view does load them (the hook sees them)", () => {
    const r = run(work, ["--control"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /No nodes\./);
    assert.ok(r.loaded.some((u) => /node_modules\/ink\//.test(u)), "ink resolved");
    assert.ok(r.loaded.some((u) => /node_modules\/react\//.test(u)), "react resolved");
  });

  it("cairn cluster status, plain and -json", () => {
    const dataDir = join(work, "cluster");
    const p = run(work, ["cluster", "status", `-data-dir=${dataDir}`]);
    assert.equal(p.code, 0, p.err);
    assert.match(p.out, /^Nodes: 0\/0 ready/);
    assert.deepEqual(p.loaded, []);
    const j = run(work, ["cluster", "status", "-json", `-data-dir=${dataDir}`]);
    assert.equal(j.code, 0, j.err);
    assert.equal((JSON.parse(j.out) as { totals: { nodes: number } }).totals.nodes, 0);
    assert.deepEqual(j.loaded, []);
  });

  it("cairn apply and destroy print Terraform's lines", () => {
    const dir = mkdtempSync(join(work, "apply-"));
    writeFileSync(join(dir, "main.tf"), `resource "terraform_data" "a" { input = "x" }\n`);
    const a = run(dir, ["apply", "-auto-approve"]);
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /terraform_data\.a: Creation complete after \d+s/);
    assert.deepEqual(a.loaded, []);
    const d = run(dir, ["destroy", "-auto-approve"]);
    assert.equal(d.code, 0, d.err);
    assert.match(d.out, /terraform_data\.a: Destruction complete after \d+s/);
    assert.deepEqual(d.loaded, []);
  });
});
