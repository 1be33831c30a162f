import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { initCommand } from "../../cmd/commands/init.js";
import { loadModuleTree } from "../../modules/load-tree.js";
import { git, gitRepo, snapshot, summaries, tempDir, webModule, writeFiles } from "../modules/helpers.js";
import { runCommand } from "./state-harness.js";

function project(source: string): string {
  const dir = tempDir("initmod");
  writeFiles(dir, {
    "main.tf": `module "web" {\n  source = "${source}"\n  size   = 2\n}\n\nmodule "local" {\n  source = "./modules/local"\n}\n`,
    "modules/local/main.tf": 'output "x" {\n  value = 1\n}\n',
  });
  return dir;
}

test("cairn init installs modules, prints Terraform's module lines and writes the lock file", async () => {
  const repo = gitRepo(webModule);
  git(repo, "tag", "v1");
  const dir = project(`git::file://${repo}?ref=v1`);
  const r = await runCommand(initCommand, dir, []);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(
    r.stdout.startsWith(
      `Initializing modules...\n- local in modules/local\nDownloading git::file://${repo}?ref=v1 for web...\n- web in .cairn/modules/web\n\nInitializing the backend...\n`,
    ),
    r.stdout,
  );
  assert.match(readFileSync(join(dir, ".cairn.lock.hcl"), "utf8"), /module "web" \{/);
  // Installed and unchanged: a second init downloads nothing.
  const again = await runCommand(initCommand, dir, []);
  assert.ok(again.stdout.startsWith("Initializing modules...\n- local in modules/local\n\nInitializing the backend...\n"), again.stdout);
  const upgrade = await runCommand(initCommand, dir, ["-upgrade"]);
  assert.ok(upgrade.stdout.startsWith("Upgrading modules...\n- local in modules/local\nDownloading "), upgrade.stdout);
});

test("cairn init with a bad git ref: the diagnostic at the source, exit 1, nothing created", async () => {
  const repo = gitRepo(webModule);
  const dir = project(`git::file://${repo}?ref=v9`);
  const before = snapshot(dir);
  const r = await runCommand(initCommand, dir, []);
  assert.equal(r.code, 1);
  assert.match(r.flat, /Error: Failed to download module/);
  assert.match(r.stderr, /on main\.tf line 2, in module "web":\n│    2:   source = "git::file:/);
  assert.match(r.flat, /git could not check out ref "v9"/);
  assert.deepEqual(snapshot(dir), before);
  assert.equal(existsSync(join(dir, ".cairn")), false);
});

test("cairn init with an unsupported source names the call and what is supported", async () => {
  const dir = project("hashicorp/consul/aws");
  const before = snapshot(dir);
  const r = await runCommand(initCommand, dir, []);
  assert.equal(r.code, 1);
  assert.match(r.flat, /Error: Unsupported module source/);
  assert.match(r.flat, /Module "web" \(main\.tf:1\) has source "hashicorp\/consul\/aws"/);
  assert.match(r.flat, /git repositories \("git::<url>", optionally with "\/\/subdir"/);
  assert.deepEqual(snapshot(dir), before);
});

test("a module changed after init is caught, naming it; cairn init -upgrade accepts the new content", async () => {
  const repo = gitRepo(webModule);
  const dir = project(`git::file://${repo}`);
  assert.equal((await runCommand(initCommand, dir, [])).code, 0);
  appendFileSync(join(dir, ".cairn/modules/web/main.tf"), "# edited\n");
  assert.deepEqual(summaries(loadModuleTree(dir).diags), ["Module does not match the dependency lock file"]);
  const before = snapshot(dir);
  const r = await runCommand(initCommand, dir, []);
  assert.equal(r.code, 1);
  assert.match(r.flat, /The files of module\.web in \.cairn\/modules\/web have the content hash/);
  assert.deepEqual(snapshot(dir), before);
  const up = await runCommand(initCommand, dir, ["-upgrade"]);
  assert.equal(up.code, 0, up.stderr);
  assert.deepEqual(summaries(loadModuleTree(dir).diags), []);
});
