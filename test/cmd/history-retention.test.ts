// CAIRN_HISTORY_KEEP through the real CLI: older versions are pruned after each apply, the prune is recorded,
// and the pruned chain still audits clean.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "bin/cairn");

function cairn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, CAIRN_ACTOR: "ci-bot@pipeline" };
  for (const k of Object.keys(base)) if (k.startsWith("CAIRN_STATE_") || k.startsWith("CAIRN_HISTORY_")) delete base[k];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...base, ...env } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test("CAIRN_HISTORY_KEEP prunes old versions, records the prune, and the chain still audits clean", () => {
  const d = mkdtempSync(join(tmpdir(), "cairn-history-keep-"));
  try {
    for (const v of ["one", "two", "three", "four"]) {
      writeFileSync(join(d, "main.tf"), `resource "terraform_data" "a" { input = "${v}" }\n`);
      const r = cairn(d, ["apply", "-auto-approve", "-no-color"], { CAIRN_HISTORY_KEEP: "2" });
      assert.equal(r.code, 0, r.err);
    }
    const h = cairn(d, ["state", "history", "-json"]);
    assert.equal(h.code, 0, h.err);
    const { records } = JSON.parse(h.out) as { records: { event: string; serial: number }[] };
    const versions = records.filter((r) => r.event === "version");
    // Four applies, two kept; each prune is itself a record.
    assert.equal(versions.length, 2, h.out);
    assert.ok(records.some((r) => r.event === "prune"), h.out);
    const newest = Math.max(...versions.map((r) => r.serial));
    assert.deepEqual(versions.map((r) => r.serial).sort(), [newest - 1, newest]);
    const audit = cairn(d, ["state", "audit"]);
    assert.equal(audit.code, 0, audit.out + audit.err);

    writeFileSync(join(d, "main.tf"), `resource "terraform_data" "a" { input = "five" }\n`);
    const bad = cairn(d, ["apply", "-auto-approve", "-no-color"], { CAIRN_HISTORY_KEEP: "zero" });
    assert.equal(bad.code, 0);
    assert.match(bad.out + bad.err, /Invalid CAIRN_HISTORY_KEEP/);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
