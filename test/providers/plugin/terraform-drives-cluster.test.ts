// Acceptance: the real `terraform` drives Cairn's cluster provider as a plugin (dev_overrides pointing at
// bin/terraform-provider-cluster; init finds the package in a filesystem mirror) through the quick start: init, plan, apply, a plan with no changes
// (-detailed-exitcode 0), `terraform import`, destroy, asserted on exit codes and `terraform show -json`.
// The provider processes Terraform started use .cairn/cluster beside the configuration.

import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { currentPlatform } from "../../../providers/install/platform.js";
import { clusterPluginBin, makeClusterMirror, noPluginsLeft, repoRoot, run, terraformAvailable, versionsTf } from "./support.js";

const skip = terraformAvailable() ? false : "the real terraform binary is not on the PATH: this acceptance test did not run";

interface ShowJson {
  values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } };
}

describe("terraform drives cairn/cluster over the plugin protocol", { skip }, () => {
  let dir = "";
  let env: NodeJS.ProcessEnv = {};
  const tf = (...args: string[]) => run("terraform", [...args, "-no-color"], dir, env);
  const show = async (): Promise<Map<string, Record<string, unknown>>> => {
    const r = await run("terraform", ["show", "-json"], dir, env);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as ShowJson;
    return new Map((j.values?.root_module?.resources ?? []).map((x) => [x.address, x.values]));
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cairn-tf-plugin-"));
    const example = join(repoRoot, "examples", "cluster-basic");
    for (const f of readdirSync(example).filter((n) => n.endsWith(".tf"))) copyFileSync(join(example, f), join(dir, f));
    if (!existsSync(join(dir, "versions.tf"))) writeFileSync(join(dir, "versions.tf"), versionsTf);
    const cli = join(dir, "..", `${dir.split("/").pop()}.tfrc`);
    // Terraform's init still asks an installation method for an overridden provider: the mirror answers it
    // offline, and dev_overrides decides what runs.
    const mirror = join(dir, "..", `${dir.split("/").pop()}.mirror`);
    makeClusterMirror(mirror, currentPlatform());
    writeFileSync(cli, `provider_installation {\n  dev_overrides {\n    "cairn/cluster" = "${dirname(clusterPluginBin)}"\n  }\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
    env = { TF_CLI_CONFIG_FILE: cli, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.tfrc`, { force: true });
    rmSync(`${dir}.mirror`, { recursive: true, force: true });
  });

  it("init, plan, apply, no-op plan, import, destroy", async () => {
    const init = await tf("init", "-input=false");
    assert.equal(init.code, 0, init.stdout + init.stderr);

    const plan = await tf("plan", "-input=false", "-detailed-exitcode");
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /Plan: 12 to add, 0 to change, 0 to destroy\./);

    const apply = await tf("apply", "-input=false", "-auto-approve");
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.match(apply.stdout, /Apply complete! Resources: 12 added, 0 changed, 0 destroyed\./);
    assert.ok(existsSync(join(dir, ".cairn", "cluster")), "the provider's embedded core is .cairn/cluster beside the configuration");
    const applied = await show();
    assert.equal(applied.size, 13); // 12 resources and the nodes data source
    assert.equal(applied.get("cluster_namespace.app")?.name, "app");
    assert.equal(applied.get("cluster_workload.web")?.replicas, 6);
    assert.equal((applied.get("cluster_workload.web")?.placements as unknown[]).length, 6);

    const noop = await tf("plan", "-input=false", "-detailed-exitcode");
    assert.equal(noop.code, 0, noop.stdout + noop.stderr);
    assert.match(noop.stdout, /No changes\./);

    const rm = await tf("state", "rm", "cluster_namespace.app");
    assert.equal(rm.code, 0, rm.stderr);
    const imported = await tf("import", "-input=false", "cluster_namespace.app", "app");
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    assert.match(imported.stdout, /Import successful!/);
    assert.deepEqual((await show()).get("cluster_namespace.app"), applied.get("cluster_namespace.app"));
    const afterImport = await tf("plan", "-input=false", "-detailed-exitcode");
    assert.equal(afterImport.code, 0, afterImport.stdout + afterImport.stderr);

    const destroy = await tf("destroy", "-input=false", "-auto-approve");
    assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
    assert.match(destroy.stdout, /Destroy complete! Resources: 12 destroyed\./);
    assert.equal((await show()).size, 0);
    assert.deepEqual(await noPluginsLeft(dir), [], "every provider process Terraform started has exited");
  });
});
