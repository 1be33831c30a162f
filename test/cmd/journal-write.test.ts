// The state-writing commands (state mv, rm, push, rollback) after an apply killed with kill -9: they write
// the state file with a new serial, after which the journal's results count as already in it, so they must
// start from the state file plus the journal; so must workspace delete's check for a non-empty state. Otherwise `state rm` of one object silently forgot every object
// the killed apply had created (which still exist) and the next apply created them a second time.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { driftCommand } from "../../cmd/commands/drift.js";
import { planCommand } from "../../cmd/commands/plan.js";
import { stateCommand } from "../../cmd/commands/state.js";
import { workspaceCommand } from "../../cmd/commands/workspace.js";
import { killedApply } from "./killed-apply.js";
import { runCommand } from "./state-harness.js";

interface Case {
  readonly name: string;
  /** Run after the killed apply; must succeed. */
  readonly args: (statePath: string) => string[];
  /** Resource names in the state afterwards. */
  readonly names: string[];
}

const cases: Case[] = [
  { name: "state rm of the object applied before", args: () => ["rm", "terraform_data.x"], names: ["y"] },
  { name: "state mv of the object applied before", args: () => ["mv", "terraform_data.x", "terraform_data.w"], names: ["w", "y"] },
  // y exists only in the journal: moving it must find it.
  { name: "state mv of the object only the journal holds", args: () => ["mv", "terraform_data.y", "terraform_data.v"], names: ["v", "x"] },
  { name: "state rm of the object only the journal holds", args: () => ["rm", "terraform_data.y"], names: ["x"] },
];

for (const workspace of ["default", "dev"]) {
  for (const c of cases) {
    test(`${c.name} keeps what a killed apply journaled (workspace ${workspace})`, async () => {
      const { dir, statePath } = await killedApply(workspace);
      const r = await runCommand(stateCommand, dir, c.args(statePath));
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.flat, /Interrupted apply[\s\S]*create terraform_data\.z/, "the pending create is pointed out");
      const names = (s: string) => JSON.parse(s).resources.map((x: { name: string }) => x.name);
      assert.deepEqual(names(readFileSync(statePath, "utf8")), c.names, "the state file holds the journal's results");
      const list = await runCommand(stateCommand, dir, ["list"]);
      assert.deepEqual(list.stdout.trim().split("\n"), c.names.map((n) => `terraform_data.${n}`));
      // The journal stays for its pending intent; its results are not applied a second time.
      assert.ok(existsSync(`${statePath}.journal`));
      const plan = await runCommand(planCommand, dir, ["-no-color"]);
      assert.equal(plan.code, 0, plan.stderr);
      if (c.names.includes("y")) assert.ok(!plan.stdout.includes("terraform_data.y will be created"), plan.stdout);
    });
  }
}

test("state rollback after a killed apply starts from the journaled state", async () => {
  const { dir, statePath } = await killedApply("default");
  const serial = JSON.parse(readFileSync(statePath, "utf8")).serial;
  const rm = await runCommand(stateCommand, dir, ["rm", "terraform_data.x"]);
  assert.equal(rm.code, 0, rm.stderr);
  // Back to the version the killed apply started from, which had x and not y: y is then removed and x back.
  const r = await runCommand(stateCommand, dir, ["rollback", "-serial", String(serial), "-auto-approve"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Rolling back to version \d+ will/);
  assert.deepEqual(JSON.parse(readFileSync(statePath, "utf8")).resources.map((x: { name: string }) => x.name), ["x"]);
});

test("workspace delete refuses a workspace whose objects are only in a killed first apply's journal", async () => {
  const { dir, statePath } = await killedApply("dev", { firstApply: false });
  assert.deepEqual(JSON.parse(readFileSync(statePath, "utf8")).resources, [], "the state file itself is empty");
  assert.equal((await runCommand(workspaceCommand, dir, ["select", "default"])).code, 0);
  const r = await runCommand(workspaceCommand, dir, ["delete", "dev"]);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.flat, /Workspace is not empty/);
  assert.match(r.flat, /- terraform_data\.y\n[\s\S]*- terraform_data\.z \(create interrupted: the object may exist\)/);
  assert.ok(existsSync(statePath) && existsSync(`${statePath}.journal`));
  const forced = await runCommand(workspaceCommand, dir, ["delete", "-force", "dev"]);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(existsSync(statePath), false);
});

test("drift ADDR accepts an object only a killed apply's journal holds, as the refresh-only form does", async () => {
  const { dir } = await killedApply("default");
  const r = await runCommand(driftCommand, dir, ["terraform_data.y"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /~ terraform_data\.y has changed outside of Cairn/);
});
