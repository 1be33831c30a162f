import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { forceUnlockCommand } from "../../cmd/commands/force-unlock.js";
import { writeFileSync } from "node:fs";
import { holdLock } from "../state/lock-holder-spawn.js";
import { copyFixture, runCommand } from "./state-harness.js";

/** The lock a process killed with kill -9 left behind (its OS-level lock died with it; its info file stays). */
async function lockedDir() {
  const dir = copyFixture("state-basic");
  const holder = await holdLock(dir);
  await holder.kill9();
  return { dir, id: holder.id, lockFile: join(dir, ".cairn.tfstate.lock.info") };
}

test("force-unlock -force removes the lock and prints Terraform's success text", async () => {
  const { dir, id, lockFile } = await lockedDir();
  const r = await runCommand(forceUnlockCommand, dir, ["-force", id]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "Cairn state has been successfully unlocked!\n\nThe state has been unlocked, and Cairn commands should now be able to\nobtain a new lock on the remote state.\n",
  );
  assert.equal(existsSync(lockFile), false);
});

test("force-unlock refuses a wrong lock ID and keeps the lock", async () => {
  const { dir, lockFile } = await lockedDir();
  const r = await runCommand(forceUnlockCommand, dir, ["-force", "not-the-id"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Failed to unlock state: lock ID "not-the-id" does not match the existing lock/);
  assert.ok(existsSync(lockFile));
});

test("force-unlock asks for yes on a terminal; anything else cancels", async () => {
  const { dir, id, lockFile } = await lockedDir();
  const no = await runCommand(forceUnlockCommand, dir, [id], { stdin: "no\n", stdinIsTTY: true });
  assert.equal(no.code, 1);
  assert.match(no.stdout, /^Do you really want to force-unlock\?\n  Cairn will remove the lock on the state\./);
  assert.match(no.stdout, /Enter a value: force-unlock cancelled\.\n$/);
  assert.ok(existsSync(lockFile));
  const yes = await runCommand(forceUnlockCommand, dir, [id], { stdin: "yes\n", stdinIsTTY: true });
  assert.equal(yes.code, 0, yes.stderr);
  assert.match(yes.stdout, /Cairn state has been successfully unlocked!/);
  assert.equal(existsSync(lockFile), false);
});

test("force-unlock without -force and without a terminal refuses, and the lock stays", async () => {
  const { dir, id, lockFile } = await lockedDir();
  const r = await runCommand(forceUnlockCommand, dir, [id], { stdin: "yes\n" });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Error asking for confirmation: /);
  assert.match(r.stderr, /-force/);
  assert.ok(existsSync(lockFile));
});

test("force-unlock needs exactly one LOCK_ID; no lock is an error", async () => {
  const dir = copyFixture("state-basic");
  const r = await runCommand(forceUnlockCommand, dir, []);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Expected a single argument: LOCK_ID\n/);
  const none = await runCommand(forceUnlockCommand, dir, ["-force", "abc"]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^Failed to unlock state: there is no lock on this state/);
});

test("force-unlock removes an empty or damaged lock file whatever the ID", async () => {
  for (const content of ["", "{\"ID\": \"x"]) {
    const dir = copyFixture("state-basic");
    const lockFile = join(dir, ".cairn.tfstate.lock.info");
    writeFileSync(lockFile, content);
    const r = await runCommand(forceUnlockCommand, dir, ["-force", "whatever"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(lockFile), false);
  }
});

test("force-unlock refuses a lock whose holder is running, naming it; the lock stays", async () => {
  const dir = copyFixture("state-basic");
  const holder = await holdLock(dir);
  try {
    const r = await runCommand(forceUnlockCommand, dir, ["-force", holder.id]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /held by a running process/);
    assert.match(r.stderr, new RegExp(`Pid:\\s+${holder.child.pid}`));
    assert.ok(existsSync(join(dir, ".cairn.tfstate.lock.info")));
  } finally {
    await holder.stop();
  }
});
