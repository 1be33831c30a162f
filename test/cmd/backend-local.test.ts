// The backend block as Terraform keeps it (issue 12): init stores the settings in .cairn/terraform.tfstate,
// -backend-config merges over the block, a new/edited/removed block refuses commands until init, an unknown
// type is named with the ones Cairn has, the local backend's path and workspace_dir place the state, and
// Terraform's terraform.tfstate is never planned over as if empty.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initCommand } from "../../cmd/commands/init.js";
import { planCommand } from "../../cmd/commands/plan.js";
import { applyCommand } from "../../cmd/commands/apply.js";
import { workspaceCommand } from "../../cmd/commands/workspace.js";
import { tempDir } from "../modules/helpers.js";
import { runCommand } from "./state-harness.js";

const RESOURCE = 'resource "terraform_data" "a" {\n  input = 1\n}\n';
const withBackend = (body: string) => `terraform {\n  backend "local" {\n${body}  }\n}\n${RESOURCE}`;

function settings(dir: string): { type: string; config: Record<string, unknown>; hash: number } {
  return (JSON.parse(readFileSync(join(dir, ".cairn/terraform.tfstate"), "utf8")) as { backend: { type: string; config: Record<string, unknown>; hash: number } }).backend;
}

test("init stores the backend settings as Terraform does; apply writes the state where `path` says", async () => {
  const dir = tempDir("backend-path");
  writeFileSync(join(dir, "main.tf"), withBackend('    path = "custom.tfstate"\n'));
  const init = await runCommand(initCommand, dir, ["-no-color"]);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /Successfully configured the backend "local"!/);
  const saved = settings(dir);
  assert.deepEqual([saved.type, saved.config], ["local", { path: "custom.tfstate", workspace_dir: null }]);
  const apply = await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"]);
  assert.equal(apply.code, 0, apply.stderr);
  assert.ok(existsSync(join(dir, "custom.tfstate")));
  assert.ok(!existsSync(join(dir, "cairn.tfstate")));
  // Init again with the same block: nothing changes, nothing is asked.
  const again = await runCommand(initCommand, dir, ["-no-color"]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(settings(dir), saved);
});

const refusals: { name: string; prepare: (dir: string) => Promise<void>; summary: string; reason: string }[] = [
  {
    name: "a backend block init never saw",
    prepare: async (dir) => writeFileSync(join(dir, "main.tf"), withBackend("")),
    summary: 'Backend initialization required, please run "cairn init"',
    reason: 'Reason: Initial configuration of the requested backend "local"',
  },
  {
    name: "an edited backend block",
    prepare: async (dir) => {
      writeFileSync(join(dir, "main.tf"), withBackend('    path = "a.tfstate"\n'));
      assert.equal((await runCommand(initCommand, dir, ["-no-color"])).code, 0);
      writeFileSync(join(dir, "main.tf"), withBackend('    path = "b.tfstate"\n'));
    },
    summary: 'Backend initialization required: please run "cairn init"',
    reason: "Reason: Backend configuration block has changed",
  },
  {
    name: "a removed backend block",
    prepare: async (dir) => {
      writeFileSync(join(dir, "main.tf"), withBackend(""));
      assert.equal((await runCommand(initCommand, dir, ["-no-color"])).code, 0);
      writeFileSync(join(dir, "main.tf"), RESOURCE);
    },
    summary: 'Backend initialization required, please run "cairn init"',
    reason: 'Reason: Unsetting the previously set backend "local"',
  },
];

for (const c of refusals) {
  test(`plan and workspace list refuse ${c.name} until init`, async () => {
    const dir = tempDir("backend-refuse");
    await c.prepare(dir);
    for (const [cmd, args] of [[planCommand, ["-no-color"]], [workspaceCommand, ["list"]]] as const) {
      const r = await runCommand(cmd, dir, [...args]);
      assert.equal(r.code, 1, r.stdout);
      assert.ok(r.stderr.includes(c.summary), r.stderr);
      assert.ok(r.stderr.includes(c.reason), r.stderr);
    }
    assert.ok(!existsSync(join(dir, "cairn.tfstate")), "nothing was written");
  });
}

test("a changed block is refused by init without -reconfigure or -migrate-state; -reconfigure stores it", async () => {
  const dir = tempDir("backend-changed");
  writeFileSync(join(dir, "main.tf"), withBackend('    path = "a.tfstate"\n'));
  assert.equal((await runCommand(initCommand, dir, ["-no-color"])).code, 0);
  writeFileSync(join(dir, "main.tf"), withBackend('    path = "b.tfstate"\n'));
  const refused = await runCommand(initCommand, dir, ["-no-color"]);
  assert.equal(refused.code, 1);
  assert.match(refused.flat, /Backend configuration changed/);
  assert.match(refused.flat, /cairn init -migrate-state/);
  assert.equal(settings(dir).config.path, "a.tfstate");
  const reconfigured = await runCommand(initCommand, dir, ["-reconfigure", "-no-color"]);
  assert.equal(reconfigured.code, 0, reconfigured.stderr);
  assert.equal(settings(dir).config.path, "b.tfstate");
});

