// Acceptance 3 with packed packages and version constraints: a filesystem mirror in Terraform's packed
// layout (terraform-provider-cluster_VERSION_OS_ARCH.zip) holding several versions; required_providers in
// the root module and a child module constrain the version. `cairn init` selects what Terraform selects,
// writes the same .terraform.lock.hcl as `terraform init -plugin-dir` (compared byte for byte where the real
// binary is present), accepts a lock that records only the zip's zh: hash (as a registry-made lock does),
// and refuses a package whose hash changed: at init for the zip, at run time for the installed executable.

import assert from "node:assert/strict";
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { packageHashZh } from "../../../providers/install/package-hash.js";
import { currentPlatform } from "../../../providers/install/platform.js";
import { cairnBin, makePackedClusterMirror, noPluginsLeft, run, terraformAvailable, writeZip } from "./support.js";

const rootTf = `terraform {
  required_providers {
    cluster = { source = "cairn/cluster", version = "~> 0.2, >= 0.1" }
  }
}

module "m" {
  source = "./mod"
}

resource "cluster_namespace" "ns" {
  name = "packed"
}
`;
const moduleTf = `terraform {
  required_providers {
    cluster = { source = "cairn/cluster", version = "< 0.2.4" }
  }
}
`;

describe("a packed filesystem mirror and version constraints", () => {
  let root = "";
  let mirror = "";
  const platform = currentPlatform();
  const unwrapped = (s: string) => s.replace(/\s*\n[│╷╵]?\s*/g, " ");

  function workdir(name: string): string {
    const d = join(root, name);
    mkdirSync(join(d, "mod"), { recursive: true });
    writeFileSync(join(d, "main.tf"), rootTf);
    writeFileSync(join(d, "mod", "main.tf"), moduleTf);
    return d;
  }

  before(() => {
    root = mkdtempSync(join(tmpdir(), "cairn-packed-"));
    mirror = join(root, "mirror");
    makePackedClusterMirror(mirror, platform, ["0.1.0", "0.2.0", "0.2.3", "0.2.5", "0.3.0-rc1", "1.0.0"]);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("selects the newest version every constraint admits and locks it as Terraform does", async (t) => {
    const d = workdir("cairn");
    const init = await run(cairnBin, ["init", `-plugin-dir=${mirror}`], d, { TF_CLI_CONFIG_FILE: "/dev/null" });
    assert.equal(init.code, 0, init.stdout + init.stderr);
    assert.match(init.stdout, /- Finding cairn\/cluster versions matching ">= 0\.1\.0, ~> 0\.2, < 0\.2\.4"\.\.\./);
    assert.match(init.stdout, /- Installed cairn\/cluster v0\.2\.3 \(unauthenticated/);
    const lock = readFileSync(join(d, ".terraform.lock.hcl"), "utf8");
    assert.match(lock, /version {5}= "0\.2\.3"\n {2}constraints = ">= 0\.1\.0, ~> 0\.2, < 0\.2\.4"\n {2}hashes = \[\n {4}"h1:/);
    const apply = await run(cairnBin, ["apply", "-auto-approve"], d, { TF_CLI_CONFIG_FILE: "/dev/null" });
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.deepEqual(await noPluginsLeft(d), []);
    if (!terraformAvailable()) {
      t.diagnostic("the real terraform binary is not on the PATH: the lock file was not compared with Terraform's");
      return;
    }
    const tf = workdir("terraform");
    const tfInit = await run("terraform", ["init", "-backend=false", `-plugin-dir=${mirror}`], tf, { TF_CLI_CONFIG_FILE: "/dev/null" });
    assert.equal(tfInit.code, 0, tfInit.stdout + tfInit.stderr);
    assert.equal(lock, readFileSync(join(tf, ".terraform.lock.hcl"), "utf8"));
    const tfLock = await run("terraform", ["providers", "lock", `-fs-mirror=${mirror}`, `-platform=${platform}`], tf, { TF_CLI_CONFIG_FILE: "/dev/null" });
    assert.equal(tfLock.code, 0, tfLock.stdout + tfLock.stderr);
    assert.equal(lock, readFileSync(join(tf, ".terraform.lock.hcl"), "utf8"));
  });

  it("keeps the locked version until -upgrade, and says so when the constraints exclude it", async () => {
    const d = workdir("upgrade");
    writeFileSync(join(d, "mod", "main.tf"), moduleTf.replace("< 0.2.4", "< 0.2.1"));
    assert.equal((await run(cairnBin, ["init", `-plugin-dir=${mirror}`], d, {})).code, 0);
    writeFileSync(join(d, "mod", "main.tf"), moduleTf);
    const again = await run(cairnBin, ["init", `-plugin-dir=${mirror}`], d, {});
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /- Reusing previous version of cairn\/cluster from the dependency lock file\n- Installing cairn\/cluster v0\.2\.0\.\.\./);
    const upgrade = await run(cairnBin, ["init", "-upgrade", `-plugin-dir=${mirror}`], d, {});
    assert.equal(upgrade.code, 0, upgrade.stdout + upgrade.stderr);
    assert.match(upgrade.stdout, /- Installed cairn\/cluster v0\.2\.3 /);
    writeFileSync(join(d, "main.tf"), rootTf.replace("~> 0.2, >= 0.1", ">= 1.0"));
    writeFileSync(join(d, "mod", "main.tf"), moduleTf.replace("< 0.2.4", ">= 0.1"));
    const excluded = await run(cairnBin, ["init", `-plugin-dir=${mirror}`], d, {});
    assert.equal(excluded.code, 1, excluded.stdout + excluded.stderr);
    assert.match(unwrapped(excluded.stderr), /locked provider registry\.terraform\.io\/cairn\/cluster 0\.2\.3 does not match configured version constraint >= 0\.1\.0, >= 1\.0\.0; must use cairn init -upgrade/);
    writeFileSync(join(d, "main.tf"), rootTf.replace("~> 0.2, >= 0.1", ">= 2.0"));
    const none = await run(cairnBin, ["init", "-upgrade", `-plugin-dir=${mirror}`], d, {});
    assert.equal(none.code, 1, none.stdout + none.stderr);
    assert.match(unwrapped(none.stderr), /no available releases match the given constraints >= 0\.1\.0, >= 2\.0\.0/);
  });

  it("accepts a lock recording only the zip's zh: hash and refuses changed packages", async () => {
    const d = workdir("hashes");
    const zip = join(mirror, "registry.terraform.io", "cairn", "cluster", `terraform-provider-cluster_0.2.3_${platform}.zip`);
    const zh = packageHashZh(zip);
    writeFileSync(join(d, ".terraform.lock.hcl"), `provider "registry.terraform.io/cairn/cluster" {\n  version = "0.2.3"\n  hashes = [\n    "${zh}",\n  ]\n}\n`);
    const init = await run(cairnBin, ["init", `-plugin-dir=${mirror}`], d, {});
    assert.equal(init.code, 0, init.stdout + init.stderr);
    const lock = readFileSync(join(d, ".terraform.lock.hcl"), "utf8");
    assert.ok(lock.includes(`"${zh}"`) && /"h1:[A-Za-z0-9+/]{43}="/.test(lock), lock);

    // The installed executable changed after init: no command runs it.
    const installed = join(d, ".terraform", "providers", "registry.terraform.io", "cairn", "cluster", "0.2.3", platform);
    appendFileSync(join(installed, readdirSync(installed)[0]!), "# changed\n");
    const plan = await run(cairnBin, ["plan"], d, {});
    assert.equal(plan.code, 1, plan.stdout + plan.stderr);
    assert.match(unwrapped(plan.stderr), /does not match any of the checksums recorded in the dependency lock file/);

    // The mirror's zip changed: init refuses it for the locked version.
    const copy = readFileSync(zip);
    writeZip(zip, [{ name: "terraform-provider-cluster_v0.2.3", data: Buffer.from(`#!/bin/sh\nexec "${cairnBin}" provider serve cluster # changed\n`), mode: 0o755 }]);
    const refused = await run(cairnBin, ["init", `-plugin-dir=${mirror}`], d, {});
    writeFileSync(zip, copy);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(unwrapped(refused.stderr), /doesn't match any of the checksums previously recorded in the dependency lock file/);
    assert.deepEqual(await noPluginsLeft(d), []);
  });
});
