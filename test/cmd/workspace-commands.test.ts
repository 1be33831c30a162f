import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { workspaceCommand } from "../../cmd/commands/workspace.js";
import { currentWorkspace, defaultStatePath } from "../../operations/working-dir.js";
import { workspaceStatePath } from "../../modules/workspace.js";
import { snapshot, tempDir } from "../modules/helpers.js";
import { runCommand } from "./state-harness.js";

const ws = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) => runCommand(workspaceCommand, dir, args, { env });

test("workspace new, list, select, show with Terraform's texts; the selection lives in .cairn/environment", async () => {
  const dir = tempDir("ws");
  assert.equal((await ws(dir, ["show"])).stdout, "default\n");
  assert.equal((await ws(dir, ["list"])).stdout, "* default\n\n");

  const created = await ws(dir, ["new", "dev"]);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(
    created.stdout,
    '\nCreated and switched to workspace "dev"!\n\nYou\'re now on a new, empty workspace. Workspaces isolate their state,\nso if you run "cairn plan" Cairn will not see any existing state\nfor this configuration.\n\n',
  );
  assert.equal(readFileSync(join(dir, ".cairn/environment"), "utf8"), "dev");
  assert.ok(existsSync(join(dir, "cairn.tfstate.d/dev")));
  await ws(dir, ["new", "prod"]);
  assert.equal((await ws(dir, ["list"])).stdout, "  default\n  dev\n* prod\n\n");
  assert.equal((await ws(dir, ["show"])).stdout, "prod\n");

  const selected = await ws(dir, ["select", "dev"]);
  assert.deepEqual([selected.code, selected.stdout], [0, 'Switched to workspace "dev".\n']);
  assert.deepEqual([(await ws(dir, ["select", "dev"])).stdout], [""]);

  const exists = await ws(dir, ["new", "dev"]);
  assert.deepEqual([exists.code, exists.stderr], [1, 'Workspace "dev" already exists\n']);
  const missing = await ws(dir, ["select", "qa"]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, '\nWorkspace "qa" doesn\'t exist.\n\nYou can create this workspace with the "new" subcommand \nor include the "-or-create" flag with the "select" subcommand.\n');
  const orCreate = await ws(dir, ["select", "-or-create", "qa"]);
  assert.deepEqual([orCreate.code, orCreate.stdout], [0, 'Created and switched to workspace "qa"!\n']);

  // State paths and terraform.workspace follow the selection.
  assert.equal(currentWorkspace({}, dir), "qa");
  assert.equal(defaultStatePath({ cwd: dir, env: {} }), join(dir, "cairn.tfstate.d/qa/cairn.tfstate"));
  assert.equal(workspaceStatePath(dir, "default"), join(dir, "cairn.tfstate"));
  const usage = await ws(dir, ["select"]);
  assert.deepEqual([usage.code, usage.stderr.split("\n")[0]], [1, "Expected a single argument: NAME."]);
  assert.equal((await ws(dir, [])).code, 1);
});

test("TF_WORKSPACE overrides the file; select and new are refused under it; list notes it", async () => {
  const dir = tempDir("wsenv");
  await ws(dir, ["new", "dev"]);
  await ws(dir, ["new", "staging"]);
  const env = { TF_WORKSPACE: "dev" };
  assert.equal((await ws(dir, ["show"], env)).stdout, "dev\n");
  assert.equal(currentWorkspace(env, dir), "dev");
  assert.equal(
    (await ws(dir, ["list"], env)).stdout,
    "  default\n* dev\n  staging\n\n\n\nThe active workspace is being overridden using the TF_WORKSPACE environment\nvariable.\n\n",
  );
  const sel = await ws(dir, ["select", "staging"], env);
  assert.equal(sel.code, 1);
  assert.match(sel.stderr, /The selected workspace is currently overridden using the TF_WORKSPACE\nenvironment variable\./);
  const created = await ws(dir, ["new", "qa"], env);
  assert.equal(created.code, 1);
  assert.match(created.stderr, /You cannot create a new workspace when using this setting\./);
  assert.equal(existsSync(join(dir, "cairn.tfstate.d/qa")), false);
  assert.equal(readFileSync(join(dir, ".cairn/environment"), "utf8"), "staging");
});

