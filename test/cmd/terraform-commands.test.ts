// The Terraform commands Cairn gained for issue 15: taint/untaint, import, modules, providers and get, run
// in-process on fixture directories. Expected texts are what Terraform 1.11 prints for the same directory
// (asked of the real binary); when `terraform` is on the PATH the module listing is compared with it live.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { commands, type Command } from "../../cmd/registry.js";
import { runCommand } from "./state-harness.js";

async function cmd(name: string): Promise<Command> {
  const e = commands.get(name);
  assert.ok(e, `command ${name} is registered`);
  return e.load();
}

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-tfcmd-"));
  for (const [n, t] of Object.entries(files)) {
    mkdirSync(dirname(join(d, n)), { recursive: true });
    writeFileSync(join(d, n), t);
  }
  return d;
}

const moduleTree = {
  "main.tf": 'module "a" {\n  source = "./mod"\n}\nmodule "b" {\n  source = "./mod"\n  count  = 2\n}\nresource "terraform_data" "x" {}\n',
  "mod/main.tf": 'module "s" {\n  source = "./sub"\n}\nresource "terraform_data" "y" {}\n',
  "mod/sub/main.tf": 'resource "terraform_data" "z" {}\n',
};

test("modules -json and the modules tree as Terraform prints them", async () => {
  const d = dir(moduleTree);
  const modules = await cmd("modules");
  const json = await runCommand(modules, d, ["-json"]);
  assert.equal(json.code, 0);
  assert.equal(
    json.stdout,
    '{"format_version":"1.0","modules":[{"key":"a","source":"./mod","version":""},{"key":"s","source":"./sub","version":""},{"key":"b","source":"./mod","version":""},{"key":"s","source":"./sub","version":""}]}\n',
  );
  const human = await runCommand(modules, d, []);
  assert.equal(human.stdout, '\nModules declared by configuration:\n.\n├── "a"[./mod]\n│   └── "s"[./sub]\n└── "b"[./mod]\n    └── "s"[./sub]\n\n');
  const none = await runCommand(modules, dir({ "main.tf": 'resource "terraform_data" "x" {}\n' }), ["-json"]);
  assert.equal(none.stdout, '{"format_version":"1.0","modules":null}\n');
  const extra = await runCommand(modules, d, ["extra"]);
  assert.equal(extra.code, 1);
  assert.match(extra.stderr, /Too many command line arguments/);
});

test("modules -json matches the real terraform", { skip: !terraformAvailable() && "terraform is not on the PATH" }, async () => {
  const d = dir(moduleTree);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" };
  // Terraform lists the modules its `get` installed.
  assert.equal(spawnSync("terraform", ["get"], { cwd: d, env }).status, 0);
  const tf = spawnSync("terraform", ["modules", "-json"], { cwd: d, encoding: "utf8", env });
  const ours = await runCommand(await cmd("modules"), d, ["-json"]);
  // Terraform lists the modules in the order its modules.json holds them, which changes from one `get` to
  // the next (a Go map); Cairn's order is the configuration's. The same entries, in any order, are the match.
  const entries = (text: string) => {
    const j = JSON.parse(text) as { format_version: string; modules: unknown[] };
    return { format_version: j.format_version, modules: j.modules.map((m) => JSON.stringify(m)).sort() };
  };
  assert.deepEqual(entries(ours.stdout), entries(tf.stdout));
});

test("providers lists each module's providers with normalized constraints, then the state's", async () => {
  const d = dir({
    ...moduleTree,
    "main.tf": `terraform {\n  required_providers {\n    null = {\n      source  = "hashicorp/null"\n      version = ">= 3.0"\n    }\n  }\n}\n${moduleTree["main.tf"]}`,
  });
  const r = await runCommand(await cmd("providers"), d, []);
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    "\nProviders required by configuration:\n.\n├── provider[registry.terraform.io/hashicorp/null] >= 3.0.0\n├── provider[terraform.io/builtin/terraform]\n├── module.a\n│   ├── provider[terraform.io/builtin/terraform]\n│   └── module.s\n│       └── provider[terraform.io/builtin/terraform]\n└── module.b\n    ├── provider[terraform.io/builtin/terraform]\n    └── module.s\n        └── provider[terraform.io/builtin/terraform]\n\n",
  );
});

