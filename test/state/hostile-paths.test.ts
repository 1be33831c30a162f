// Hostile file-system layouts around the state: a symlinked state file is written through the link (as
// Terraform does), a planted `.cairn/history` symlink is never followed, and a `.cairn` that another user
// owns and others can write to is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LocalStateStore } from "../../state/local-store.js";
import { emptyState } from "../../state/model.js";
import { openHistory } from "../../state/history/history.js";
import { UnsafeHistoryDirectory } from "../../state/history/paths.js";
import { tempDir } from "./tmpdir.js";

test("a symlinked state file is written through the link; the link stays a link", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    mkdirSync(join(dir, "shared"));
    writeFileSync(join(dir, "shared", "real.tfstate"), "");
    symlinkSync("shared/real.tfstate", join(dir, "cairn.tfstate"));
    const s = new LocalStateStore({ workingDir: dir });
    for (let i = 0; i < 2; i++) {
      const st = emptyState("0.1.0");
      st.outputs = { n: { value: i, type: "number" } };
      s.write(st);
      assert.deepEqual(await s.persist(), []);
    }
    assert.ok(lstatSync(join(dir, "cairn.tfstate")).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, "cairn.tfstate")), "shared/real.tfstate");
    assert.match(readFileSync(join(dir, "shared", "real.tfstate"), "utf8"), /"value": 1/);
    assert.equal(lstatSync(join(dir, "shared", "real.tfstate")).mode & 0o777, 0o600);
  } finally {
    await cleanup();
  }
});

test("a planted .cairn/history symlink is refused, never followed", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    mkdirSync(join(dir, "elsewhere"));
    mkdirSync(join(dir, ".cairn"));
    symlinkSync(join(dir, "elsewhere"), join(dir, ".cairn", "history"));
    assert.throws(() => openHistory(join(dir, "cairn.tfstate")), (e: unknown) => e instanceof UnsafeHistoryDirectory && /symbolic link/.test(e.message));
    assert.deepEqual(readdirSync(join(dir, "elsewhere")), []);
  } finally {
    await cleanup();
  }
});

test("a world-writable .cairn owned by another user is refused", { skip: process.getuid?.() !== 0 ? "needs root to give the directory to another user" : undefined }, async () => {
  const { dir, cleanup } = await tempDir();
  try {
    mkdirSync(join(dir, ".cairn"));
    chownSync(join(dir, ".cairn"), 65534, 65534);
    chmodSync(join(dir, ".cairn"), 0o777);
    assert.throws(() => openHistory(join(dir, "cairn.tfstate")), (e: unknown) => e instanceof UnsafeHistoryDirectory && /another user \(uid 65534\)/.test(e.message));
    chmodSync(join(dir, ".cairn"), 0o755); // another user's, but not writable by others: used
    assert.doesNotThrow(() => openHistory(join(dir, "cairn.tfstate")));
  } finally {
    await cleanup();
  }
});