test("invalid workspace names are refused by new, select and delete, and nothing changes on disk", async () => {
  const dir = tempDir("wsbad");
  mkdirSync(join(dir, "cairn.tfstate.d"));
  mkdirSync(join(dir, "victim"));
  const before = snapshot(dir);
  for (const name of ["../victim", "a/b", "with space", "ü", ""]) {
    for (const sub of ["new", "select", "delete"]) {
      const r = await ws(dir, [sub, name]);
      assert.equal(r.code, 1, `${sub} ${name}`);
      assert.equal(r.stderr, `\nThe workspace name ${JSON.stringify(name)} is not allowed. The name must contain only URL safe\ncharacters, and no path separators.\n\n`, `${sub} ${name}`);
    }
  }
  assert.deepEqual(snapshot(dir), before);
  assert.equal((await ws(dir, ["new", "ok-name_1.2~x"])).code, 0);
});

const stateWithResource = JSON.stringify({
  version: 4,
  terraform_version: "1.9.0",
  serial: 3,
  lineage: "3f0e5d2c-1111-2222-3333-444455556666",
  outputs: {},
  resources: [
    {
      module: "module.web",
      mode: "managed",
      type: "terraform_data",
      name: "app",
      provider: 'provider["terraform.io/builtin/terraform"]',
      instances: [{ schema_version: 0, attributes: { id: "x", input: null, output: null, triggers_replace: null }, sensitive_attributes: [] }],
    },
  ],
  check_results: null,
});

test("workspace delete: refuses the current one, one that does not exist, and one with resources unless -force", async () => {
  const dir = tempDir("wsdel");
  await ws(dir, ["new", "dev"]);
  const current = await ws(dir, ["delete", "dev"]);
  assert.equal(current.code, 1);
  assert.equal(current.stderr, 'Workspace "dev" is your active workspace.\n\nYou cannot delete the currently active workspace. Please switch\nto another workspace and try again.\n');
  const missing = await ws(dir, ["delete", "nope"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^Workspace "nope" doesn't exist\./);

  writeFileSync(workspaceStatePath(dir, "dev"), stateWithResource);
  await ws(dir, ["select", "default"]);
  const before = snapshot(dir);
  const refused = await ws(dir, ["delete", "dev"]);
  assert.equal(refused.code, 1);
  assert.match(refused.flat, /Error: Workspace is not empty/);
  assert.match(refused.stderr, /Workspace "dev" is currently tracking the following resource instances:\n│   - module\.web\.terraform_data\.app\n/);
  assert.match(refused.flat, /use the -force option to disable this safety check/);
  // Nothing changed but the state lock's own file, which is made by the first lock and never removed.
  const after = snapshot(dir);
  after.delete("cairn.tfstate.d/dev/.cairn.tfstate.lock.db");
  assert.deepEqual(after, before);

  const forced = await ws(dir, ["delete", "-force", "dev"]);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /^Deleted workspace "dev"!\nWARNING: "dev" was non-empty\./);
  assert.equal(existsSync(join(dir, "cairn.tfstate.d/dev")), false);
  assert.equal((await ws(dir, ["list"])).stdout, "* default\n\n");

  await ws(dir, ["new", "empty"]);
  await ws(dir, ["select", "default"]);
  const plain = await ws(dir, ["delete", "empty"]);
  assert.deepEqual([plain.code, plain.stdout], [0, 'Deleted workspace "empty"!\n']);
  await ws(dir, ["new", "other"]);
  const dflt = await ws(dir, ["delete", "default"]);
  assert.deepEqual([dflt.code, dflt.stderr], [1, "can't delete default state\n"]);
});
