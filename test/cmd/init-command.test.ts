import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCommand } from "../../cmd/commands/get.js";
import { initCommand } from "../../cmd/commands/init.js";
import { copyFixture, runCommand } from "./state-harness.js";

test("init on a valid configuration creates .cairn/ and prints Terraform's closing text", async () => {
  const dir = copyFixture("validate-ok");
  const r = await runCommand(initCommand, dir, ["-input=false"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "Initializing the backend...\n" +
      "Initializing provider plugins...\n" +
      "- terraform.io/builtin/terraform is built in to Cairn\n\n" +
      "Cairn has been successfully initialized!\n\n" +
      'You may now begin working with Cairn. Try running "cairn plan" to see\n' +
      "any changes that are required for your infrastructure. All Cairn commands\n" +
      "should now work.\n\n" +
      "If you ever set or change modules or backend configuration for Cairn,\n" +
      "rerun this command to reinitialize your working directory. If you forget, other\n" +
      "commands will detect it and remind you to do so if necessary.\n",
  );
  assert.ok(statSync(join(dir, ".cairn")).isDirectory());
  // Running it again is fine (-upgrade accepted).
  assert.equal((await runCommand(initCommand, dir, ["-upgrade"])).code, 0);
});

test("init with configuration errors prints them, exit 1, and creates nothing", async () => {
  const dir = tempConfig('resource "terraform_data" "a" {\n  input = "x"\n');
  const r = await runCommand(initCommand, dir, []);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Error: Cairn encountered problems during initialisation/);
  assert.match(r.stderr, /Error: Unclosed configuration block/);
  assert.equal(existsSync(join(dir, ".cairn")), false);
});

// terraform 1.11 reports a syntax error in a resource's argument, where init reads no expression, as this.
test("init reports a syntax error inside a resource body, among arguments it does not read", async () => {
  const dir = tempConfig('resource "terraform_data" "a" {\n  input = "x"\n}\nresource "terraform_data" "b" {\n  input = "x" +\n}\n');
  const r = await runCommand(initCommand, dir, ["-no-color"]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr.slice(r.stderr.indexOf("Error: Invalid expression")),
    "Error: Invalid expression\n\n" +
      '  on main.tf line 5, in resource "terraform_data" "b":\n' +
      '   5:   input = "x" +\n' +
      "   6: }\n\n" +
      "Expected the start of an expression, but found an invalid expression token.\n",
  );
  assert.equal(existsSync(join(dir, ".cairn")), false);
});

// terraform 1.11 initializes this directory (exit 0): references and expressions are judged by validate.
test("init does not fail on reference errors, which are validate's to report", async () => {
  const dir = tempConfig('resource "terraform_data" "a" {\n  input = var.nope + local.x\n}\noutput "o" { value = upper(1, 2) }\n');
  const r = await runCommand(initCommand, dir, ["-input=false"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /Cairn has been successfully initialized!/);
});

// terraform 1.11: `init` and `get` install the called modules (exit 0) though the root and the child refer to
// names neither declares.
test("init and get do not fail on reference errors in a configuration that calls modules", async () => {
  const dir = tempConfig('module "m" {\n  source = "./m"\n}\noutput "o" {\n  value = var.nope\n}\n');
  mkdirSync(join(dir, "m"));
  writeFileSync(join(dir, "m", "main.tf"), 'output "x" {\n  value = local.missing\n}\n');
  for (const [command, args] of [[initCommand, ["-input=false"]], [getCommand, []]] as const) {
    const r = await runCommand(command, dir, [...args]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /- m in m\n/);
  }
});

function tempConfig(main: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cairn-init-"));
  writeFileSync(join(dir, "main.tf"), main);
  return dir;
}

test("init in an empty directory says so, exit 0", async () => {
  const dir = copyFixture("init-empty");
  const r = await runCommand(initCommand, dir, []);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Cairn initialized in an empty directory!\n\nThe directory has no Cairn configuration files\./);
});

test("init refuses providers Cairn cannot install", async () => {
  const dir = copyFixture("init-foreign");
  const r = await runCommand(initCommand, dir, []);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Error: Failed to query available provider packages/);
  assert.match(r.flat, /provider hashicorp\/aws/);
});