test("-migrate-state copies every workspace's state to the new path and workspace_dir", async () => {
  const dir = tempDir("backend-migrate");
  writeFileSync(join(dir, "main.tf"), withBackend(""));
  assert.equal((await runCommand(initCommand, dir, ["-no-color"])).code, 0);
  assert.equal((await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"])).code, 0);
  assert.equal((await runCommand(workspaceCommand, dir, ["new", "dev"])).code, 0);
  assert.equal((await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"])).code, 0);
  writeFileSync(join(dir, "main.tf"), withBackend('    path = "team.tfstate"\n    workspace_dir = "envs"\n'));
  const asked = await runCommand(initCommand, dir, ["-migrate-state", "-no-color"], { stdin: "no\n" });
  assert.equal(asked.code, 1);
  assert.match(asked.stdout, /Do you want to copy existing state to the new backend\?/);
  assert.ok(!existsSync(join(dir, "team.tfstate")));
  const copied = await runCommand(initCommand, dir, ["-migrate-state", "-force-copy", "-no-color"]);
  assert.equal(copied.code, 0, copied.stderr);
  for (const [from, to] of [["cairn.tfstate", "team.tfstate"], ["cairn.tfstate.d/dev/cairn.tfstate", "envs/dev/cairn.tfstate"]]) {
    const a = JSON.parse(readFileSync(join(dir, from), "utf8")) as { lineage: string; resources: unknown };
    const b = JSON.parse(readFileSync(join(dir, to), "utf8")) as { lineage: string; resources: unknown };
    assert.deepEqual([b.lineage, b.resources], [a.lineage, a.resources], to);
  }
  assert.equal((await runCommand(workspaceCommand, dir, ["list"])).stdout, "  default\n* dev\n\n");
  const plan = await runCommand(planCommand, dir, ["-no-color", "-detailed-exitcode"]);
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
});

test("-backend-config KEY=VALUE and FILE are merged over the block; an unknown key is refused", async () => {
  const dir = tempDir("backend-config");
  writeFileSync(join(dir, "main.tf"), withBackend(""));
  writeFileSync(join(dir, "dirs.hcl"), 'workspace_dir = "wsd"\n');
  const r = await runCommand(initCommand, dir, ["-backend-config=path=x.tfstate", "-backend-config=dirs.hcl", "-no-color"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(settings(dir).config, { path: "x.tfstate", workspace_dir: "wsd" });
  const bad = await runCommand(initCommand, dir, ["-reconfigure", "-backend-config=nope=1", "-no-color"]);
  assert.equal(bad.code, 1);
  assert.match(bad.flat, /The backend configuration argument "nope" given on the command line is not expected for the selected backend type\./);
});

test("an unsupported backend type is an error naming the supported ones, with its position", async () => {
  const dir = tempDir("backend-s3");
  writeFileSync(join(dir, "main.tf"), 'terraform {\n  backend "s3" {\n    bucket = "b"\n  }\n}\n');
  const r = await runCommand(initCommand, dir, ["-no-color"]);
  assert.equal(r.code, 1);
  assert.match(r.flat, /Unsupported backend type/);
  assert.match(r.flat, /on main\.tf line 2/);
  assert.match(r.flat, /There is no backend type named "s3"\. Cairn supports "local" and "pg"\./);
  assert.ok(!existsSync(join(dir, ".cairn/terraform.tfstate")));
});

test("Terraform's terraform.tfstate without Cairn state: plan refuses; -state uses it; init -migrate-state copies it", async () => {
  const dir = tempDir("backend-tfstate");
  writeFileSync(join(dir, "main.tf"), RESOURCE);
  assert.equal((await runCommand(applyCommand, dir, ["-auto-approve", "-no-color", "-state=terraform.tfstate"])).code, 0);
  const refused = await runCommand(planCommand, dir, ["-no-color"]);
  assert.equal(refused.code, 1);
  assert.match(refused.flat, /Terraform state found, no Cairn state/);
  assert.match(refused.flat, /cairn init -migrate-state/);
  assert.match(refused.flat, /-state=terraform\.tfstate/);
  assert.equal((await runCommand(planCommand, dir, ["-no-color", "-detailed-exitcode", "-state=terraform.tfstate"])).code, 0);
  const migrated = await runCommand(initCommand, dir, ["-migrate-state", "-force-copy", "-no-color"]);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.equal(readFileSync(join(dir, "cairn.tfstate"), "utf8"), readFileSync(join(dir, "terraform.tfstate"), "utf8"));
  assert.equal((await runCommand(planCommand, dir, ["-no-color", "-detailed-exitcode"])).code, 0);
});
