import { test } from "node:test";
import assert from "node:assert/strict";
import { showCommand } from "../../cmd/commands/show.js";
import { fixtures, golden, runCommand } from "./state-harness.js";

const run = (dir: string, ...args: string[]) => runCommand(showCommand, fixtures + dir, args);

test("show renders every object, modules after the root, then Outputs: (golden)", async () => {
  const r = await run("state-basic");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, golden("show-state-basic.txt"));
  assert.match(r.stdout, /\n\n\nOutputs:\n\ngreeting = "hello"\n/);
  assert.match(r.stdout, /token = \(sensitive value\)\n$/);
  assert.doesNotMatch(r.stdout, /s3cr3t/);
  // top-level empty strings are treated as null and left out, as Terraform does for these providers
  assert.match(r.stdout, /resource "terraform_data" "cfg" \{\n    id = "c-blue"\n\}/);
});

test("show -json prints Terraform's JSON values representation (golden)", async () => {
  const r = await run("state-basic", "-json");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, golden("show-state-basic.json"));
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.format_version, "1.0");
  const web = doc.values.root_module.resources.find((x: { address: string }) => x.address === "terraform_data.web");
  assert.deepEqual(web.sensitive_values, { input: { ports: [false, false] }, output: { ports: [false, false] }, triggers_replace: true });
  assert.equal(web.provider_name, "terraform.io/builtin/terraform");
  assert.deepEqual(web.depends_on, ["terraform_data.pool"]);
  assert.equal(doc.values.root_module.child_modules[0].address, "module.app");
  assert.equal(doc.values.root_module.child_modules[0].resources[0].index, "blue");
});

test("show without state: No state. / a bare format version", async () => {
  assert.deepEqual([(await run("validate-ok")).stdout, (await run("validate-ok")).code], ["No state.\n", 0]);
  assert.equal((await run("validate-ok", "-json")).stdout, '{"format_version":"1.0"}\n');
});

test("show PATH shows a state file; a file that is neither state nor plan is refused with a clear error", async () => {
  const r = await run("validate-ok", "../state-basic/cairn.tfstate");
  assert.equal(r.stdout, golden("show-state-basic.txt"));
  const plan = await run("validate-ok", "main.tf");
  assert.equal(plan.code, 1);
  assert.match(plan.stderr, /Error: Failed to read the given file as a state or plan file/);
  assert.match(plan.flat, /is neither a state file nor a saved plan file/);
});

test("show on a corrupt state fails with the load diagnostic", async () => {
  const r = await run("state-corrupt");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Error: Failed to load state/);
});
