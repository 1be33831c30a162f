// Ctrl-C during `cairn apply` through bin/cairn: the first interrupt lets running operations finish and
// starts nothing new; a second one exits at once with Terraform's warning. Either way the state left behind
// is valid and holds every completed create exactly once (the next plan creates only the rest).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "bin/cairn");
const N = 3000;

function workdir(): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-interrupt-"));
  const parts: string[] = [];
  for (let i = 0; i < N; i++) parts.push(`resource "terraform_data" "r${i}" {\n  input = "v${i}"\n}\n`);
  writeFileSync(join(d, "main.tf"), parts.join("\n"));
  return d;
}

/**
 * Starts an apply and sends `signal` once the first create has started; with `times` 2, sends it again as
 * soon as the apply says it received the first (a timer could fire after a quick graceful stop had ended the
 * process, and two signals sent together may arrive as one).
 */
function interruptedApply(cwd: string, times: 1 | 2, signal: NodeJS.Signals = "SIGINT"): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, "apply", "-auto-approve", "-no-color"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let sent = 0;
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (sent === 0 && out.includes(": Creating...")) {
        sent = 1;
        child.kill(signal);
      }
      if (sent === 1 && times === 2 && out.includes("Interrupt received.")) {
        sent = 2;
        child.kill(signal);
      }
    });
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("exit", (code) => done({ code, out, err }));
  });
}

function remainingCreates(cwd: string): number {
  const p = spawnSync(process.execPath, [bin, "plan", "-no-color", "-detailed-exitcode"], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(p.status === 0 || p.status === 2, `the state left behind is valid: ${p.stderr}`);
  const m = /Plan: (\d+) to add, 0 to change, 0 to destroy\./.exec(p.stdout);
  return p.status === 0 ? 0 : Number(m?.[1] ?? NaN);
}

function stateCount(cwd: string): number {
  const l = spawnSync(process.execPath, [bin, "state", "list"], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.equal(l.status, 0, l.stderr);
  return l.stdout.split("\n").filter((x) => x !== "").length;
}

test("second Ctrl-C: exits at once with the warning; completed creates are kept, none duplicated", { timeout: 120_000 }, async () => {
  const d = workdir();
  const r = await interruptedApply(d, 2);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /Interrupt received\.\nPlease wait for Cairn to exit or data loss may occur\.\nGracefully shutting down\.\.\./);
  assert.match(r.err, /Two interrupts received\. Exiting immediately\. Note that data loss may have occurred\./);
  const created = stateCount(d);
  assert.ok(created < N, `the apply stopped early (${created} of ${N})`);
  assert.equal(remainingCreates(d), N - created, "the next plan creates exactly the rest");
});

test("first Ctrl-C: running operations finish, nothing new starts, exit 1 with Operation cancelled", { timeout: 120_000 }, async () => {
  const d = workdir();
  const r = await interruptedApply(d, 1);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /Operation cancelled|cancelled/);
  assert.ok(!/Two interrupts/.test(r.err));
  const created = stateCount(d);
  assert.ok(created < N, `the apply stopped early (${created} of ${N})`);
  assert.equal(remainingCreates(d), N - created);
});

for (const signal of ["SIGTERM", "SIGHUP"] as const) {
  test(`${signal} is handled as Ctrl-C: graceful stop, lock released, state written, exit 1`, { timeout: 120_000 }, async () => {
    const d = workdir();
    const r = await interruptedApply(d, 1, signal);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /Interrupt received\.\nPlease wait for Cairn to exit or data loss may occur\.\nGracefully shutting down\.\.\./);
    assert.match(r.err, /Operation cancelled/);
    assert.ok(!existsSync(join(d, ".cairn.tfstate.lock.info")), "the lock is released");
    const created = stateCount(d);
    assert.ok(created < N, `the apply stopped early (${created} of ${N})`);
    assert.equal(remainingCreates(d), N - created);
  });
}
