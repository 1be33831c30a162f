// Provider configurations across module boundaries, as Terraform: a child inherits its caller's default
// configuration, receives aliased ones through `providers = { ... }`, may declare its own (a "legacy" module,
// which then cannot be called with count/for_each/depends_on), and an aliased configuration that is not
// passed is an error at the reference.

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";

const errors = <D extends { severity: string }>(ds: readonly D[]): D[] => ds.filter((d) => d.severity === "error");
const required = `terraform {\n  required_providers {\n    test = { source = "example.com/test/test" }\n  }\n}\n`;

test("providers: inherited default, passed alias, and a child's own block each configure the right resources", async () => {
  const dir = writeConfig({
    "main.tf": `${required}
provider "test" { region = "root-default" }
provider "test" {
  alias  = "west"
  region = "west"
}
module "inherit" { source = "./plain" }
module "passed" {
  source    = "./plain"
  providers = { test = test.west }
}
module "aliased" {
  source    = "./aliased"
  providers = { test.peer = test.west }
}
module "own" { source = "./own" }
`,
    "plain/main.tf": `${required}resource "test_thing" "t" { name = "plain-\${path.module}" }\n`,
    "aliased/main.tf": `terraform {\n  required_providers {\n    test = {\n      source                = "example.com/test/test"\n      configuration_aliases = [test.peer]\n    }\n  }\n}\nresource "test_thing" "a" {\n  provider = test.peer\n  name     = "aliased"\n}\nresource "test_thing" "d" { name = "aliased-default" }\n`,
    "own/main.tf": `${required}variable "r" { default = "own-region" }\nprovider "test" { region = var.r }\nresource "test_thing" "o" { name = "own" }\n`,
  });
  const { h, diags } = await harness(dir);
  assert.deepEqual(errors(diags), []);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  const providerOf = new Map(r.state.resources.map((x) => [`${x.module}.${x.name}`, x.provider]));
  const p = 'provider["example.com/test/test"]';
  assert.deepEqual(Object.fromEntries(providerOf), {
    "module.inherit.t": p,
    "module.passed.t": `${p}.west`,
    "module.aliased.a": `${p}.west`,
    "module.aliased.d": p,
    "module.own.o": `module.own.${p}`,
  });
  // Each configuration was configured with its own arguments (the child's from its own variable).
  assert.deepEqual(h!.providers.map((x) => x.region).filter((x) => x !== undefined).sort(), ["own-region", "root-default", "west"]);
  const again = await h!.plan(r.state);
  assert.deepEqual(errors(again.diags), []);
  assert.equal(again.plan!.applyable, false);
});

test("providers: nested modules pass an alias down two levels", async () => {
  const dir = writeConfig({
    "main.tf": `${required}provider "test" {\n  alias  = "east"\n  region = "east"\n}\nmodule "a" {\n  source    = "./a"\n  providers = { test = test.east }\n}\n`,
    "a/main.tf": `module "b" { source = "./b" }\n`,
    "a/b/main.tf": `${required}resource "test_thing" "x" { name = "deep" }\n`,
  });
  const { h, diags } = await harness(dir);
  assert.deepEqual(errors(diags), []);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  assert.equal(r.state.resources[0]!.provider, 'provider["example.com/test/test"].east');
});

test("providers: an aliased configuration that is not passed, and a legacy module called with count, are errors", async () => {
  const dir = writeConfig({
    "main.tf": `${required}provider "test" { alias = "west" }\nmodule "m" { source = "./m" }\n`,
    "m/main.tf": `${required}resource "test_thing" "a" {\n  provider = test.west\n  name     = "a"\n}\n`,
  });
  const { h } = await harness(dir);
  const p = await h!.plan(undefined);
  const e = errors(p.diags);
  assert.deepEqual(e.map((d) => d.summary), ["Missing required provider configuration"]);
  assert.equal(e[0]!.subject?.filename, "m/main.tf");
  assert.equal(e[0]!.subject?.start.line, 7);
  assert.match(e[0]!.detail ?? "", /module call module\.m does not pass/);

  const dir2 = writeConfig({
    "main.tf": `module "m" {\n  source = "./m"\n  count  = 2\n}\n`,
    "m/main.tf": `provider "terraform" {}\nresource "terraform_data" "x" {}\n`,
  });
  const { h: h2 } = await harness(dir2);
  const p2 = await h2!.plan(undefined);
  const e2 = errors(p2.diags);
  assert.deepEqual(e2.map((d) => d.summary), ["Module is incompatible with count, for_each, and depends_on"]);
  assert.equal(e2[0]!.subject?.start.line, 3);
});
