// Attributes of nested object types (protocol 6 `nested_type`) through a real plugin process: the test
// plugin in nested-plugin/ (every nesting mode; required, optional, optional+computed, computed-only and
// sensitive attributes inside) run through dev_overrides. Cairn's plan output (create, update, destroy),
// the state it writes and `show -json` must be what Terraform 1.11 produced for the same plugin and
// configurations: those answers are kept in testdata/nested-attributes/, and when a real `terraform` is on
// the PATH a second test runs it and checks that it still gives them.

import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cairnBin, devOverridePlugin, noPluginsLeft, repoRoot, run, type Run, terraformAvailable } from "./support.js";

const testdata = join(repoRoot, "test", "providers", "plugin", "testdata", "nested-attributes");
const golden = (name: string): string => readFileSync(join(testdata, name), "utf8");

/** What one tool answered at each step; compared with the goldens. */
interface Answers {
  readonly planCreate: string;
  readonly stateCreate: unknown;
  readonly planUpdate: string;
  readonly stateUpdate: unknown;
  readonly showUpdate: unknown;
  readonly planDestroy: string;
}

/** The plan's actions, from "… will perform the following actions:" to the "Plan:" line, tool name removed. */
function actions(r: Run): string {
  const lines = r.stdout.split("\n");
  const from = lines.findIndex((l) => / will perform the following actions:$/.test(l));
  const to = lines.findIndex((l, i) => i > from && l.startsWith("Plan:"));
  assert.ok(from >= 0 && to > from, `no plan actions in:\n${r.stdout}\n${r.stderr}`);
  return lines
    .slice(from, to + 1)
    .join("\n")
    .replace(/^\w+ will perform/, "TOOL will perform");
}

/** The one instance in the state file: its attributes and sensitive paths (what Terraform's state holds). */
function instance(dir: string, stateFile: string): unknown {
  const state = JSON.parse(readFileSync(join(dir, stateFile), "utf8")) as { resources: { instances: { attributes: unknown; sensitive_attributes: unknown }[] }[] };
  const i = state.resources[0]!.instances[0]!;
  // Terraform writes the sensitive paths in no fixed order (a Go map): compared as a set.
  const paths = (i.sensitive_attributes as unknown[]).map((p) => JSON.stringify(p)).sort();
  return { attributes: i.attributes, sensitive_attributes: paths.map((p) => JSON.parse(p) as unknown) };
}

function shown(r: Run): unknown {
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { values: { root_module: { resources: { values: unknown; sensitive_values: unknown }[] } } };
  const res = j.values.root_module.resources[0]!;
  return { values: res.values, sensitive_values: res.sensitive_values };
}

async function drive(tool: (...args: string[]) => Promise<Run>, dir: string, stateFile: string): Promise<Answers> {
  const ok = (r: Run, code = 0): Run => {
    assert.equal(r.code, code, r.stdout + r.stderr);
    return r;
  };
  copyFileSync(join(testdata, "create.tf"), join(dir, "main.tf"));
  const planCreate = actions(ok(await tool("plan", "-no-color", "-detailed-exitcode"), 2));
  ok(await tool("apply", "-auto-approve", "-no-color"));
  const stateCreate = instance(dir, stateFile);
  ok(await tool("plan", "-no-color", "-detailed-exitcode"), 0);
  copyFileSync(join(testdata, "update.tf"), join(dir, "main.tf"));
  const planUpdate = actions(ok(await tool("plan", "-no-color", "-detailed-exitcode"), 2));
  ok(await tool("apply", "-auto-approve", "-no-color"));
  const stateUpdate = instance(dir, stateFile);
  const showUpdate = shown(await tool("show", "-json"));
  ok(await tool("plan", "-no-color", "-detailed-exitcode"), 0);
  const planDestroy = actions(ok(await tool("plan", "-destroy", "-no-color"), 0));
  ok(await tool("destroy", "-auto-approve", "-no-color"));
  return { planCreate, stateCreate, planUpdate, stateUpdate, showUpdate, planDestroy };
}

/** UPDATE_GOLDEN=1 on the Terraform test rewrites the kept answers from what Terraform gives (read them over). */
function keepTerraformAnswers(a: Answers): void {
  writeFileSync(join(testdata, "plan-create.txt"), a.planCreate);
  writeFileSync(join(testdata, "state-create.json"), JSON.stringify(a.stateCreate, null, 2) + "\n");
  writeFileSync(join(testdata, "plan-update.txt"), a.planUpdate);
  writeFileSync(join(testdata, "state-update.json"), JSON.stringify(a.stateUpdate, null, 2) + "\n");
  writeFileSync(join(testdata, "show-update.json"), JSON.stringify(a.showUpdate, null, 2) + "\n");
  writeFileSync(join(testdata, "plan-destroy.txt"), a.planDestroy);
}

function assertTerraformAnswers(a: Answers): void {
  assert.equal(a.planCreate, golden("plan-create.txt"));
  assert.deepEqual(a.stateCreate, JSON.parse(golden("state-create.json")));
  assert.equal(a.planUpdate, golden("plan-update.txt"));
  assert.deepEqual(a.stateUpdate, JSON.parse(golden("state-update.json")));
  assert.deepEqual(a.showUpdate, JSON.parse(golden("show-update.json")));
  assert.equal(a.planDestroy, golden("plan-destroy.txt"));
}

describe("attributes of nested object types through a plugin", () => {
  let root = "";
  let env: NodeJS.ProcessEnv = {};

  before(() => {
    root = mkdtempSync(join(tmpdir(), "cairn-nested-attrs-"));
    env = devOverridePlugin(root, "nested-plugin", "nested");
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("Cairn plans, applies, stores and shows them as Terraform does", async () => {
    const dir = mkdtempSync(join(root, "cairn-"));
    const answers = await drive((...args) => run(cairnBin, args, dir, env), dir, "cairn.tfstate");
    assertTerraformAnswers(answers);
    assert.deepEqual(await noPluginsLeft(dir), []);
  });

  it("a missing required nested attribute is reported at the configuration, as Terraform reports it", async () => {
    const dir = mkdtempSync(join(root, "bad-"));
    writeFileSync(
      join(dir, "main.tf"),
      golden("create.tf").replace(/settings = \{[^}]*\}/, "settings = {\n    size = 1\n  }").replace("{ port = 80 },", "{ protocol = \"udp\" },"),
    );
    const r = await run(cairnBin, ["plan", "-no-color"], dir, env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /on main\.tf line 13, in resource "nested_thing" "a":/);
    assert.match(r.stderr, /Inappropriate value for attribute "settings": attribute "mode" is required\./);
    assert.match(r.stderr, /Inappropriate value for attribute "rules": element 0: attribute "port" is\s+required\./);
  });

  it("Terraform still gives the answers kept in testdata", { skip: terraformAvailable() ? false : "the real terraform binary is not on the PATH: the kept answers were not checked against it" }, async () => {
    const dir = mkdtempSync(join(root, "terraform-"));
    const answers = await drive((...args) => run("terraform", args, dir, env), dir, "terraform.tfstate");
    if (process.env.UPDATE_GOLDEN === "1") keepTerraformAnswers(answers);
    assertTerraformAnswers(answers);
  });
});