test("get installs the called modules and lists them as Terraform does", async () => {
  const d = dir(moduleTree);
  const r = await runCommand(await cmd("get"), d, []);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "- a in mod\n- a.s in mod/sub\n- b in mod\n- b.s in mod/sub\n");
});

test("taint and untaint: messages, exit codes and the state's status as Terraform's", async () => {
  const d = dir({ "main.tf": 'resource "terraform_data" "a" {\n  count = 2\n  input = "x"\n}\n' });
  assert.equal((await runCommand(await cmd("apply"), d, ["-auto-approve", "-input=false"])).code, 0);
  const taint = await cmd("taint");
  const untaint = await cmd("untaint");
  const rows: { c: Command; args: string[]; code: number; out?: string; err?: RegExp }[] = [
    { c: taint, args: ["terraform_data.a[0]"], code: 0, out: "Resource instance terraform_data.a[0] has been marked as tainted.\n" },
    { c: taint, args: ["terraform_data.a[0]"], code: 0, out: "Resource instance terraform_data.a[0] has been marked as tainted.\n" },
    { c: taint, args: ["terraform_data.nope"], code: 1, err: /No such resource instance/ },
    { c: taint, args: ["terraform_data.a"], code: 1, err: /No such resource instance/ },
    { c: taint, args: ["-allow-missing", "terraform_data.nope"], code: 0, err: /not an error because -allow-missing was set/ },
    { c: taint, args: [], code: 1, err: /The taint command expects exactly one argument/ },
    { c: untaint, args: ["terraform_data.a[1]"], code: 1, err: /Resource instance is not tainted/ },
    { c: untaint, args: ["terraform_data.a[0]"], code: 0, out: "Resource instance terraform_data.a[0] has been successfully untainted.\n" },
  ];
  for (const row of rows) {
    const r = await runCommand(row.c, d, row.args);
    assert.equal(r.code, row.code, `${row.args.join(" ")}: ${r.stderr}`);
    if (row.out !== undefined) assert.equal(r.stdout, row.out);
    if (row.err !== undefined) assert.match(r.flat, row.err);
  }
  await runCommand(taint, d, ["terraform_data.a[1]"]);
  const state = JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8")) as { resources: { instances: { index_key: number; status?: string }[] }[] };
  assert.deepEqual(
    state.resources[0]!.instances.map((i) => [i.index_key, i.status]),
    [
      [0, undefined],
      [1, "tainted"],
    ],
  );
});

test("import adopts an object into the configured address; a second import and an unconfigured address fail", async () => {
  const d = dir({ "main.tf": 'resource "terraform_data" "plain" {\n}\n' });
  const imp = await cmd("import");
  const ok = await runCommand(imp, d, ["-input=false", "terraform_data.plain", "plain-id"]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /terraform_data\.plain: Importing from ID "plain-id"\.\.\.[\s\S]*Import successful!/);
  const state = JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8")) as { resources: { name: string; instances: { attributes: { id: string } }[] }[] };
  assert.equal(state.resources[0]!.instances[0]!.attributes.id, "plain-id");
  const again = await runCommand(imp, d, ["-input=false", "terraform_data.plain", "other"]);
  assert.equal(again.code, 1);
  assert.match(again.flat, /Resource already managed by Cairn/);
  const missing = await runCommand(imp, d, ["-input=false", "terraform_data.nope", "x"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /resource address "terraform_data.nope" does not exist in the configuration/);
  const usage = await runCommand(imp, d, ["terraform_data.plain"]);
  assert.equal(usage.code, 1);
  assert.match(usage.stderr, /The import command expects two arguments/);
});

function terraformAvailable(): boolean {
  return spawnSync("terraform", ["version"], { env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" } }).status === 0;
}
