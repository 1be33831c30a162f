// A lock that is slow to take: Terraform's "Acquiring state lock. This may take a few moments..." note is
// text, and must never go into a command's JSON document on stdout (seen once under load: `drift -json`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { holdLock } from "../state/lock-holder-spawn.js";

const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), "../../.."), "bin/cairn");

test("drift -json behind a lock held for a while: stdout is one JSON document", async () => {
  const d = mkdtempSync(join(tmpdir(), "cairn-slow-lock-"));
  writeFileSync(join(d, "main.tf"), 'resource "terraform_data" "a" {\n  input = "x"\n}\n');
  assert.equal(spawnSync(process.execPath, [bin, "apply", "-auto-approve", "-no-color"], { cwd: d }).status, 0);
  const holder = await holdLock(d);
  const child = spawn(process.execPath, [bin, "drift", "-json", "-lock-timeout=60s"], { cwd: d, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
  // Long past the 400 ms after which the note is due; the assertion holds however long it really waited.
  await new Promise((r) => setTimeout(r, 3000));
  await holder.stop();
  assert.equal(await exited, 0, err);
  assert.deepEqual(JSON.parse(out).drifted, []);
});
