// A provider that offers only protocol 5 (as providers built on Terraform's older SDK do): Cairn offers
// both versions in the go-plugin handshake, the plugin chooses 5, and Cairn drives it through tfplugin5's
// calls. The plugin is Cairn's cluster provider served with -protocol=5 (no third-party provider binary can
// be downloaded here). Its log lines reach CAIRN_LOG_PATH at the level CAIRN_LOG asks for.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { currentPlatform } from "../../../providers/install/platform.js";
import { cairnBin, makeClusterMirror, noPluginsLeft, run, versionsTf } from "./support.js";

describe("a provider plugin that speaks only protocol 5", () => {
  let root = "";
  let dir = "";
  let env: NodeJS.ProcessEnv = {};

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "cairn-plugin5-"));
    makeClusterMirror(join(root, "mirror"), currentPlatform(), "-protocol=5");
    writeFileSync(join(root, "cli.tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = "${join(root, "mirror")}"\n  }\n}\n`);
    env = { TF_CLI_CONFIG_FILE: join(root, "cli.tfrc") };
    dir = join(root, "work");
    mkdirSync(dir);
    writeFileSync(join(dir, "versions.tf"), versionsTf);
    writeFileSync(
      join(dir, "main.tf"),
      `resource "cluster_namespace" "ns" {\n  count = 3\n  name  = "p5-\${count.index}"\n  labels = { team = "x" }\n}\n`,
    );
    const init = await run(cairnBin, ["init"], dir, env);
    assert.equal(init.code, 0, init.stdout + init.stderr);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("reports the provider's validation errors (PrepareProviderConfig, protocol 5's name for it)", async () => {
    writeFileSync(join(dir, "provider.tf"), `provider "cluster" {\n  endpoint = "ftp://example"\n}\n`);
    const plan = await run(cairnBin, ["plan"], dir, env);
    rmSync(join(dir, "provider.tf"));
    assert.equal(plan.code, 1, plan.stdout + plan.stderr);
    assert.match(plan.stderr, /Invalid cluster endpoint/);
    assert.deepEqual(await noPluginsLeft(dir), []);
  });

  it("plans, applies, plans no changes and destroys, logging at the level asked for", async () => {
    const log = join(root, "debug.log");
    const plan = await run(cairnBin, ["plan", "-detailed-exitcode"], dir, { ...env, CAIRN_LOG: "DEBUG", CAIRN_LOG_PATH: log });
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /Plan: 3 to add, 0 to change, 0 to destroy\./);
    assert.match(readFileSync(log, "utf8"), /\[DEBUG\] provider\[registry\.terraform\.io\/cairn\/cluster\]: started .* plugin protocol version 5/);
    const quiet = join(root, "error.log");
    const apply = await run(cairnBin, ["apply", "-auto-approve"], dir, { ...env, CAIRN_LOG: "ERROR", CAIRN_LOG_PATH: quiet });
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.match(apply.stdout, /Apply complete! Resources: 3 added, 0 changed, 0 destroyed\./);
    assert.doesNotMatch(readFileSync(quiet, { encoding: "utf8", flag: "a+" }), /\[DEBUG\]/);
    const noop = await run(cairnBin, ["plan", "-detailed-exitcode"], dir, env);
    assert.equal(noop.code, 0, noop.stdout + noop.stderr);
    const show = await run(cairnBin, ["show", "-json"], dir, env);
    const values = (JSON.parse(show.stdout) as { values: { root_module: { resources: { values: { name: string; labels: Record<string, string> } }[] } } }).values.root_module.resources.map((r) => r.values);
    assert.deepEqual(values.map((v) => [v.name, v.labels]), [0, 1, 2].map((i) => [`p5-${i}`, { team: "x" }]));
    const destroy = await run(cairnBin, ["destroy", "-auto-approve"], dir, env);
    assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
    assert.match(destroy.stdout, /Destroy complete! Resources: 3 destroyed\./);
    assert.deepEqual(await noPluginsLeft(dir), []);
  });
});
