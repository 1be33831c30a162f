// State written by an older schema version of a plugin's resource type is upgraded by the plugin
// (UpgradeResourceState) before Cairn reads it, as Terraform does: versioned-plugin/ renamed its argument
// twice (title → label → name). Each row starts from a state file in one layout and runs `plan
// -detailed-exitcode` then `apply`; where the real terraform binary is on the PATH, Terraform runs the same
// rows and must agree on the exit codes and the state written.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cairnBin, devOverridePlugin, noPluginsLeft, run, terraformAvailable } from "./support.js";

const config = `terraform {
  required_providers {
    versioned = { source = "example.com/test/versioned" }
  }
}

resource "versioned_thing" "a" {
  name = "alpha"
}
`;

interface Row {
  readonly name: string;
  readonly schemaVersion: number;
  readonly attributes: Record<string, string>;
  /** `plan -detailed-exitcode`: 0 no changes, 1 an error, 2 changes. */
  readonly planExit: number;
  /** What the error output must say (planExit 1). */
  readonly error?: RegExp;
  /** The instance in state after `apply` (planExit 0 or 2). */
  readonly after?: { readonly schema_version: number; readonly attributes: Record<string, string> };
}

const current = { schema_version: 2, attributes: { id: "alpha", name: "alpha" } };

const rows: Row[] = [
  { name: "version 0 (title)", schemaVersion: 0, attributes: { id: "alpha", title: "alpha" }, planExit: 0, after: current },
  { name: "version 1 (label)", schemaVersion: 1, attributes: { id: "alpha", label: "alpha" }, planExit: 0, after: current },
  { name: "version 1 with another value: an update after the upgrade", schemaVersion: 1, attributes: { id: "alpha", label: "old" }, planExit: 2, after: current },
  { name: "the current version", schemaVersion: 2, attributes: { id: "alpha", name: "alpha" }, planExit: 0, after: current },
  { name: "a layout the plugin cannot read", schemaVersion: 0, attributes: { id: "alpha", label: "alpha" }, planExit: 1, error: /Cannot upgrade versioned_thing/ },
  { name: "a newer version than the plugin's", schemaVersion: 3, attributes: { id: "alpha", name: "alpha" }, planExit: 1, error: /Resource instance managed by newer provider version/ },
];

function stateFile(row: Row): string {
  return JSON.stringify({
    version: 4,
    terraform_version: "1.11.4",
    serial: 1,
    lineage: "5f0c6a52-5d0e-4c1a-9d1e-0c7f2f8f6b11",
    outputs: {},
    resources: [
      {
        mode: "managed",
        type: "versioned_thing",
        name: "a",
        provider: 'provider["example.com/test/versioned"]',
        instances: [{ schema_version: row.schemaVersion, attributes: row.attributes, sensitive_attributes: [] }],
      },
    ],
    check_results: null,
  });
}

interface Outcome {
  readonly planExit: number;
  readonly output: string;
  readonly after?: unknown;
}

type Runner = (dir: string, args: readonly string[]) => ReturnType<typeof run>;

async function drive(runCmd: Runner, dir: string, stateName: string, row: Row): Promise<Outcome> {
  writeFileSync(join(dir, "main.tf"), config);
  writeFileSync(join(dir, stateName), stateFile(row));
  const plan = await runCmd(dir, ["plan", "-detailed-exitcode", "-no-color"]);
  if (plan.code === 1) return { planExit: 1, output: plan.stdout + plan.stderr };
  const apply = await runCmd(dir, ["apply", "-auto-approve", "-no-color"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  const state = JSON.parse(readFileSync(join(dir, stateName), "utf8")) as { resources: { instances: { schema_version: number; attributes: unknown }[] }[] };
  const inst = state.resources[0]!.instances[0]!;
  return { planExit: plan.code, output: plan.stdout + plan.stderr, after: { schema_version: inst.schema_version, attributes: inst.attributes } };
}

function check(o: Outcome, row: Row): void {
  assert.equal(o.planExit, row.planExit, o.output);
  if (row.error !== undefined) {
    assert.match(o.output, row.error);
    assert.match(o.output, /versioned_thing\.a/, "the error names the resource instance");
  }
  if (row.after !== undefined) assert.deepEqual(o.after, row.after);
}

describe("state upgrades through a plugin (UpgradeResourceState)", () => {
  let root = "";
  let env: NodeJS.ProcessEnv = {};

  before(() => {
    root = mkdtempSync(join(tmpdir(), "cairn-upgrade-state-"));
    env = devOverridePlugin(root, "versioned-plugin", "versioned");
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const row of rows) {
    it(`Cairn: ${row.name}`, async () => {
      const dir = mkdtempSync(join(root, "cairn-"));
      check(await drive((d, args) => run(cairnBin, args, d, env), dir, "cairn.tfstate", row), row);
      assert.deepEqual(await noPluginsLeft(dir), []);
    });
    it(`Terraform agrees: ${row.name}`, { skip: terraformAvailable() ? false : "the real terraform binary is not on the PATH" }, async () => {
      const dir = mkdtempSync(join(root, "terraform-"));
      check(await drive((d, args) => run("terraform", args, d, env), dir, "terraform.tfstate", row), row);
    });
  }
});
